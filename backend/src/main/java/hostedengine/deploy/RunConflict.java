package hostedengine.deploy;

/** A run was refused because a deployment (or, for a deployment, any run) is already running. */
public final class RunConflict extends Exception {
    private final String runningId;
    private final Phase runningPhase;

    public RunConflict(String runningId, Phase runningPhase) {
        super("run " + runningId + " (" + runningPhase + ") is still running on this host");
        this.runningId = runningId;
        this.runningPhase = runningPhase;
    }

    public String runningId() { return runningId; }

    public Phase runningPhase() { return runningPhase; }
}
