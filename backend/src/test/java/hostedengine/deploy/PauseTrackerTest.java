package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role's pause from its events (tasks/pause_execution.yml), and the rules for the only file Continue deletes. */
class PauseTrackerTest {
    static final String ROLE = "ovirt.ovirt.hosted_engine_setup : ";
    static final String LOCK = "/tmp/ansible.k2j4_he_setup_lock";
    static final String MESSAGE = "You can now connect to https://host1.example.com:6900/ovirt-engine/ and check the status"
            + " of this host and eventually remediate it, please continue only when the host is listed as 'up'";
    static final String WAIT = ROLE + "Pause execution until " + LOCK + " is removed, delete it once ready to proceed";

    @TempDir Path dir;
    long seq;

    RunEvent event(String type, String task, String msg, Map<String, Object> data) {
        return new RunEvent(++seq, "bootstrap_local_vm", type, "2026-12-06T00:11:31.734279Z", task, "localhost", false, msg, data);
    }

    PauseTracker pausedByTheRole() {
        var tracker = new PauseTracker();
        tracker.accept(event("task_start", ROLE + "Let the user connect to the bootstrap engine VM to manually fix host configuration", null, Map.of()));
        tracker.accept(event("ok", ROLE + "Let the user connect to the bootstrap engine VM to manually fix host configuration", MESSAGE, Map.of()));
        tracker.accept(event("task_start", ROLE + "include_tasks", null, Map.of()));
        tracker.accept(event("task_start", ROLE + "Create temporary lock file", null, Map.of()));
        tracker.accept(event("ok", ROLE + "Create temporary lock file", null, Map.of("path", LOCK)));
        assertThat(tracker.accept(event("task_start", WAIT, null, Map.of()))).isTrue();
        return tracker;
    }

    @Test
    void theWaitTaskStartPausesWithTheLockFileTheRolesMessageAndItsTimeout() {
        Pause pause = pausedByTheRole().current();
        assertThat(pause.lockFile()).isEqualTo(LOCK);
        assertThat(pause.message()).isEqualTo(MESSAGE);
        assertThat(pause.task()).isEqualTo(WAIT);
        assertThat(pause.since()).isEqualTo("2026-12-06T00:11:31.734279Z");
        assertThat(pause.timesOutAt()).isEqualTo("2026-12-07T00:11:31.734279Z");
    }

    @Test
    void theWaitTaskEndingOrTheNextTaskEndsThePause() {
        var ok = pausedByTheRole();
        assertThat(ok.accept(event("ok", WAIT, null, Map.of("path", LOCK)))).isTrue();
        assertThat(ok.current()).isNull();
        var failed = pausedByTheRole();
        failed.accept(event("failed", WAIT, "Timeout when waiting for " + LOCK + " to be absent.", Map.of()));
        assertThat(failed.current()).isNull();
        var next = pausedByTheRole();
        next.accept(event("task_start", ROLE + "include_tasks", null, Map.of()));
        assertThat(next.current()).isNull();
    }

    @Test
    void aTaskNamedLikeTheWaitWithoutTheRolesLockFileIsNoPause() {
        var tracker = new PauseTracker();
        tracker.accept(event("task_start", WAIT, null, Map.of()));
        assertThat(tracker.current()).isNull();
        tracker.accept(event("ok", ROLE + "Create temporary lock file", null, Map.of("path", "/tmp/other_he_setup_lock")));
        tracker.accept(event("task_start", WAIT, null, Map.of()));
        assertThat(tracker.current()).isNull();
    }

    @Test
    void onlyAnAbsolutePathInATempDirectoryEndingLikeTheRolesLockFilePasses() {
        assertThat(RoleLockFile.problem(LOCK)).isEmpty();
        assertThat(RoleLockFile.problem("/var/tmp/tmpa1b2_he_setup_lock")).isEmpty();
        assertThat(RoleLockFile.problem("tmp/x_he_setup_lock")).isPresent();
        assertThat(RoleLockFile.problem("/tmp/../etc/x_he_setup_lock")).isPresent();
        assertThat(RoleLockFile.problem("/tmp/./x_he_setup_lock")).isPresent();
        assertThat(RoleLockFile.problem("/etc/passwd")).isPresent();
        assertThat(RoleLockFile.problem("/etc/x_he_setup_lock")).isPresent();
        assertThat(RoleLockFile.problem("/tmp/sub/x_he_setup_lock")).isPresent();
        assertThat(RoleLockFile.problem("/tmp/x_he_setup_lock.bak")).isPresent();
        assertThat(RoleLockFile.problem("")).isPresent();
        assertThat(RoleLockFile.problem(null)).isPresent();
    }

    @Test
    void aSymlinkOrADirectoryInPlaceOfTheLockFileIsNeverDeleted() throws Exception {
        Path target = Files.writeString(dir.resolve("precious"), "keep");
        Path link = Path.of("/tmp", "pause-test-" + System.nanoTime() + "_he_setup_lock");
        Files.createSymbolicLink(link, target);
        try {
            assertThat(RoleLockFile.delete(link.toString()).kind()).isEqualTo(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK);
            assertThat(link).isSymbolicLink();
            assertThat(target).hasContent("keep");
        } finally {
            Files.deleteIfExists(link);
        }
        Path folder = Files.createDirectory(Path.of("/tmp", "pause-test-" + System.nanoTime() + "_he_setup_lock"));
        try {
            assertThat(RoleLockFile.delete(folder.toString()).kind()).isEqualTo(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK);
            assertThat(folder).isDirectory();
        } finally {
            Files.deleteIfExists(folder);
        }
    }

    @Test
    void theRolesLockFileIsDeletedAndAGoneOneIsSaidSo() throws Exception {
        Path lock = Files.createTempFile("pause-test", "_he_setup_lock");
        assertThat(RoleLockFile.delete(lock.toString()).kind()).isEqualTo(ContinueOutcome.Kind.CONTINUED);
        assertThat(lock).doesNotExist();
        ContinueOutcome again = RoleLockFile.delete(lock.toString());
        assertThat(again.kind()).isEqualTo(ContinueOutcome.Kind.LOCK_ALREADY_GONE);
        assertThat(again.continued()).isTrue();
    }
}
