package hostedengine.engineops;

import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.VmStatus;
import hostedengine.engineapi.EngineEvent;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of the day-2 host runs, each an engine task: what the guide has the administrator do
 * in the Administration Portal (5.5 add with Hosted Engine: Deploy, 5.6 reinstall, 5.7 maintenance,
 * undeploy and remove, 7.2.4 "Confirm 'Host has been Rebooted'"), done through the API, with the
 * engine's events for the host as log lines and its states as tasks. Each answers whether it
 * succeeded; a failure is logged with the engine's own words first.
 */
final class HostTasks {
    /** States the engine leaves a host in when it gives up on it: waiting longer changes nothing. */
    private static final Set<String> STUCK = Set.of("install_failed", "non_operational", "non_responsive", "error",
            "kdumping", "down");

    /** What a task needs: the session, the host, the log, and how long to wait. */
    record Context(EngineSession engine, TaskLog log, String hostName, String hostAddress, String cluster,
                   String rootPassword, Duration poll, Duration timeout, HostedEngineTool hostedEngine,
                   List<String> hostNames) {}

    private final Context c;
    private long lastEvent;

    HostTasks(Context context) { this.c = context; }

    boolean run(String step) throws InterruptedException {
        try {
            lastEvent = latestEvent();
            return switch (step) {
                case "add_host" -> add();
                case "reinstall_host" -> reinstall();
                case "deactivate_host" -> deactivate();
                case "undeploy_hosted_engine" -> undeploy();
                case "remove_host" -> remove(false);
                case "confirm_rebooted" -> confirmRebooted();
                case "upgrade_hosts" -> new HostUpdates(c, c.hostNames()).run();
                default -> {
                    c.log().task("Run " + step);
                    c.log().failed("no engine task is named " + step);
                    yield false;
                }
            };
        } catch (EngineProblem p) {
            c.log().failed(words(p));
            return false;
        }
    }

    // ---- the steps ------------------------------------------------------

    /** Guide 5.5: New Host with Hosted Engine: Deploy, then up, then in --vm-status with a score. */
    private boolean add() throws EngineProblem, InterruptedException {
        c.log().task("Add the host to cluster " + c.cluster() + " with hosted engine deployed");
        if (find().isPresent()) {
            c.log().failed("The engine already has a host named " + c.hostName()
                    + ". Choose another name, or remove that host first.");
            return false;
        }
        EngineHost added = c.engine().addHostedEngineHost(c.hostName(), c.hostAddress(), c.cluster(), c.rootPassword());
        c.log().ok(c.hostName() + " added (id " + added.id() + "), " + added.status(), true);
        return awaitState(added.id(), "up") && awaitVmStatus(true);
    }

    /** Guide 5.6: maintenance, reinstall with Hosted Engine: Deploy, up again, then in --vm-status. */
    private boolean reinstall() throws EngineProblem, InterruptedException {
        EngineHost h = existing("Find the host");
        if (h == null) return false;
        if (!toMaintenance(h)) return false;
        c.log().task("Reinstall the host with hosted engine deployed");
        c.engine().reinstall(h.id(), true, true);
        c.log().ok("reinstall started", true);
        return awaitState(h.id(), "up") && awaitVmStatus(true);
    }

    /** Guide 5.7 step 1: maintenance, never for the host running the engine VM. */
    private boolean deactivate() throws EngineProblem, InterruptedException {
        EngineHost h = existing("Find the host");
        if (h == null) return false;
        c.log().task("Check that the engine VM runs elsewhere");
        var status = vmStatus();
        if (status.flatMap(VmStatus::engineHost).filter(e -> e.hostname().equalsIgnoreCase(h.name())).isPresent()) {
            c.log().failed(h.name() + " runs the engine VM. The guide (5.7) asks to migrate it to another hosted-engine"
                    + " host first: put this host into local maintenance on the status page, wait until the engine VM"
                    + " runs elsewhere, then remove it.");
            return false;
        }
        c.log().ok(status.isPresent() ? "the engine VM does not run on " + h.name() : "hosted-engine --vm-status does not answer;"
                + " the engine decides", false);
        return toMaintenance(h);
    }

    /** Guide 5.7 step 2: reinstall with Hosted Engine: Undeploy, left in maintenance for the removal. */
    private boolean undeploy() throws EngineProblem, InterruptedException {
        EngineHost h = existing("Find the host");
        if (h == null) return false;
        if (!h.hostedEngine()) {
            c.log().task("Undeploy hosted engine");
            c.log().ok(h.name() + " has no hosted-engine configuration: nothing to undeploy", false);
            return true;
        }
        if (!toMaintenance(h)) return false;
        c.log().task("Reinstall the host with hosted engine undeployed");
        c.engine().reinstall(h.id(), false, false);
        c.log().ok("reinstall started", true);
        return awaitState(h.id(), "maintenance", "up") && awaitVmStatus(false);
    }

    /** Guide 5.7 step 3 (and 7.2.4 after a manual fence): the host leaves the engine. */
    private boolean remove(boolean force) throws EngineProblem, InterruptedException {
        EngineHost h = existing("Find the host");
        if (h == null) return false;
        if (h.status().equals("up") && !toMaintenance(h)) return false;
        c.log().task("Remove the host from the engine");
        c.engine().remove(h.id(), force);
        c.log().ok(h.name() + " removed", true);
        return awaitGone(h.id()) && awaitVmStatus(false);
    }

    /** Guide 7.2.4: the administrator has confirmed the host was rebooted or powered off. */
    private boolean confirmRebooted() throws EngineProblem, InterruptedException {
        EngineHost h = existing("Find the host");
        if (h == null) return false;
        c.log().task("Confirm the host has been rebooted or powered off (manual fence)");
        c.engine().confirmRebooted(h.id());
        c.log().ok("the engine was told " + h.name() + " is off", true);
        events(h.id());
        return true;
    }

    // ---- helpers --------------------------------------------------------

    private EngineHost existing(String taskName) throws EngineProblem {
        c.log().task(taskName);
        Optional<EngineHost> h = find();
        if (h.isEmpty()) {
            c.log().failed("The engine has no host named " + c.hostName() + " (removed meanwhile?). Refresh the hosts page.");
            return null;
        }
        c.log().ok(h.get().name() + " is " + h.get().status(), false);
        return h.get();
    }

    private Optional<EngineHost> find() throws EngineProblem {
        return c.engine().hosts().stream().filter(h -> h.name().equalsIgnoreCase(c.hostName())).findFirst();
    }

    private boolean toMaintenance(EngineHost h) throws EngineProblem, InterruptedException {
        if (h.status().equals("maintenance")) return true;
        c.log().task("Put the host into maintenance");
        c.engine().deactivate(h.id());
        c.log().ok("maintenance requested", true);
        return awaitState(h.id(), "maintenance");
    }

    /**
     * Follows the host until it reaches one of {@code goals}: each state it passes is a task, each
     * engine event about it a log line. A state the engine leaves it in fails the task with the
     * engine's last error about the host.
     */
    private boolean awaitState(String id, String... goals) throws EngineProblem, InterruptedException {
        long deadline = System.nanoTime() + c.timeout().toNanos();
        String seen = null;
        String lastError = null;
        while (true) {
            // The state first, then the events: every event that led to the state is logged before it.
            Optional<EngineHost> now = c.engine().host(id);
            for (EngineEvent e : events(id)) if (!"normal".equals(e.severity())) lastError = e.description();
            if (now.isEmpty()) {
                c.log().failed("The host left the engine while it was being waited for.");
                return false;
            }
            String state = now.get().status();
            if (!state.equals(seen)) {
                c.log().task("Host state: " + state);
                seen = state;
                if (List.of(goals).contains(state)) {
                    c.log().ok(c.hostName() + " is " + state, false);
                    return true;
                }
                if (STUCK.contains(state)) {
                    c.log().failed((lastError != null ? lastError + " " : "") + "The engine left " + c.hostName() + " "
                            + state + ".");
                    return false;
                }
                c.log().ok(c.hostName() + " is " + state, false);
            }
            if (System.nanoTime() - deadline > 0) {
                c.log().failed(c.hostName() + " is still " + state + " after " + c.timeout().toMinutes()
                        + " minutes; the engine goes on with it, this run stops waiting.");
                return false;
            }
            Thread.sleep(c.poll().toMillis());
        }
    }

    private boolean awaitGone(String id) throws EngineProblem, InterruptedException {
        long deadline = System.nanoTime() + c.timeout().toNanos();
        while (c.engine().host(id).isPresent()) {
            if (System.nanoTime() - deadline > 0) {
                c.log().failed("The engine still lists " + c.hostName() + " after " + c.timeout().toMinutes() + " minutes.");
                return false;
            }
            Thread.sleep(c.poll().toMillis());
        }
        events(null);
        return true;
    }

    /**
     * The HA agents' view (guide 5.5: the host shows in hosted-engine --vm-status): the host
     * appears with a score once its agent runs ({@code present}), or has left it.
     */
    private boolean awaitVmStatus(boolean present) throws InterruptedException {
        c.log().task(present ? "Wait for the host in hosted-engine --vm-status" : "Wait for the host to leave hosted-engine --vm-status");
        long deadline = System.nanoTime() + c.timeout().toNanos();
        while (true) {
            Optional<VmStatus> status = vmStatus();
            if (status.isEmpty()) {
                c.log().ok("hosted-engine --vm-status does not answer on this host; check it on the status page", false);
                return true;
            }
            var host = status.get().host(c.hostName());
            if (present && host.isPresent()) {
                c.log().ok(c.hostName() + " is host " + host.get().hostId() + " with score " + host.get().score(), false);
                return true;
            }
            if (!present && host.isEmpty()) {
                c.log().ok(c.hostName() + " is no longer listed", false);
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                c.log().failed(present
                        ? c.hostName() + " is up in the engine but its HA agent never reported: on that host, check"
                          + " ovirt-ha-agent and ovirt-ha-broker (systemctl status) and /var/log/ovirt-hosted-engine-ha/agent.log"
                        : c.hostName() + " is still listed by hosted-engine --vm-status; run hosted-engine --clean-metadata"
                          + " --host-id=N there if it no longer exists");
                return false;
            }
            Thread.sleep(c.poll().toMillis());
        }
    }

    private Optional<VmStatus> vmStatus() { return vmStatus(c.hostedEngine()); }

    /** The HA agents' view, when {@code hosted-engine} runs here; else empty. */
    static Optional<VmStatus> vmStatus(HostedEngineTool hostedEngine) {
        if (hostedEngine == null || !hostedEngine.installed()) return Optional.empty();
        return VmStatus.read(hostedEngine.run("--vm-status", "--json")).status();
    }

    /** The engine's new events about the host ({@code id}; null: any), logged oldest first. */
    private List<EngineEvent> events(String id) throws EngineProblem {
        List<EngineEvent> fresh = c.engine().events(lastEvent, null, 100).stream()
                .filter(e -> e.id() > lastEvent)
                .filter(e -> id == null ? e.description().contains(c.hostName()) : id.equals(e.hostId())
                        || e.description().contains(c.hostName()))
                .toList();
        for (EngineEvent e : fresh) {
            c.log().engineEvent(e);
            lastEvent = Math.max(lastEvent, e.id());
        }
        return fresh;
    }

    private long latestEvent() throws EngineProblem {
        return c.engine().events(0, null, 1).stream().mapToLong(EngineEvent::id).max().orElse(0);
    }

    /** The engine's own words first, then what the kind means for the administrator. */
    static String words(EngineProblem p) {
        String engine = p.engineMessage().map(m -> m + " ").orElse("");
        return engine + switch (p.kind()) {
            case UNREACHABLE -> "The engine does not answer: is the engine VM up (status page)?";
            case NOT_AN_ENGINE -> "Something that is not the engine's API answered, or the engine ended this session:"
                    + " log in to the engine again on the hosts page, then start the operation again.";
            case UNTRUSTED -> "The engine's certificate is not signed by the CA this host trusts.";
            case WRONG_PASSWORD -> "The engine refused the session: log in to the engine again on the hosts page.";
            case REFUSED -> "The engine refused the request.";
            case NOT_FOUND -> "The engine no longer knows this host.";
        };
    }
}
