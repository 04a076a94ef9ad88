package hostedengine.backup;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunOutcome;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostedEngineTool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's update (guide 5.3) as one run, {@code engine_update.yml}: engine-upgrade-check,
 * global maintenance, the setup packages, engine-setup, the remaining packages, a restart of the
 * engine VM when a core package changed, maintenance none, and the wait for a healthy engine.
 * Before it starts, a backup is offered: without one newer than {@link #RECENT_BACKUP}, the
 * administrator must say they go on without, which the audit log records.
 */
public final class EngineUpdates {
    /** A backup younger than this counts as "just made" for the update. */
    public static final Duration RECENT_BACKUP = Duration.ofHours(24);

    /** Where the hosted-engine steps run: the deployment host's target, and its hosted-engine there. */
    public record HaHost(AnsibleTarget target, HostedEngineTool tool) {}

    /** How the update waits for the engine VM: seconds between two looks, and how many looks. */
    public record Waits(double pollSeconds, int retries) {
        /** A real engine VM: every 10 s for 15 minutes (a restart of the VM and the engine's start take minutes). */
        public static final Waits REAL = new Waits(10, 90);
        /** The simulated one, whose doubles answer at once. */
        public static final Waits SIMULATED = new Waits(0.5, 60);
    }

    private final BackupOperations operations;
    private final Runs runs;
    private final Supplier<HaHost> haHost;
    private final Path stateDir;
    private final AuditLog audit;
    private final Clock clock;
    private final Waits waits;

    public EngineUpdates(BackupOperations operations, Runs runs, Supplier<HaHost> haHost, Path stateDir, AuditLog audit,
                         Clock clock, Waits waits) {
        this.operations = operations;
        this.runs = runs;
        this.haHost = haHost;
        this.stateDir = stateDir;
        this.audit = audit;
        this.clock = clock;
        this.waits = waits;
    }

    public BackupOperations operations() { return operations; }

    /** Whether the hosted-engine hosts are in global maintenance now; empty when the status is unknown. */
    public Optional<Boolean> globalMaintenance() { return operations.globalMaintenance(); }

    /** The newest good backup made within {@link #RECENT_BACKUP}, if any. */
    public Optional<BackupStore.Backup> recentBackup() {
        var since = clock.instant().minus(RECENT_BACKUP);
        return operations.store().list().stream().filter(BackupStore.Backup::good)
                .filter(b -> b.backedUpAt() != null && b.backedUpAt().isAfter(since)).findFirst();
    }

    /**
     * Starts the update with {@code login} to the engine VM. Refused while the engine VM is not
     * running, and without a recent backup unless {@code withoutBackup} (the administrator's choice).
     */
    public BackupOperations.Outcome start(BackupOperations.Caller caller, BackupOperations.Login login, boolean withoutBackup) {
        Optional<BackupStore.Backup> backup = recentBackup();
        String backupNote = backup.map(BackupStore.Backup::name).orElse(withoutBackup ? "skipped" : "none");
        Function<BackupOperations.Outcome, BackupOperations.Outcome> record = outcome -> {
            String run = outcome instanceof BackupOperations.Started s ? s.runId() : "";
            audit.engineUpdate(caller.user(), caller.ip(), run, BackupOperations.result(outcome), backupNote,
                    outcome instanceof BackupOperations.Started ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.REFUSED);
            return outcome;
        };
        Optional<BackupOperations.Check> down = operations.preconditions().stream()
                .filter(c -> c.id().equals("engine") && c.level() == BackupOperations.Level.FAIL).findFirst();
        if (down.isPresent()) return record.apply(new BackupOperations.Refused(down.get().key()));
        if (backup.isEmpty() && !withoutBackup) {
            return record.apply(new BackupOperations.Invalid(Map.of("withoutBackup", "update.backupFirst")));
        }
        HaHost ha = haHost.get();
        return operations.onEngineVm(caller, login, Phase.ENGINE_UPDATE, () -> vars(ha.tool()),
                engineVm -> EngineUpdateTarget.write(stateDir.resolve("engine-update"), engineVm, ha.target()),
                record::apply);
    }

    private Map<String, Object> vars(HostedEngineTool tool) {
        var vars = new LinkedHashMap<String, Object>();
        vars.put("he_ha_tool", tool.executable().toString());
        vars.put("he_ha_env", tool.env());
        vars.put("he_update_poll_seconds", waits.pollSeconds());
        vars.put("he_update_wait_retries", waits.retries());
        return vars;
    }

    /** The last update of the engine, as it stands. */
    public Optional<Result> last() {
        return runs.list().stream().filter(r -> r.phase() == Phase.ENGINE_UPDATE).findFirst()
                .map(r -> runs.outcome(r.id()).map(Result::of)
                        .orElse(new Result(r.id(), r.created(), State.RUNNING, null, null, "")));
    }

    /** How an update ended: updated, nothing to update, stopped at a step, canceled, or still running. */
    public enum State { RUNNING, UPDATED, NOTHING_TO_UPDATE, FAILED, CANCELED }

    /**
     * One update, for the page: its state, and when it stopped, the step (one of {@link #STEPS}'
     * values, for the guide's advice), the tool's words and its output as it printed it.
     */
    public record Result(String runId, String time, State state, String step, String message, String output) {
        /** Failed or canceled before its end: with global maintenance on, the banners say this is why. */
        public boolean stopped() { return state == State.FAILED || state == State.CANCELED; }

        static Result of(RunOutcome run) {
            String id = run.info().id();
            String time = run.info().created();
            RunStatus status = run.info().status();
            if (!status.isFinal()) return new Result(id, time, State.RUNNING, null, null, "");
            if (run.succeeded()) {
                boolean nothing = run.last("ok", "Say that there is nothing to update").isPresent();
                return new Result(id, time, nothing ? State.NOTHING_TO_UPDATE : State.UPDATED, null, null, "");
            }
            Optional<RunEvent> failure = run.firstFailure();
            String task = failure.map(e -> RunOutcome.bareName(String.valueOf(e.task()))).orElse("");
            String step = STEPS.getOrDefault(task, "other");
            State state = status == RunStatus.CANCELED ? State.CANCELED : State.FAILED;
            if (failure.isEmpty()) return new Result(id, time, state, step, run.problem(), "");
            Map<String, Object> data = failure.get().data();
            String stdout = text(data.get("stdout"));
            String stderr = text(data.get("stderr"));
            return new Result(id, time, state, step, words(failure.get(), stdout, stderr), tail(stdout + stderr));
        }

        /** The tool's own words: engine-setup's "[ ERROR ]" lines, else stderr, else Ansible's message. */
        private static String words(RunEvent failure, String stdout, String stderr) {
            List<String> errors = stdout.lines().filter(l -> l.startsWith("[ ERROR ]")).toList();
            if (!errors.isEmpty()) return String.join("\n", errors);
            if (!stderr.isBlank()) return stderr.strip();
            return failure.message() == null ? "" : failure.message();
        }

        private static String tail(String output) {
            return output.length() <= 8000 ? output : "…" + output.substring(output.length() - 8000);
        }
    }

    /** The playbook's task names and the step each belongs to (the page's advice is per step). */
    static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("Run engine-upgrade-check", "check"),
            Map.entry("Read the state of the hosted-engine hosts", "haState"),
            Map.entry("Find this host's id among the hosted-engine hosts", "haState"),
            Map.entry("Remember the maintenance mode and this host's id", "haState"),
            Map.entry("Set global maintenance", "globalMaintenance"),
            Map.entry("Update the setup packages", "setupPackages"),
            Map.entry("Run engine-setup", "engineSetup"),
            Map.entry("Update the remaining packages", "packages"),
            Map.entry("Shut down the engine VM", "restart"),
            Map.entry("Wait for the engine VM to stop", "restart"),
            Map.entry("Start the engine VM", "restart"),
            Map.entry("Leave global maintenance", "leaveMaintenance"),
            Map.entry("Wait until the engine is healthy", "health"));

    private static String text(Object value) { return value == null ? "" : String.valueOf(value); }
}
