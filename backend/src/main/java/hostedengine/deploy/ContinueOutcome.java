package hostedengine.deploy;

/**
 * What asking a paused run to go on did.
 *
 * @param kind   what happened
 * @param detail in English, for logs and the command line; the page shows {@link Kind#messageKey()}
 */
public record ContinueOutcome(Kind kind, String detail) {
    public enum Kind {
        /** The role's lock file was deleted: the role goes on within a second (wait_for polls every second). */
        CONTINUED,
        /** The lock file was already gone (deleted by hand): the role goes on by itself. */
        LOCK_ALREADY_GONE,
        /** The run does not wait: it runs, has ended, or was never paused. */
        NOT_PAUSED,
        /** The path recorded for the run is not the one the role's own event names, or fails the lock file's rules. */
        NOT_THE_ROLES_LOCK,
        /** The remote deployment host does not answer: going on would fail the run; it stays paused. */
        HOST_UNREACHABLE,
        /** No run with that id. */
        UNKNOWN_RUN;

        public String messageKey() {
            return "run.continue." + switch (this) {
                case CONTINUED -> "continued";
                case LOCK_ALREADY_GONE -> "lockGone";
                case NOT_PAUSED -> "notPaused";
                case NOT_THE_ROLES_LOCK -> "notTheRolesLock";
                case HOST_UNREACHABLE -> "hostUnreachable";
                case UNKNOWN_RUN -> "unknownRun";
            };
        }
    }

    /** True when the role goes on (or will, once it sees its lock file gone). */
    public boolean continued() { return kind == Kind.CONTINUED || kind == Kind.LOCK_ALREADY_GONE; }

    static ContinueOutcome of(Kind kind, String detail) { return new ContinueOutcome(kind, detail); }
}
