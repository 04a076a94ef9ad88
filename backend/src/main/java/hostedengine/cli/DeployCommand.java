package hostedengine.cli;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.Deployments;
import hostedengine.deploy.Owner;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.host.HostMode;
import hostedengine.host.StorageDiscoveryException;
import hostedengine.wizard.AnswerFiles;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.Field;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.ImportResult;
import hostedengine.wizard.Rules;
import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code hosted-engine-wizard deploy}: the answer file and this host's defaults, as the
 * wizard's import makes them; the wizard's rules for every step, before anything starts and
 * before a password is asked; the passwords; then Prepare VM and Finish Deployment as the
 * review pages start them, through the same {@link Runs} and run directory, with the run's
 * progress on the terminal.
 */
final class DeployCommand {
    private final hostedengine.failures.FailureTable failures = hostedengine.failures.FailureTable.load();
    private final Cli.Terminal terminal;
    private final CliText text;
    private final Cli.Wiring wiring;
    /** The command line's address in the audit log: it came from the host's own console. */
    private static final String CONSOLE = "console";
    private volatile Runs runs;
    private Deployments deployments;
    private AuditLog audit;
    private volatile String current;
    private volatile boolean interrupted;

    DeployCommand(Cli.Terminal terminal, CliText text, Cli.Wiring wiring) {
        this.terminal = terminal;
        this.text = text;
        this.wiring = wiring;
    }

    int run(DeployOptions options) throws CliProblem {
        if (options.help()) {
            terminal.out().print(DeployOptions.usage());
            return Cli.OK;
        }
        ImportResult imported = readAnswers(options.answers());
        HostFacts facts = wiring.facts();
        Rules rules = new Rules(facts, path -> Files.isRegularFile(Path.of(path)));
        Answers answers = Defaults.forHost(facts, new SecureRandom()).merge(imported.answers().withoutSecrets());
        HostMode mode = wiring.mode(options.simulate());
        // The chosen iSCSI target and LUN can only be judged once discovery has run, which needs
        // the bootstrap engine of Prepare VM (FIELDS.md, Flow): they are checked before Finish.
        boolean discovered = needsDiscovery(answers);
        Predicate<Field> now = f -> !(discovered && DISCOVERED.contains(f));
        StorageDevices devices = StorageDevices.none();

        // The answers first, so a wrong file is refused before any password is asked.
        if (refused(options.answers(), rules.checkAll(answers, devices), f -> !f.secret() && now.test(f))) return Cli.REFUSED;
        answers = new SecretsInput(terminal, text).read(answers, options.secrets());
        List<FieldError> findings = rules.checkAll(answers, devices);
        if (refused(options.answers(), findings, now)) return Cli.REFUSED;
        for (FieldError warning : findings) {
            if (!warning.blocking()) terminal.err().println(text.get("cli.warning", line(warning)));
        }

        Path state = wiring.stateDir(options.stateDir());
        runs = new Runs(state, wiring.runSettings(state, mode), wiring.target(state));
        audit = new AuditLog(state, Clock.systemUTC());
        deployments = new Deployments(runs, () -> rules, wiring.preflight(state, mode, runs), audit);
        terminal.onInterrupt(this::cancel);
        var pauses = new PauseWatch(terminal, text, runs, () -> current, (id, outcome) ->
                audit.deploymentContinued(System.getProperty("user.name"), CONSOLE, id,
                        outcome.kind().name().toLowerCase(java.util.Locale.ROOT),
                        outcome.continued() ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE));
        pauses.start();
        try {
            terminal.out().println(mode.simulator() ? text.get("cli.simulator", mode.reason()) : text.get("cli.realRole"));
            RunInfo prepared = phase(Phase.PREPARE_VM, options.answers(), answers, devices);
            if (prepared.status() != RunStatus.SUCCESSFUL) return exitCode(prepared);
            if (discovered) devices = devices(answers, rules);
            RunInfo finished = phase(Phase.FINISH, options.answers(), answers, devices);
            if (finished.status() != RunStatus.SUCCESSFUL) return exitCode(finished);
            terminal.out().println(text.get("cli.deployed", state.resolve("runs")));
            return Cli.OK;
        } catch (Stop stop) {
            return stop.code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.INTERRUPTED;
        } finally {
            pauses.close();
            runs.close();
        }
    }

    /** Ends the command with an exit code, once what went wrong has been printed. */
    private static final class Stop extends Exception {
        final int code;

        Stop(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /**
     * Ctrl-C: cancel the run as the page's Cancel does; the phase then ends CANCELED and the
     * exit code is 130. With no run of ours going (between phases, or following another
     * process's deployment, which is not ours to cancel), or at a second Ctrl-C, just leave.
     */
    private void cancel() {
        String id = current;
        if (id == null || interrupted) {
            terminal.err().println();
            System.exit(Cli.INTERRUPTED);
        }
        interrupted = true;
        if (runs != null) {
            terminal.err().println();
            terminal.err().println(text.get("cli.canceling", id));
            boolean canceled = runs.cancel(id);
            audit.deploymentCanceled(System.getProperty("user.name"), CONSOLE, id,
                    canceled ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        }
    }

    /**
     * Starts one phase through the use case the review pages use, and follows it to its end.
     * A refusal (answers, pre-flight, what Prepare VM reported) is printed and stops the command;
     * when another deployment holds the host, that one is followed to its end instead (its own
     * answers, not these) and the command stops with exit code 3.
     */
    private RunInfo phase(Phase phase, Path file, Answers answers, StorageDevices devices)
            throws InterruptedException, Stop {
        if (interrupted) return canceledBeforeStart(phase);
        String user = System.getProperty("user.name");
        var outcome = deployments.start(new Deployments.Request(phase, Owner.user(user), user, CONSOLE, answers, devices));
        if (outcome instanceof Deployments.HostBusy busy) {
            terminal.err().println(text.get("run.conflict", busy.runningId()));
            terminal.err().println(text.get("cli.following", busy.runningId()));
            runs.recover();
            report(follow(busy.runningId()));
            throw new Stop(Cli.OTHER_DEPLOYMENT);
        }
        if (outcome instanceof Deployments.Refused refused) {
            refused(file, refused.errors(), f -> true);
            throw new Stop(Cli.REFUSED);
        }
        if (outcome instanceof Deployments.PreflightFailed failed) {
            terminal.err().println(text.get("cli.preflightFailed"));
            for (var f : failed.failures()) {
                String base = "preflight." + f.id() + "." + f.outcome();
                terminal.err().println("  " + text.get("preflight." + f.id() + ".title") + ": "
                        + text.get(base, f.args().toArray()));
                terminal.err().println("    " + text.get(base + ".fix", f.args().toArray()));
            }
            throw new Stop(Cli.REFUSED);
        }
        if (outcome instanceof Deployments.NeedsPrepareVm) {
            terminal.err().println(text.get("run.needPrepareVm"));
            throw new Stop(Cli.FAILED);
        }
        if (outcome instanceof Deployments.UnsafeReadBack unsafe) {
            terminal.err().println(text.get("run.unsafeReadBack", unsafe.message()));
            throw new Stop(Cli.FAILED);
        }
        String id = ((Deployments.Started) outcome).runId();
        current = id;
        terminal.out().println(text.get("cli.phaseStarted", text.get("run.title." + phase.name()), id));
        RunInfo info = follow(id);
        current = null;
        deployments.ended(info);
        report(info);
        return info;
    }

    private RunInfo follow(String id) throws InterruptedException {
        RunInfo start = runs.get(id).orElseThrow();
        var printer = new ProgressPrinter(terminal.out(), terminal.interactive(), text, start);
        while (true) {
            var subscription = runs.subscribe(id, printer.delivered(), printer);
            if (subscription.isEmpty()) break;
            try {
                if (printer.awaitEnd()) break;
            } finally {
                subscription.get().close();
            }
        }
        return runs.get(id).orElse(start);
    }

    private void report(RunInfo info) {
        String phase = text.get("run.title." + info.phase().name());
        if (info.status() == RunStatus.SUCCESSFUL) {
            terminal.out().println(text.get("cli.phaseSucceeded", phase, info.id()));
            return;
        }
        terminal.err().println(text.get("cli.phaseEnded", phase, text.get("run.status." + info.status().name()), info.id()));
        if (info.failedTask() != null) terminal.err().println(text.get("cli.failedTask", info.failedTask()));
        if (info.message() != null && !info.message().isBlank()) terminal.err().println(text.get("cli.failedMessage", info.message()));
        if (info.status() == RunStatus.FAILED) explain(info);
    }

    /** What the failure table says of it, as the run page does ({@code hostedengine.failures}). */
    private void explain(RunInfo info) {
        var failed = new java.util.ArrayList<hostedengine.failures.FailureTable.Failed>();
        for (var e : runs.failures(info.id())) failed.add(new hostedengine.failures.FailureTable.Failed(e.tag(), e.task(), e.message()));
        if (failed.isEmpty() || !java.util.Objects.equals(failed.get(failed.size() - 1).task(), info.failedTask())) {
            failed.add(new hostedengine.failures.FailureTable.Failed(info.currentTag(), info.failedTask(), info.message()));
        }
        var advice = failures.explainRun(failed);
        if (advice.isEmpty()) {
            terminal.err().println(text.get("failure.cli.none"));
            return;
        }
        terminal.err().println(text.get("failure.cli.cause", text.get(advice.get().causeKey())));
        terminal.err().println(text.get("failure.cli.fix", text.get(advice.get().fixKey())));
        if (!advice.get().guide().isEmpty()) {
            String sections = String.join("; ", advice.get().guide().stream()
                    .map(s -> text.get(hostedengine.failures.FailureAdvice.guideKey(s))).toList());
            terminal.err().println(text.get("failure.cli.guide", sections));
        }
    }

    private int exitCode(RunInfo info) {
        return info.status() == RunStatus.CANCELED && interrupted ? Cli.INTERRUPTED : Cli.FAILED;
    }

    private RunInfo canceledBeforeStart(Phase phase) {
        return new RunInfo("-", phase, "", "", "", RunStatus.CANCELED, phase.tags(), -1, true, null, "run.canceled",
                null, Map.of(), 0);
    }

    private boolean refused(Path file, List<FieldError> findings, Predicate<Field> which) {
        List<FieldError> errors = findings.stream().filter(FieldError::blocking).filter(e -> which.test(e.field())).toList();
        if (errors.isEmpty()) return false;
        terminal.err().println(text.get("cli.refused", file));
        for (FieldError e : errors) terminal.err().println("  " + line(e));
        return true;
    }

    /** "Field label: message", in the user's language, as the wizard shows it beside the field. */
    private String line(FieldError e) {
        return text.get("field." + e.field().id() + ".label") + ": " + text.get(e.key(), e.args().toArray());
    }

    private ImportResult readAnswers(Path file) throws CliProblem {
        String content;
        try {
            if (Files.size(file) > 256 * 1024) throw new CliProblem(text.get("import.tooLarge"));
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliProblem(text.get("cli.answers.unreadable", file, e instanceof java.nio.file.NoSuchFileException
                    ? "No such file or directory" : String.valueOf(e.getMessage())));
        }
        try {
            ImportResult result = AnswerFiles.parse(content);
            if (!result.ignoredKeys().isEmpty()) {
                terminal.err().println(text.get("cli.answers.ignored", String.join(", ", result.ignoredKeys())));
            }
            return result;
        } catch (AnswerFiles.UnreadableAnswerFile e) {
            throw new CliProblem(file + ": " + text.get(e.getMessage()));
        }
    }

    /** The answers the rules judge against what discovery finds. */
    private static final java.util.Set<Field> DISCOVERED =
            java.util.EnumSet.of(Field.ISCSI_TARGET, Field.ISCSI_TPGT, Field.ISCSI_TARGET_PORTALS, Field.LUN_ID);

    private static boolean needsDiscovery(Answers answers) {
        return StorageType.of(answers).filter(StorageType::isBlock).isPresent();
    }

    /**
     * For iSCSI and Fibre Channel, the rules judge the chosen target and LUN against what
     * discovery finds, as on the Storage page: the answer file names them, discovery (the role's
     * tags, through the same runs) looks them up on the bootstrap engine.
     */
    private StorageDevices devices(Answers answers, Rules rules) throws CliProblem {
        var discovery = wiring.discovery(runs, () -> rules);
        String owner = Owner.user(System.getProperty("user.name"));
        try {
            if (StorageType.FC.chosenIn(answers)) return discovery.fcLuns(owner, answers);
            StorageDevices targets = discovery.iscsiTargets(owner, answers);
            return new StorageDevices(targets.targets(), discovery.iscsiLuns(owner, answers, targets).luns());
        } catch (StorageDiscoveryException e) {
            throw new CliProblem(text.get("notice.discoveryFailed", e.getMessage()));
        }
    }
}
