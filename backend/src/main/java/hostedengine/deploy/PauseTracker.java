package hostedengine.deploy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Follows a run's events and knows when the role waits on its lock file. The role's
 * {@code tasks/pause_execution.yml} is always the same two tasks, run on the controller
 * ({@code delegate_to: localhost}), after a debug task telling the user what to do
 * (bootstrap_local_vm/03_engine_initial_tasks.yml, 05_add_host.yml, restore_backup.yml):
 * <ol>
 *   <li>"Create temporary lock file" ({@code tempfile}, suffix {@code _he_setup_lock}): its ok result's {@code path};</li>
 *   <li>"Pause execution until PATH is removed, delete it once ready to proceed" ({@code wait_for
 *       state=absent timeout=86400}): paused from its start until it ends or another task starts.</li>
 * </ol>
 * Feed it every event in order, from the first of the tag; not thread-safe.
 */
final class PauseTracker {
    static final String LOCK_TASK = "Create temporary lock file";
    static final String LOCK_SUFFIX = "_he_setup_lock";

    private String lastMessage;
    private String lockFile;
    private Pause current;

    /** The pause the events show now, or null. */
    Pause current() { return current; }

    /** Takes one event; true when the pause changed (began or ended). */
    boolean accept(RunEvent event) {
        Pause before = current;
        String name = bareName(event.task());
        switch (event.type()) {
            case "task_start" -> current = waitTaskName(lockFile).equals(name) ? pauseFrom(event) : null;
            case "ok" -> ok(event, name);
            case "stats" -> current = null;
            default -> {
                if (current != null && event.task() != null && current.task().equals(event.task())) current = null;
            }
        }
        if (before != null && current == null) lockFile = null;
        return before != current;
    }

    private void ok(RunEvent event, String name) {
        if (current != null && current.task().equals(event.task())) {
            current = null;
        } else if (LOCK_TASK.equals(name) && event.data().get("path") instanceof String path) {
            lockFile = path;
        } else if (event.message() != null && !event.message().isBlank()) {
            // The debug task just before the pause says what to do; any later ok with a msg replaces it.
            lastMessage = event.message();
        }
    }

    private Pause pauseFrom(RunEvent event) {
        String since = event.time() != null ? event.time() : Instant.now().toString();
        return new Pause(event.task(), lockFile, lastMessage, since, timeoutOf(since));
    }

    private static String timeoutOf(String since) {
        try {
            return Instant.parse(since).plusSeconds(Pause.ROLE_TIMEOUT_SECONDS).toString();
        } catch (DateTimeParseException e) {
            return Instant.now().plusSeconds(Pause.ROLE_TIMEOUT_SECONDS).toString();
        }
    }

    /** The wait task's name as the role templates it (tasks/pause_execution.yml); never matches without a lock file. */
    static String waitTaskName(String lockFile) {
        if (lockFile == null) return "\0";
        return "Pause execution until " + lockFile + " is removed, delete it once ready to proceed";
    }

    /** A task's name without the role prefix the events carry ("ovirt.ovirt.hosted_engine_setup : X" → "X"). */
    static String bareName(String task) {
        if (task == null) return "";
        int i = task.indexOf(" : ");
        return i < 0 ? task : task.substring(i + 3);
    }
}
