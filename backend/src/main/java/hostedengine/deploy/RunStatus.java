package hostedengine.deploy;

/**
 * Where a run is. Moves only forward: starting → running → one final status. The final one
 * has a precedence, as in ansible-runner: canceled, then successful, then failed.
 */
public enum RunStatus {
    STARTING, RUNNING, SUCCESSFUL, FAILED, CANCELED, LOST;

    public boolean isFinal() { return this != STARTING && this != RUNNING; }

    public boolean isSuccessful() { return this == SUCCESSFUL; }

    /** Ended without success: failed or lost (its process gone without an end). */
    public boolean isFailure() { return this == FAILED || this == LOST; }

    public boolean isCanceled() { return this == CANCELED; }

    /** The status after a move to {@code next}; a backward move or a move from a final status is ignored. */
    public RunStatus moveTo(RunStatus next) {
        if (isFinal()) return this;
        return next.ordinal() >= ordinal() ? next : this;
    }

    /** The final status of a run that ended. */
    public static RunStatus ended(boolean cancelRequested, boolean succeeded) {
        if (cancelRequested) return CANCELED;
        return succeeded ? SUCCESSFUL : FAILED;
    }
}
