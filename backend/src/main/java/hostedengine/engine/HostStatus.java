package hostedengine.engine;

/**
 * One host of {@code hosted-engine --vm-status --json}, every key the HA client gives.
 *
 * @param hostTs             the agent's timestamp (monotonic seconds, not a date)
 * @param score              0..3400; 0 in local maintenance or when the agent stopped
 * @param localMaintenance   the JSON key {@code maintenance}
 * @param liveData           false: the host stopped updating its metadata (stale)
 * @param agentState         the HA agent's state class from {@code extra} (EngineUp, LocalMaintenance, ...), or ""
 */
public record HostStatus(int hostId, String hostname, long hostTs, int score, EngineStatus engine,
                         boolean localMaintenance, boolean stopped, String crc32, boolean confOnSharedStorage,
                         long localConfTimestamp, String extra, boolean liveData, String agentState) {

    /** This host runs the engine VM, by its own report. */
    public boolean runsEngineVm() { return liveData && engine.vmUp(); }
}
