package hostedengine.backup;

import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunOutcome;
import java.util.Optional;

/**
 * What {@code engine-upgrade-check} said (guide 5.3), read from its run: the exit code and the
 * output as the tool printed them. Exit 0 with "Upgrade available." and exit 1 with "No upgrade
 * is available for the setup package." are the tool's two answers; exit 2 is its error; anything
 * else is shown raw as unexpected, never guessed (ovirt-engine
 * {@code packaging/setup/bin/ovirt-engine-upgrade-check.in}).
 *
 * @param message the run's own message when it failed before the tool answered (SSH, Ansible)
 */
public record UpdateCheck(String runId, String time, Verdict verdict, Integer rc, String stdout, String stderr, String message) {
    static final String TASK = "Run engine-upgrade-check";

    public enum Verdict { RUNNING, AVAILABLE, NONE, ERROR, UNEXPECTED, FAILED }

    /** The check of that run, as it stands. */
    public static UpdateCheck of(RunOutcome run) {
        String id = run.info().id();
        String time = run.info().created();
        if (!run.info().status().isFinal()) return new UpdateCheck(id, time, Verdict.RUNNING, null, "", "", null);
        Optional<RunEvent> result = run.last("ok", TASK).or(() -> run.last("failed", TASK));
        if (result.isEmpty()) return new UpdateCheck(id, time, Verdict.FAILED, null, "", "", run.problem());
        var data = result.get().data();
        Integer rc = data.get("rc") instanceof Number n ? n.intValue() : null;
        String stdout = text(data.get("stdout"));
        String stderr = text(data.get("stderr"));
        return new UpdateCheck(id, time, verdict(rc, stdout), rc, stdout, stderr, null);
    }

    private static Verdict verdict(Integer rc, String stdout) {
        if (rc == null) return Verdict.UNEXPECTED;
        return switch (rc) {
            case 0 -> stdout.contains("Upgrade available.") ? Verdict.AVAILABLE : Verdict.UNEXPECTED;
            case 1 -> stdout.contains("No upgrade is available for the setup package.") ? Verdict.NONE : Verdict.UNEXPECTED;
            case 2 -> Verdict.ERROR;
            default -> Verdict.UNEXPECTED;
        };
    }

    private static String text(Object value) { return value == null ? "" : String.valueOf(value); }
}
