package hostedengine.engine;

import java.util.List;
import java.util.Optional;

/**
 * What an engine-status combination means and what to do, as the guide's chapter 3
 * ("Troubleshooting the Manager virtual machine") lists them. Messages:
 * {@code status.diagnosis.<id>.explanation} and {@code status.diagnosis.<id>.steps}.
 */
public enum Diagnosis {
    /** vm up, health good: the Manager runs; if it cannot be reached, check the network. */
    ENGINE_UP("engineUp"),
    /** vm up, health bad, "failed liveliness check": the HA agents restart it; else global maintenance, console, logs. */
    LIVELINESS_FAILED("livelinessFailed"),
    /** vm up but health bad for a VM state (Paused, Powering up, ...): usually passes; watch it. */
    BAD_VM_STATUS("badVmStatus"),
    /** vm down, "vm not running on this host" everywhere: another host restarting it? global maintenance? agent log; start it. */
    VM_NOT_RUNNING("vmNotRunning"),
    /** vm unknown, "failed to getVmStats": ovirt-ha-agent could not get the VM from VDSM; VDSM and agent logs. */
    VM_STATS_FAILED("vmStatsFailed"),
    /** The configuration was not retrieved from shared storage: ovirt-ha-agent and the storage. */
    CONF_NOT_RETRIEVED("confNotRetrieved");

    private final String id;

    Diagnosis(String id) { this.id = id; }

    public String id() { return id; }

    public String explanationKey() { return "status.diagnosis." + id + ".explanation"; }

    public String stepsKey() { return "status.diagnosis." + id + ".steps"; }

    /** The diagnosis of a cluster status: the host running the VM speaks first, stale hosts not at all. */
    public static Optional<Diagnosis> of(VmStatus status) {
        List<EngineStatus> live = status.hosts().stream().filter(HostStatus::liveData).map(HostStatus::engine).toList();
        if (live.isEmpty()) return Optional.empty();
        var up = live.stream().filter(EngineStatus::vmUp).findFirst();
        if (up.isPresent()) {
            EngineStatus e = up.get();
            if (e.good()) return Optional.of(ENGINE_UP);
            return Optional.of("failed liveliness check".equals(e.reason()) ? LIVELINESS_FAILED : BAD_VM_STATUS);
        }
        if (live.stream().anyMatch(e -> "unknown".equals(e.vm()) || "failed to getVmStats".equals(e.reason()))) {
            return Optional.of(VM_STATS_FAILED);
        }
        return Optional.of(VM_NOT_RUNNING);
    }

    /** The diagnosis when the status itself could not be read: only one problem has a chapter-3 entry. */
    public static Optional<Diagnosis> of(StatusProblem problem) {
        return problem == StatusProblem.CONF_NOT_RETRIEVED ? Optional.of(CONF_NOT_RETRIEVED) : Optional.empty();
    }
}
