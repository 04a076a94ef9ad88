package hostedengine.enginedouble;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the double's engine knows: one data center with its cluster (Default, or a restored backup's), the hosts and
 * their states over time, the audit log's events. Every change happens under this object's
 * lock; a host's installation advances on the scheduler, one step every {@code step}. Checks for
 * updates and upgrades are {@link HostUpgrades}'; where the engine VM runs is the {@link EngineVm}'s.
 */
final class EngineModel {
    /** Failures the double can be asked for, per host address (ENGINE-API.md §4, §6). */
    enum Failure { WRONG_ROOT_PASSWORD, UNREACHABLE, INSTALL_FAILED, NON_OPERATIONAL }

    record Cluster(String id, String name, String dataCenterId) {}

    record Event(long id, int code, String severity, Instant time, String description, String hostId) {}

    /** A host as the engine keeps it; changed only under the model's lock. */
    static final class Host {
        final String id = UUID.randomUUID().toString();
        final String name;
        final String address;
        final String clusterId;
        String status = "installing";
        boolean hostedEngine;
        boolean localMaintenance;
        /** What the engine's last check for updates (or its periodic one) found; cleared by an upgrade. */
        boolean updateAvailable;

        Host(String name, String address, String clusterId) {
            this.name = name;
            this.address = address;
            this.clusterId = clusterId;
        }
    }

    /** A refusal as the engine words it (ENGINE-API.md §6): HTTP status, fault reason, fault detail. */
    static final class Refused extends Exception {
        final int status;
        final String reason;

        Refused(int status, String reason, String detail) {
            super(detail);
            this.status = status;
            this.reason = reason;
        }

        static Refused conflict(String detail) { return new Refused(409, "Operation Failed", "[" + detail + "]"); }
    }

    /**
     * Where the engine VM runs, as the HA agents see it (the {@code hosted-engine} double's state):
     * the engine asks before a host goes to maintenance, and has the VM migrated away first.
     */
    interface EngineVm {
        Optional<String> host();

        /** The host's hosted-engine score; 0 when it cannot take the engine VM. */
        int score(String hostName);

        void moveTo(String hostName);
    }

    /** The installation's tasks, as the engine's host-deploy playbook reports them (event 559). */
    static final List<String> INSTALL_TASKS = List.of("Gathering Facts", "ovirt-host-deploy-facts : Check if vdsm is installed",
            "ovirt-host-deploy-vdsm : Install ovirt-hosted-engine-setup package", "ovirt-host-deploy-vdsm : Configure VDSM",
            "ovirt-host-deploy-hosted-engine : Deploy hosted engine configuration", "ovirt-host-deploy-firewalld : Apply firewalld rules");

    private final Clock clock;
    private final Duration step;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Host> joinedHostedEngine;
    private final Consumer<Host> leftHostedEngine;
    private volatile Consumer<Host> removed = h -> {};
    private volatile EngineVm engineVm = new EngineVm() {
        @Override public Optional<String> host() { return Optional.empty(); }
        @Override public int score(String hostName) { return 0; }
        @Override public void moveTo(String hostName) {}
    };
    final Cluster cluster;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private long nextEvent = 1000;
    /** Checks for updates and upgrades (guide 6.3.5), under this model's lock. */
    final HostUpgrades upgrades = new HostUpgrades(this);

    /**
     * @param clusterName        the one cluster's name
     * @param joinedHostedEngine called (outside the lock is not promised) when a hosted-engine host comes up
     * @param leftHostedEngine   called when a hosted-engine host is undeployed or removed
     */
    EngineModel(Clock clock, Duration step, ScheduledExecutorService scheduler, String clusterName,
                Consumer<Host> joinedHostedEngine, Consumer<Host> leftHostedEngine) {
        this.cluster = new Cluster(UUID.randomUUID().toString(), clusterName, UUID.randomUUID().toString());
        this.clock = clock;
        this.step = step;
        this.scheduler = scheduler;
        this.joinedHostedEngine = joinedHostedEngine;
        this.leftHostedEngine = leftHostedEngine;
    }

    /**
     * A host deployed before the engine's start (the first host, running the engine VM, or one
     * added earlier): up, hosted engine configured. Whether it runs the VM is the hosted-engine state's.
     */
    synchronized Host seed(String name, String address) {
        Host h = new Host(name, address, cluster.id());
        h.status = "up";
        h.hostedEngine = true;
        hosts.put(h.id, h);
        event(42, "normal", "Host " + name + " was added by admin@internal-authz.", h.id);
        return h;
    }

    /**
     * A hosted-engine host the engine knows from a restored backup but cannot reach (its HA agent
     * still serves the old storage): non_responsive until an administrator fences and removes it
     * (guide 7.2.4).
     */
    synchronized Host seedNonResponsive(String name, String address) {
        Host h = seed(name, address);
        h.status = "non_responsive";
        event(12, "error", "Host " + name + " is non responsive.", h.id);
        return h;
    }

    /** Whether the engine still knows the host (not removed meanwhile). */
    synchronized boolean knows(Host h) { return hosts.containsKey(h.id); }

    /** Called, under the lock, with each host removed. */
    void whenRemoved(Consumer<Host> listener) { removed = listener; }

    /** Tells the model where the engine VM runs and how to move it. */
    void engineVm(EngineVm placement) { engineVm = placement; }

    void fail(String address, Failure failure) { failures.put(address, failure); }

    void clearFailures() {
        failures.clear();
        upgrades.clearFailures();
    }

    synchronized List<Host> hosts() { return List.copyOf(hosts.values()); }

    synchronized Optional<Host> host(String id) { return Optional.ofNullable(hosts.get(id)); }

    /** Events with an id above {@code from}, newest first, at most {@code max}, that {@code filter} keeps. */
    synchronized List<Event> events(long from, int max, java.util.function.Predicate<Event> filter) {
        return events.stream().filter(e -> e.id() > from).filter(filter)
                .sorted(Comparator.comparingLong(Event::id).reversed()).limit(max).toList();
    }

    /** POST /hosts: the engine's synchronous checks (SSH login included), then 201 and the install in the background. */
    synchronized Host add(String name, String address, String clusterName, boolean publicKey, String rootPassword,
                          boolean deployHostedEngine) throws Refused {
        if (name == null || name.isBlank() || address == null || address.isBlank()) {
            throw new Refused(400, "Incomplete parameters", "Host [" + (name == null || name.isBlank() ? "name" : "address")
                    + "] required for add");
        }
        if (clusterName != null && !clusterName.equals(cluster.name())) {
            throw Refused.conflict("Cannot add Host. Cluster doesn't exist.");
        }
        for (Host h : hosts.values()) {
            if (h.name.equalsIgnoreCase(name)) {
                throw Refused.conflict("Cannot add Host. The Host name is already in use, please choose a unique name and try again.");
            }
            if (h.address.equalsIgnoreCase(address)) throw Refused.conflict("Cannot add Host. Host with the same address already exists.");
        }
        Failure failure = failures.get(address);
        if (failure == Failure.UNREACHABLE) {
            throw Refused.conflict("Cannot add Host. Connecting to host via SSH has failed, verify that the host is reachable"
                    + " (IP address, routable address etc.) You may refer to the engine.log file for further details.");
        }
        if (failure == Failure.WRONG_ROOT_PASSWORD || (!publicKey && (rootPassword == null || rootPassword.isEmpty()))) {
            throw Refused.conflict("Cannot add Host. SSH authentication failed, verify authentication parameters are correct"
                    + " (Username/Password, public-key etc.) You may refer to the engine.log file for further details.");
        }
        Host h = new Host(name, address, cluster.id());
        hosts.put(h.id, h);
        event(42, "normal", "Host " + name + " was added by admin@internal-authz.", h.id);
        install(h, deployHostedEngine, 0);
        return h;
    }

    /** POST /hosts/{id}/install: a host in maintenance (or failed) installed again, with or without hosted engine. */
    synchronized void reinstall(String id, Boolean deployHostedEngine, boolean undeploy) throws Refused {
        Host h = existing(id);
        if (!List.of("maintenance", "non_operational", "install_failed").contains(h.status)) {
            throw Refused.conflict("Cannot install Host. Please move Host to Maintenance mode first.");
        }
        h.status = "installing";
        install(h, undeploy ? false : deployHostedEngine != null && deployHostedEngine, 0);
        if (undeploy && h.hostedEngine) {
            h.hostedEngine = false;
            leftHostedEngine.accept(h);
        }
    }

    /** POST /hosts/{id}/deactivate: preparing_for_maintenance now, maintenance one step later. */
    synchronized void deactivate(String id) throws Refused {
        Host h = existing(id);
        if (!List.of("up", "non_operational", "non_responsive", "error", "down", "install_failed").contains(h.status)) {
            throw Refused.conflict("Cannot switch Host " + h.name + " to Maintenance mode. Host is not in a state that allows it.");
        }
        Optional<Host> vmTarget = engineVmTarget(h);
        toMaintenance(h, vmTarget, () -> {});
    }

    /**
     * preparing_for_maintenance now; one step later the engine VM moved away (if it ran here),
     * maintenance, then {@code then}. Called under the lock, as are the helpers below that are not private.
     */
    void toMaintenance(Host h, Optional<Host> vmTarget, Runnable then) {
        h.status = "preparing_for_maintenance";
        event(600, "normal", "Host " + h.name + " was switched to Maintenance mode by admin@internal-authz.", h.id);
        later(() -> {
            synchronized (this) {
                if (!h.status.equals("preparing_for_maintenance")) return;
                vmTarget.ifPresent(target -> migrateEngineVm(h, target));
                h.status = "maintenance";
                event(13, "normal", "Status of host " + h.name + " was set to Maintenance.", h.id);
                then.run();
            }
        }, 1);
    }

    /**
     * Where the engine VM goes when {@code h} leaves for maintenance: empty when it does not run on
     * {@code h}; else another hosted-engine host that is up with a positive score, or a refusal as the
     * engine's (DAY2-TOOLS.md §3: no such host, no maintenance).
     */
    Optional<Host> engineVmTarget(Host h) throws Refused {
        if (engineVm.host().filter(h.name::equalsIgnoreCase).isEmpty()) return Optional.empty();
        Optional<Host> target = hosts.values().stream()
                .filter(o -> o != h && o.hostedEngine && o.status.equals("up") && engineVm.score(o.name) > 0).findFirst();
        if (target.isEmpty()) {
            throw Refused.conflict("Cannot switch the Host(s) to Maintenance mode. There are no available hosts capable of"
                    + " running the engine VM.");
        }
        return target;
    }

    private void migrateEngineVm(Host from, Host to) {
        String route = "VM: HostedEngine, Source: " + from.name + ", Destination: " + to.name;
        event(62, "normal", "Migration started (" + route + ", User: admin@internal-authz).", from.id);
        engineVm.moveTo(to.name);
        event(63, "normal", "Migration completed (" + route + ").", to.id);
    }

    /** POST /hosts/{id}/activate: a host in maintenance comes up again. */
    synchronized void activate(String id) throws Refused {
        Host h = existing(id);
        if (h.status.equals("up")) throw Refused.conflict("Cannot activate Host. Host in Up status.");
        if (h.status.equals("non_responsive")) throw Refused.conflict("Cannot activate Host. Host is non responsive.");
        h.status = "unassigned";
        event(16, "normal", "Activation of host " + h.name + " initiated by admin@internal-authz.", h.id);
        later(() -> up(h), 1);
    }

    /** POST /hosts/{id}/fence with fence_type manual: the administrator says the host was rebooted or powered off. */
    synchronized void fenceManually(String id) throws Refused {
        Host h = existing(id);
        if (h.status.equals("up")) throw Refused.conflict("Cannot confirm 'Host has been rebooted' Host. Host is Up.");
        h.status = "down";
        event(494, "normal", "Manual fence for host " + h.name + " was started.", h.id);
    }

    /** DELETE /hosts/{id}: only a host that is not up. */
    synchronized void remove(String id, boolean force) throws Refused {
        Host h = existing(id);
        if (!List.of("maintenance", "non_responsive", "down", "install_failed", "non_operational").contains(h.status)) {
            throw Refused.conflict("Cannot remove Host. Host is operational. Please switch Host to Maintenance mode first.");
        }
        hosts.remove(id);
        if (h.hostedEngine) leftHostedEngine.accept(h);
        removed.accept(h);
        event(44, "normal", "Host " + h.name + " was removed by admin@internal-authz.", null);
    }

    /** A host stops answering (for tests: the host was switched off). */
    synchronized void unplug(String id) throws Refused {
        Host h = existing(id);
        h.status = "non_responsive";
        event(12, "error", "Host " + h.name + " is non responsive.", h.id);
    }

    Host existing(String id) throws Refused {
        Host h = hosts.get(id);
        if (h == null) throw new Refused(404, null, null);
        return h;
    }

    /** The host-deploy playbook's steps, one every {@code step}; then initializing, then up (or a failure). */
    private void install(Host h, boolean deployHostedEngine, int done) {
        if (done == 0) event(560, "normal", "Ansible host-deploy playbook execution has started on host " + h.name + ".", h.id);
        if (done < INSTALL_TASKS.size()) {
            event(559, "normal", "Installing Host " + h.name + ". " + INSTALL_TASKS.get(done) + ".", h.id);
            later(() -> {
                synchronized (this) {
                    if (hosts.containsKey(h.id) && h.status.equals("installing")) install(h, deployHostedEngine, done + 1);
                }
            }, 1);
            return;
        }
        if (failures.get(h.address) == Failure.INSTALL_FAILED) {
            h.status = "install_failed";
            event(505, "error", "Host " + h.name + " installation failed. Task Configure VDSM failed to execute.", h.id);
            return;
        }
        event(561, "normal", "Ansible host-deploy playbook execution has successfully finished on host " + h.name + ".", h.id);
        event(504, "normal", "Host " + h.name + " installed", h.id);
        h.status = "initializing";
        event(13, "normal", "Status of host " + h.name + " was set to Initializing.", h.id);
        if (deployHostedEngine) h.hostedEngine = true;
        later(() -> up(h), 1);
    }

    synchronized void up(Host h) {
        if (!hosts.containsKey(h.id)) return;
        if (failures.get(h.address) == Failure.NON_OPERATIONAL) {
            h.status = "non_operational";
            event(517, "error", "Host " + h.name + " moved to Non-Operational state.", h.id);
            return;
        }
        h.status = "up";
        event(13, "normal", "Status of host " + h.name + " was set to Up.", h.id);
        if (h.hostedEngine) joinedHostedEngine.accept(h);
    }

    void later(Runnable r, int steps) {
        scheduler.schedule(r, step.toMillis() * steps, TimeUnit.MILLISECONDS);
    }

    void event(int code, String severity, String description, String hostId) {
        events.add(new Event(nextEvent++, code, severity, clock.instant(), description, hostId));
    }
}
