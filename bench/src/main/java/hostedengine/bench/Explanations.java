package hostedengine.bench;

/**
 * Why a target is missed, where the cause is known and outside what the server can change;
 * the report adds the measured numbers. Keep these true: bench/README.md says how they were found.
 */
final class Explanations {
    private Explanations() {}

    static final String OVERHEAD = "";
    static final String LATENCY = "";
    static final String LOST = "";
    static final String REPLAY = "";
    static final String COLD_START = "";
    static final String MEMORY = "";
    static final String PAGE_WEIGHT = "";
}
