package hostedengine.engine;

/**
 * One host's view of the engine VM, the broker's {@code engine-status} object
 * (HOSTED-ENGINE-CLI.md §2): vm ∈ up, down, down_unexpected, down_missing, unknown;
 * health ∈ good, bad, unknown; detail a VDSM status; reason only when not good (may be null).
 */
public record EngineStatus(String vm, String health, String detail, String reason) {
    public static final EngineStatus UNKNOWN = new EngineStatus("unknown", "unknown", "unknown", null);

    public boolean vmUp() { return "up".equals(vm); }

    public boolean good() { return vmUp() && "good".equals(health); }
}
