package hostedengine.enginedouble;

import hostedengine.enginedouble.EngineModel.Host;
import hostedengine.enginedouble.EngineModel.Refused;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine double's host updates (guide 6.3.5; ENGINE-API.md §4, §5): {@code upgradecheck} and
 * {@code upgrade} as the engine does them, a step of the model at a time, every change under the
 * model's lock. Which hosts have updates, and which upgrade fails, is asked of the double.
 */
final class HostUpgrades {
    /** The packages the double's check for updates finds, as the engine names them in its events. */
    static final String UPDATED_PACKAGES = "vdsm, ovirt-hosted-engine-ha, ovirt-hosted-engine-setup";

    private final EngineModel model;
    /** Host name (lower case) → the message an upgrade of that host fails with. */
    private final Map<String, String> upgradeFailures = new ConcurrentHashMap<>();
    /** Names (lower case) of the hosts whose repositories hold updates; {@code *}: every host. */
    private final Set<String> pendingUpdates = ConcurrentHashMap.newKeySet();

    HostUpgrades(EngineModel model) { this.model = model; }

    /** An upgrade of the host named {@code hostName} fails with {@code message} (event 841, install_failed). */
    void failUpgrade(String hostName, String message) { upgradeFailures.put(hostName.toLowerCase(Locale.ROOT), message); }

    void clearFailures() { upgradeFailures.clear(); }

    /** POST /hosts/{id}/upgradecheck: events 884 now; one step later what was found (843) and 885. */
    void upgradeCheck(String id) throws Refused {
        synchronized (model) {
            Host h = model.existing(id);
            if (!List.of("up", "non_operational", "maintenance").contains(h.status)) {
                throw Refused.conflict("Cannot check for updates on Host. Host status is illegal for this operation.");
            }
            model.event(884, "normal", "Started to check for available updates on host " + h.name + ".", h.id);
            model.later(() -> {
                synchronized (model) {
                    if (!model.knows(h)) return;
                    h.updateAvailable = hasPendingUpdates(h);
                    String found = h.updateAvailable ? "found updates for packages " + UPDATED_PACKAGES + "." : "no updates found.";
                    if (h.updateAvailable) {
                        model.event(843, "normal", "Host " + h.name + " has available updates: " + UPDATED_PACKAGES + ".", h.id);
                    }
                    model.event(885, "normal", "Check for available updates on host " + h.name
                            + " was completed successfully with message '" + found + "'.", h.id);
                }
            }, 1);
        }
    }

    /**
     * POST /hosts/{id}/upgrade: event 840; an up host goes to maintenance first (its engine VM
     * migrated away), then installing, then (with reboot) reboot, and back to up if it was up,
     * else it stays in maintenance. A failure on request: event 841 and install_failed.
     */
    void upgrade(String id, boolean reboot) throws Refused {
        synchronized (model) {
            Host h = model.existing(id);
            if (!List.of("up", "maintenance", "non_operational").contains(h.status)) {
                throw Refused.conflict("Cannot upgrade Host. Host status is illegal for this operation.");
            }
            if (!h.updateAvailable) throw Refused.conflict("Cannot upgrade Host. There are no available updates for the host.");
            boolean wasUp = h.status.equals("up");
            Optional<Host> vmTarget = model.engineVmTarget(h);
            model.event(840, "normal", "Host " + h.name + " upgrade was started (User: admin@internal-authz).", h.id);
            if (h.status.equals("maintenance")) upgradePackages(h, reboot, false);
            else model.toMaintenance(h, vmTarget, () -> model.later(() -> upgradeFromMaintenance(h, reboot, wasUp), 1));
        }
    }

    private void upgradeFromMaintenance(Host h, boolean reboot, boolean backUp) {
        synchronized (model) {
            if (model.knows(h) && h.status.equals("maintenance")) upgradePackages(h, reboot, backUp);
        }
    }

    private void upgradePackages(Host h, boolean reboot, boolean backUp) {
        h.status = "installing";
        model.event(559, "normal", "Installing Host " + h.name + ". ovirt-host-upgrade : Upgrade packages.", h.id);
        model.later(() -> {
            synchronized (model) {
                if (!model.knows(h) || !h.status.equals("installing")) return;
                String failure = upgradeFailures.get(h.name.toLowerCase(Locale.ROOT));
                if (failure != null) {
                    h.status = "install_failed";
                    model.event(553, "error", "Installing Host " + h.name + ". " + failure.replaceAll("\\.+$", "") + ".", h.id);
                    model.event(841, "error", "Failed to upgrade Host " + h.name + " (User: admin@internal-authz).", h.id);
                    return;
                }
                h.updateAvailable = false;
                pendingUpdates.remove(h.name.toLowerCase(Locale.ROOT));
                if (!reboot) {
                    model.event(842, "normal", "Host " + h.name + " upgrade was completed successfully.", h.id);
                    afterUpgrade(h, backUp);
                    return;
                }
                model.event(888, "normal", "Host " + h.name + " upgrade was completed successfully and will be rebooted.", h.id);
                h.status = "reboot";
                model.later(() -> afterUpgrade(h, backUp), 1);
            }
        }, 1);
    }

    /** The engine activates a host that was up before; one that was in maintenance stays there. */
    private void afterUpgrade(Host h, boolean backUp) {
        synchronized (model) {
            if (!model.knows(h) || !List.of("installing", "reboot").contains(h.status)) return;
            if (backUp) {
                model.up(h);
                return;
            }
            h.status = "maintenance";
            model.event(13, "normal", "Status of host " + h.name + " was set to Maintenance.", h.id);
        }
    }

    private boolean hasPendingUpdates(Host h) {
        return pendingUpdates.contains("*") || pendingUpdates.contains(h.name.toLowerCase(Locale.ROOT));
    }

    /**
     * The hosts named have updates in their repositories: marked at once (as the engine's periodic
     * check would), and found again by every check until they are upgraded; {@code "*"} names every
     * host. A name the engine does not know yet is found by a check once such a host is added.
     */
    void offerUpdates(Collection<String> hostNames) {
        synchronized (model) {
            pendingUpdates.clear();
            hostNames.forEach(n -> pendingUpdates.add(n.toLowerCase(Locale.ROOT)));
            for (Host h : model.hosts()) if (hasPendingUpdates(h)) h.updateAvailable = true;
        }
    }
}
