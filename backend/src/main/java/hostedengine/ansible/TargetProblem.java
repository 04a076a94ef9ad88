package hostedengine.ansible;

/**
 * Why the host to work on cannot be used now: a message key for the page (no arguments, so
 * any page can show it) and an English detail for the run's record (never a secret).
 */
public final class TargetProblem extends Exception {
    private final String key;

    public TargetProblem(String key, String detail) {
        super(detail);
        this.key = key;
    }

    /** The message key, e.g. {@code remote.problem.HOST_KEY_CHANGED}. */
    public String key() { return key; }
}
