package hostedengine.engineops;

import hostedengine.engine.VmStatus;
import hostedengine.engineapi.EngineEvent;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code upgrade_hosts} step (guide 6.3.5, and 5.x for hosted-engine hosts): the hosts asked
 * for, updated one at a time with the engine's own {@code upgrade} action, which is what the
 * Administration Portal's Installation, Upgrade does (maintenance with the VMs migrated away,
 * packages, reboot, activation). The host running the engine VM goes last: it is first put into
 * maintenance on its own, so the engine has the HA agents move the engine VM, and the log says
 * where it went; the engine refuses when no other hosted-engine host can take it. A host already
 * in maintenance is updated and left there; one without updates is skipped. The engine's states
 * and events for each host are the log's lines, as an added host's are.
 */
final class HostUpdates {
    /** Upgrade events (ENGINE-API.md §5): finished; finished and the host will be rebooted; failed. */
    private static final int FINISHED = 842;
    private static final int FINISHED_WILL_REBOOT = 888;
    private static final int FAILED = 841;
    /** States the engine leaves a host in when it gives up on it. */
    private static final Set<String> STUCK = Set.of("install_failed", "non_operational", "non_responsive", "error",
            "kdumping", "down");

    private final HostTasks.Context c;
    private final List<String> hostNames;
    private long lastEvent;

    HostUpdates(HostTasks.Context context, List<String> hostNames) {
        this.c = context;
        this.hostNames = hostNames;
    }

    boolean run() throws EngineProblem, InterruptedException {
        lastEvent = c.engine().events(0, null, 1).stream().mapToLong(EngineEvent::id).max().orElse(0);
        c.log().task("Find the hosts to update");
        List<EngineHost> hosts = c.engine().hosts();
        List<String> unknown = hostNames.stream().filter(n -> find(hosts, n).isEmpty()).toList();
        if (hostNames.isEmpty() || !unknown.isEmpty()) {
            c.log().failed(hostNames.isEmpty() ? "No host was named to update."
                    : "The engine has no host named " + String.join(", ", unknown) + " (removed meanwhile?). Refresh the hosts page.");
            return false;
        }
        Optional<String> vmHost = engineVmHost();
        List<EngineHost> order = inOrder(hosts, vmHost);
        c.log().ok("one at a time, in this order: " + String.join(", ", order.stream().map(EngineHost::name).toList())
                + order.stream().filter(h -> runsEngineVm(h, vmHost)).findFirst()
                        .map(h -> " (" + h.name() + " runs the engine VM: it goes last, after the engine VM moved away)").orElse(""),
                false);
        for (EngineHost h : order) if (!update(h.name(), vmHost)) return false;
        return true;
    }

    /** The hosts asked for, as given, with the host running the engine VM moved to the end. */
    private List<EngineHost> inOrder(List<EngineHost> hosts, Optional<String> vmHost) {
        List<EngineHost> order = new ArrayList<>();
        EngineHost last = null;
        for (String name : hostNames) {
            EngineHost h = find(hosts, name).orElseThrow();
            if (order.contains(h) || h.equals(last)) continue;
            if (runsEngineVm(h, vmHost)) last = h;
            else order.add(h);
        }
        if (last != null) order.add(last);
        return order;
    }

    private boolean update(String name, Optional<String> vmHost) throws EngineProblem, InterruptedException {
        c.log().task("Update " + name);
        Optional<EngineHost> found = find(c.engine().hosts(), name);
        if (found.isEmpty()) {
            c.log().failed("The engine no longer has a host named " + name + " (removed meanwhile?).");
            return false;
        }
        EngineHost h = found.get();
        if (!h.updateAvailable()) {
            c.log().ok(name + " has no updates available (the engine's last check found none): skipped", false);
            return true;
        }
        boolean wasUp = h.status().equals("up");
        boolean inMaintenance = h.status().equals("maintenance") || h.localMaintenance();
        c.log().ok(name + " is " + h.status() + (h.localMaintenance() ? ", in hosted-engine local maintenance" : ""), false);
        if (wasUp && runsEngineVm(h, vmHost) && !moveEngineVmAway(h)) return false;
        c.log().task("Upgrade " + name + " (the engine's upgrade action, with a reboot)");
        String before = c.engine().host(h.id()).map(EngineHost::status).orElse(h.status());
        c.engine().upgrade(h.id(), true);
        c.log().ok("upgrade of " + name + " started", true);
        // The engine brings the host back to where it was: up, or maintenance (ENGINE-API.md §4).
        Set<String> back = before.equals("up") || before.equals("maintenance") ? Set.of(before) : Set.of("up", "maintenance");
        if (!await(h, back, true)) return false;
        if (inMaintenance) {
            c.log().ok(name + " was in maintenance before the update and is left in maintenance", false);
            return true;
        }
        return !wasUp || activateIfInMaintenance(h);
    }

    /**
     * The engine VM's host into maintenance on its own first: the engine has the HA agents migrate
     * the engine VM to another hosted-engine host (or refuses, in its own words, when none can take it).
     */
    private boolean moveEngineVmAway(EngineHost h) throws EngineProblem, InterruptedException {
        c.log().task("Move the engine VM away from " + h.name());
        c.engine().deactivate(h.id());
        c.log().ok(h.name() + " runs the engine VM: maintenance requested, the engine migrates the engine VM first", true);
        if (!await(h, Set.of("maintenance"), false)) return false;
        c.log().task("Check where the engine VM runs now");
        long deadline = System.nanoTime() + c.timeout().toNanos();
        while (true) {
            Optional<VmStatus> status = HostTasks.vmStatus(c.hostedEngine());
            if (status.isEmpty()) {
                c.log().ok("hosted-engine --vm-status does not answer on this host; the engine moved the engine VM before "
                        + h.name() + " entered maintenance", false);
                return true;
            }
            Optional<String> now = status.get().engineHost().map(hostedengine.engine.HostStatus::hostname);
            if (now.isPresent() && !now.get().equalsIgnoreCase(h.name()) && !now.get().equalsIgnoreCase(h.address())) {
                c.log().ok("engine VM moved from " + h.name() + " to " + now.get(), true);
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                c.log().failed("hosted-engine --vm-status does not show the engine VM on another host after "
                        + c.timeout().toMinutes() + " minutes; check the status page before updating " + h.name() + ".");
                return false;
            }
            Thread.sleep(c.poll().toMillis());
        }
    }

    /** A host that was up before the update and is in maintenance now is activated again. */
    private boolean activateIfInMaintenance(EngineHost h) throws EngineProblem, InterruptedException {
        Optional<EngineHost> now = c.engine().host(h.id());
        if (now.isEmpty() || !now.get().status().equals("maintenance")) return true;
        c.log().task("Activate " + h.name() + " again (it was up before the update)");
        c.engine().activate(h.id());
        c.log().ok("activation requested", true);
        return await(h, Set.of("up"), false);
    }

    /**
     * Follows the host until it is in one of {@code goals} (for an {@code upgrade}, once the upgrade
     * ended: event 842 or 888): each state it passes is a task, each engine event about it a log line.
     * A state the engine leaves it in, or event 841, fails with the engine's error events about the
     * host since the wait began.
     */
    private boolean await(EngineHost h, Set<String> goals, boolean upgrade) throws EngineProblem, InterruptedException {
        long deadline = System.nanoTime() + c.timeout().toNanos();
        List<String> errors = new ArrayList<>();
        boolean upgraded = false;
        boolean failed = false;
        String seen = null;
        while (true) {
            // The state first, then the events: every event that led to the state is logged before it.
            Optional<EngineHost> now = c.engine().host(h.id());
            boolean ended = false;
            for (EngineEvent e : events(h)) {
                if (!"normal".equals(e.severity())) errors.add(e.description());
                ended |= e.code() == FINISHED || e.code() == FINISHED_WILL_REBOOT || e.code() == FAILED;
                failed |= e.code() == FAILED;
            }
            // Ended since the state was read, which may be the state before: read it again.
            if (ended) now = c.engine().host(h.id());
            upgraded |= ended && !failed;
            if (now.isEmpty()) {
                c.log().failed(h.name() + " left the engine while it was being updated.");
                return false;
            }
            String state = now.get().status();
            if (!state.equals(seen)) {
                c.log().task("Host " + h.name() + ": " + state);
                seen = state;
            }
            if (failed || STUCK.contains(state)) {
                c.log().failed(String.join(" ", errors) + (errors.isEmpty() ? "" : " ") + "The engine left " + h.name()
                        + " " + state + ".");
                return false;
            }
            if ((upgraded || !upgrade) && goals.contains(state)) {
                c.log().ok(h.name() + " is " + state + (upgrade ? ", updated" : ""), false);
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                c.log().failed(h.name() + " is still " + state + " after " + c.timeout().toMinutes()
                        + " minutes; the engine goes on with it, this run stops waiting.");
                return false;
            }
            Thread.sleep(c.poll().toMillis());
        }
    }

    /** The engine's new events about the host (or naming it, as a migration does), logged oldest first. */
    private List<EngineEvent> events(EngineHost h) throws EngineProblem {
        List<EngineEvent> fresh = c.engine().events(lastEvent, null, 100).stream()
                .filter(e -> e.id() > lastEvent)
                .filter(e -> h.id().equals(e.hostId()) || e.description().contains(h.name()))
                .toList();
        for (EngineEvent e : fresh) {
            c.log().engineEvent(e);
            lastEvent = Math.max(lastEvent, e.id());
        }
        return fresh;
    }

    private Optional<String> engineVmHost() {
        return HostTasks.vmStatus(c.hostedEngine()).flatMap(VmStatus::engineHost).map(hostedengine.engine.HostStatus::hostname);
    }

    /** The HA agents name a host by its FQDN, the engine by a name that may differ: either matches. */
    private static boolean runsEngineVm(EngineHost h, Optional<String> vmHost) {
        return vmHost.filter(v -> v.equalsIgnoreCase(h.name()) || v.equalsIgnoreCase(h.address())).isPresent();
    }

    private static Optional<EngineHost> find(List<EngineHost> hosts, String name) {
        return hosts.stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst();
    }
}
