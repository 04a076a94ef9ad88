package hostedengine.deploy;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.Redactor;
import hostedengine.ansible.TargetProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Pauses read from a run directory alone, for a process that does not follow the run
 * ({@code hosted-engine-wizard continue RUN}, {@code status}). The role's lock file is on the
 * machine that runs Ansible ({@code delegate_to: localhost} in tasks/pause_execution.yml), which
 * is this one, so any process here may delete it after the same checks as {@link Runs#continueRun}.
 */
public final class PausedRuns {
    private final RunFiles files;

    public PausedRuns(Path stateDir) { this.files = new RunFiles(stateDir); }

    /** A run that waits, and its pause. */
    public record PausedRun(String runId, Pause pause) {}

    /** The deployment that waits now, if one does (at most one deployment runs at a time). */
    public Optional<PausedRun> current() {
        var ids = new java.util.ArrayList<>(files.ids());
        java.util.Collections.reverse(ids); // newest first: ids start with the time
        for (String id : ids) {
            Optional<Pause> pause = files.readInfo(id).filter(i -> i.phase().deployment()).flatMap(i -> pause(id));
            if (pause.isPresent()) return Optional.of(new PausedRun(id, pause.get()));
        }
        return Optional.empty();
    }

    /** The pause of an unfinished run, as its events show it (run.json says whether to look). */
    public Optional<Pause> pause(String runId) {
        if (!RunId.isWellFormed(runId)) return Optional.empty();
        return files.readInfo(runId).filter(i -> !i.status().isFinal()).map(RunInfo::pause)
                .flatMap(recorded -> fromEvents(runId));
    }

    /**
     * Deletes the lock file of {@code runId}'s pause, only when run.json and the role's own event
     * name the same path and it passes {@link RoleLockFile}'s checks, after {@code target} answers.
     */
    public ContinueOutcome continueRun(String runId, AnsibleTarget target) {
        if (!RunId.isWellFormed(runId) || !Files.isDirectory(files.runDir(runId))) {
            return ContinueOutcome.of(ContinueOutcome.Kind.UNKNOWN_RUN, "no run " + runId);
        }
        Optional<RunInfo> info = files.readInfo(runId);
        if (info.isEmpty()) return ContinueOutcome.of(ContinueOutcome.Kind.UNKNOWN_RUN, "no run " + runId);
        Pause recorded = info.get().pause();
        Optional<Pause> fromEvents = fromEvents(runId);
        if (info.get().status().isFinal() || recorded == null || fromEvents.isEmpty()) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_PAUSED, "run " + runId + " is not paused");
        }
        if (!fromEvents.get().lockFile().equals(recorded.lockFile())) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK, recorded.lockFile()
                    + " in run.json is not the lock file the role created (" + fromEvents.get().lockFile() + ")");
        }
        try {
            // Only a run that works on a remote host needs it to answer before going on.
            if (!local(runId)) target.checkReady();
        } catch (TargetProblem p) {
            return ContinueOutcome.of(ContinueOutcome.Kind.HOST_UNREACHABLE, target.label() + ": " + p.getMessage());
        }
        return RoleLockFile.delete(fromEvents.get().lockFile());
    }

    private Optional<Pause> fromEvents(String runId) {
        PauseTracker tracker = new PauseTracker();
        EventFiles.forEach(files.runDir(runId), Redactor.keysOnly(), 0, Long.MAX_VALUE, false, e -> {
            tracker.accept(e);
            return true;
        });
        return Optional.ofNullable(tracker.current());
    }

    /** True unless the run's target.json says it works on a remote host. */
    private boolean local(String runId) {
        try {
            var m = RunFiles.JSON.readValue(files.runDir(runId).resolve("target.json").toFile(), Map.class);
            return !Boolean.FALSE.equals(m.get("local"));
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }
}
