package hostedengine.deploy;

/**
 * The role waits for the user: it created a lock file on the machine that runs Ansible and waits
 * until someone deletes it (the role's {@code tasks/pause_execution.yml}, up to 24 h). Taken from
 * the run's own events, never from anything a user typed.
 *
 * @param task       the waiting task as the events name it ("Pause execution until … is removed, …")
 * @param lockFile   the lock file's absolute path, from the result of "Create temporary lock file"
 * @param message    the role's instruction: the msg of the debug task before the pause; null if none
 * @param since      when the wait started (ISO-8601 UTC, the task's start event)
 * @param timesOutAt when the role gives up waiting and fails the run ({@code since} + the role's timeout)
 */
public record Pause(String task, String lockFile, String message, String since, String timesOutAt) {
    /** {@code wait_for: timeout: 86400  # 24 hours} in the role's tasks/pause_execution.yml. */
    public static final long ROLE_TIMEOUT_SECONDS = 86_400;
}
