package hostedengine.deploy;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.Redactor;
import hostedengine.ansible.TargetProblem;
import hostedengine.threads.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

// Over 300 lines: start, recovery, cancel and continue share the one table of active runs and the host-wide lock.
/**
 * The runs of this host, of every kind ({@link Phase}: deployment phases, discovery, host facts,
 * name checks): starts them, follows them, cancels them, hands out their events and outcomes,
 * and finds unfinished ones again after a restart. At most one deployment (Prepare VM, Finish)
 * at a time, and no discovery while it runs; read-only kinds run beside anything — across
 * processes too: the server and {@code hosted-engine-wizard deploy} share the state directory,
 * start runs under the host-wide {@code deployment.lock}, and a run owned by the other process
 * ({@link RunOwnership}) blocks a new one and is shown read-only. Of the read-only kinds only the
 * last {@link Phase#READ_ONLY_KEPT} ended runs each are kept ({@link RunRetention}).
 */
public final class Runs implements AutoCloseable {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int TAIL = 2000;
    private static final int QUEUE = 4096;
    static final long TERM_AFTER_S = 10;
    static final long KILL_AFTER_S = 20;
    private static final long AWAIT_POLL_MS = 50;
    /** A read-only run's variables as its caller gave them, for {@link #retry}. */
    static final String RETRY_VARS = "retry-vars.json";

    /** Two Runs of one process (tests) must not both wait on the host lock: the JVM refuses that. */
    private static final Object HOST_LOCK_IN_THIS_PROCESS = new Object();

    private final RunFiles files;
    private final Path stateDir;
    private final TagLauncher launcher;
    private final Supplier<AnsibleTarget> targets;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Map<String, RunInfo> endedHere = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Threads.named("run-cancel-timer"));
    private final SecureRandom random = new SecureRandom();
    private final RunRetention retention;

    /** A followed run, with the host it works on (a Continue first checks that it still answers). */
    private record Active(RunFollower follower, EventLog log, Thread thread, AnsibleTarget target) {}

    /** How long a Continue waits for the follower's thread to take it (it looks every 10 ms). */
    private static final long CONTINUE_ANSWER_S = 5;

    /** The state directory the runs live in. */
    public Path stateDir() { return stateDir; }

    public Runs(Path stateDir, RunSettings settings) {
        this(stateDir, settings, () -> AnsibleTarget.LOCAL);
    }

    /** Runs that work on the host {@code targets} names when each run starts (this host or one over SSH). */
    public Runs(Path stateDir, RunSettings settings, Supplier<AnsibleTarget> targets) {
        this.files = new RunFiles(stateDir);
        this.stateDir = stateDir;
        this.launcher = new TagLauncher(settings);
        this.targets = targets;
        this.retention = new RunRetention(files, id -> active.containsKey(id), endedHere::remove);
    }

    /**
     * Starts a phase; returns the run id at once (the run may still end FAILED, e.g. when
     * {@code ansible-playbook} is missing: see {@link #get}). Secrets are held in memory only
     * while the run runs.
     */
    public String start(Phase phase, String owner, Map<String, Object> vars, Map<String, String> secrets)
            throws RunConflict {
        return start(phase, owner, vars, secrets, null);
    }

    /**
     * Starts a run on {@code target} rather than the host chosen now ({@code null}: the chosen one),
     * for a caller that must know which host its answer comes from (the facts of a host are cached per host).
     */
    public synchronized String start(Phase phase, String owner, Map<String, Object> vars, Map<String, String> secrets,
                                     AnsibleTarget target) throws RunConflict {
        if (phase.readOnly()) {
            // In conflict with nothing, so the host-wide lock (which guards the conflict checks) is not needed.
            return startHoldingHostLock(phase, owner, vars, secrets, target);
        }
        synchronized (HOST_LOCK_IN_THIS_PROCESS) {
            RunOwnership hostLock;
            try {
                // A state directory that does not exist yet (a fresh install, a test's) is made, as runs/ is later.
                Files.createDirectories(stateDir);
                hostLock = RunOwnership.take(stateDir.resolve(RunOwnership.HOST_FILE));
            } catch (IOException e) {
                return failedToStart(phase, owner, "could not lock " + stateDir.resolve(RunOwnership.HOST_FILE) + ": " + e);
            }
            try (hostLock) {
                return startHoldingHostLock(phase, owner, vars, secrets, target);
            }
        }
    }

    private String startHoldingHostLock(Phase phase, String owner, Map<String, Object> vars, Map<String, String> secrets,
                                        AnsibleTarget chosen) throws RunConflict {
        for (Active a : active.values()) {
            RunInfo running = a.follower().info();
            // A run that has just ended may still be in the map for a moment: it blocks nothing.
            if (running.status().isFinal()) continue;
            if (phase.conflictsWith(running.phase())) throw new RunConflict(running.id(), running.phase());
        }
        Optional<RunInfo> elsewhere = runningElsewhere(phase);
        if (elsewhere.isPresent()) throw new RunConflict(elsewhere.get().id(), elsewhere.get().phase());
        // A run on the engine VM never falls back to the deployment host.
        if (phase.onEngineVm() && chosen == null) return failedToStart(phase, owner, "no engine VM was given to work on");
        RunInfo info = newRun(phase, owner);
        String id = info.id();
        // An engine task talks to the engine from here: it works on no host over SSH, and gets no SSH password.
        AnsibleTarget target = phase.engineTask() ? AnsibleTarget.LOCAL : chosen != null ? chosen : targets.get();
        RunOwnership ownership = null;
        try {
            Files.createDirectories(files.runDir(id));
            // Owned before run.json exists, so no other process ever sees it unowned and takes it over.
            ownership = RunOwnership.tryTake(files.runDir(id).resolve(RunOwnership.FILE))
                    .orElseThrow(() -> new IOException("its owner.lock is held by another process"));
            files.writeInfo(info);
            // What a read-only run was asked, so its page's Retry can ask again (no secrets: those are the target's).
            if (phase.readOnly()) hostedengine.ansible.VarsFile.write(files.runDir(id).resolve(RETRY_VARS), vars);
            // Which host the run works on, for support and for anyone reading the run directory later.
            hostedengine.files.PrivateFiles.writeAtomically(files.runDir(id).resolve("target.json"),
                    RunFiles.JSON.writeValueAsBytes(Map.of("host", target.label(), "local", target.local())));
        } catch (IOException e) {
            if (ownership != null) ownership.close();
            RunInfo failed = info.ended(RunStatus.FAILED, Instant.now().toString(), "run.cannotWrite",
                    "could not create " + files.runDir(id) + ": " + e);
            endedHere.put(id, failed);
            return id;
        }
        // The target's own secret (an SSH password) travels and is masked like the deployment's.
        var allSecrets = new java.util.HashMap<String, String>(secrets);
        allSecrets.putAll(target.secrets());
        follow(info, Map.copyOf(vars), Map.copyOf(allSecrets), launcher.forTarget(target).forPhase(phase), ownership,
                target);
        return id;
    }

    private String failedToStart(Phase phase, String owner, String why) {
        RunInfo info = newRun(phase, owner);
        endedHere.put(info.id(), info.ended(RunStatus.FAILED, Instant.now().toString(), "run.cannotWrite", why));
        return info.id();
    }

    /** A new run of {@code phase}, starting now: its id is the time, the phase and a random suffix. */
    private RunInfo newRun(Phase phase, String owner) {
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + RunFiles.idPart(phase)
                + "-" + HexFormat.of().formatHex(bytes(3));
        return new RunInfo(id, phase, owner, now.toString(), null, RunStatus.STARTING, phase.tags(), 0,
                false, null, null, null, Map.of(), 0);
    }

    /**
     * An unfinished run this process does not follow that blocks {@code phase}: one another
     * process owns, or one whose owner died while its Ansible still runs (a server will take it over).
     */
    private Optional<RunInfo> runningElsewhere(Phase phase) {
        if (phase.readOnly()) return Optional.empty(); // in conflict with nothing: no need to read every run.json
        for (String id : files.ids()) {
            if (active.containsKey(id) || endedHere.containsKey(id)) continue;
            Optional<RunInfo> info = files.readInfo(id).filter(i -> !i.status().isFinal())
                    .filter(i -> phase.conflictsWith(i.phase()));
            if (info.isEmpty()) continue;
            Path runDir = files.runDir(id);
            if (RunOwnership.heldElsewhere(runDir)) return info;
            String tag = info.get().currentTag();
            if (tag != null && RunFiles.pgid(files.tagDir(id, info.get().tagIndex(), tag)).stream()
                    .anyMatch(ProcessGroup::alive)) {
                return info;
            }
        }
        return Optional.empty();
    }

    /**
     * Follows every run that has no final status and is not followed yet (call at start): the
     * ones whose owner is gone are taken over, the ones another process owns are watched.
     */
    public synchronized void recover() {
        for (String id : files.ids()) {
            if (active.containsKey(id) || endedHere.containsKey(id)) continue;
            files.readInfo(id).filter(i -> !i.status().isFinal()).ifPresent(info -> follow(info, Map.of(), null,
                    launcher.forPhase(info.phase()),
                    RunOwnership.tryTake(files.runDir(id).resolve(RunOwnership.FILE)).orElse(null), recoveredTarget(id)));
        }
    }

    /**
     * Looks for runs other processes start ({@code hosted-engine-wizard deploy}) every
     * {@code interval}, so they show live here too. The server calls it once at start.
     */
    public void watchOtherProcesses(java.time.Duration interval) {
        timers.scheduleWithFixedDelay(() -> {
            try {
                recover();
            } catch (RuntimeException e) {
                // A run directory half written by another process: the next scan sees it whole.
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when another process drives this run and this one only shows it. */
    public boolean ownedElsewhere(String runId) {
        Active a = active.get(runId);
        return a != null && a.follower().watching();
    }

    /** Asks the run to stop: SIGINT to its process group, SIGTERM after 10 s, SIGKILL after 20 s. */
    public boolean cancel(String runId) {
        Active a = active.get(runId);
        if (a == null) return false;
        a.follower().requestCancel();
        a.follower().pgid().ifPresent(pgid -> {
            ProcessGroup.signal(pgid, "INT");
            timers.schedule(() -> { if (ProcessGroup.alive(pgid)) ProcessGroup.signal(pgid, "TERM"); },
                    TERM_AFTER_S, TimeUnit.SECONDS);
            timers.schedule(() -> { if (ProcessGroup.alive(pgid)) ProcessGroup.signal(pgid, "KILL"); },
                    KILL_AFTER_S, TimeUnit.SECONDS);
        });
        return true;
    }

    /**
     * Starts an ended read-only run (facts, network interfaces, a name check) again with the
     * variables it was given, on the host chosen now: its run page's Retry. Empty for other kinds
     * (a deployment or discovery needs the wizard's answers and passwords: their pages start them)
     * and for a run that is unknown, not ended, or left no record of its variables.
     */
    public Optional<String> retry(String runId, String owner) throws RunConflict {
        Optional<RunInfo> info = get(runId).filter(i -> i.phase().readOnly() && i.status().isFinal());
        if (info.isEmpty()) return Optional.empty();
        Map<String, Object> vars;
        try {
            vars = hostedengine.ansible.VarsFile.read(files.runDir(runId).resolve(RETRY_VARS));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        // Read back from disk, so judged again before reuse: the read-only kinds only ever write host
        // names, addresses, interface names, paths and flags (all passed their rules when first asked).
        if (!vars.values().stream().allMatch(Runs::plainRetryValue)) return Optional.empty();
        return Optional.of(start(info.get().phase(), owner, vars, Map.of()));
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9._:/@-]{0,4096}");

    private static boolean plainRetryValue(Object value) {
        return value instanceof Number || value instanceof Boolean
                || (value instanceof String text && PLAIN.matcher(text).matches());
    }

    /**
     * Lets a paused run go on: deletes the lock file the role waits on (tasks/pause_execution.yml),
     * only the one its own event named and only after {@link RoleLockFile}'s checks. A remote
     * deployment host must answer first, or the role's next task would fail the run: then the run
     * stays paused.
     */
    public ContinueOutcome continueRun(String runId) {
        if (!RunId.isWellFormed(runId)) return ContinueOutcome.of(ContinueOutcome.Kind.UNKNOWN_RUN, "no run " + runId);
        Active a = active.get(runId);
        if (a == null || a.follower().info().pause() == null) {
            return get(runId).isPresent()
                    ? ContinueOutcome.of(ContinueOutcome.Kind.NOT_PAUSED, "run " + runId + " is not paused")
                    : ContinueOutcome.of(ContinueOutcome.Kind.UNKNOWN_RUN, "no run " + runId);
        }
        try {
            a.target().checkReady();
        } catch (TargetProblem p) {
            return ContinueOutcome.of(ContinueOutcome.Kind.HOST_UNREACHABLE, a.target().label() + ": " + p.getMessage());
        }
        try {
            return a.follower().requestContinue().get(CONTINUE_ANSWER_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_PAUSED, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_PAUSED, "run " + runId + " did not answer: " + e);
        }
    }

    /**
     * The host a run found again after a restart works on: the chosen host if the run's
     * target.json names it; this host for a local run. (A remote run whose host is no longer the
     * chosen one is not checked: its own tasks report whether the host answers.)
     */
    private AnsibleTarget recoveredTarget(String runId) {
        Optional<String> remote = remoteHost(runId);
        if (remote.isEmpty()) return AnsibleTarget.LOCAL;
        AnsibleTarget chosen = targets.get();
        return chosen.label().equals(remote.get()) ? chosen : AnsibleTarget.LOCAL;
    }

    /** History after {@code afterSeq}, then live events, each once; empty for an unknown run. */
    public Optional<Subscription> subscribe(String runId, long afterSeq, RunListener listener) {
        Active a = active.get(runId);
        if (a == null && RunId.isWellFormed(runId) && !endedHere.containsKey(runId)
                && files.readInfo(runId).filter(i -> !i.status().isFinal()).isPresent()) {
            // Started by another process a moment ago, before the next scan: follow it now, not as ended.
            recover();
            a = active.get(runId);
        }
        if (a != null) return Optional.of(a.log().subscribe(afterSeq, listener, runId));
        return get(runId).map(info -> finishedLog(runId, info).subscribe(afterSeq, listener, runId));
    }

    /** Up to {@code limit} events after {@code afterSeq}. */
    public List<RunEvent> page(String runId, long afterSeq, int limit) {
        Active a = active.get(runId);
        if (a != null) return a.log().page(afterSeq, limit);
        if (!RunId.isWellFormed(runId) || !Files.isDirectory(files.runDir(runId))) return List.of();
        return EventFiles.read(files.runDir(runId), Redactor.keysOnly(), afterSeq, limit, true);
    }

    /**
     * The events after {@code afterSeq} up to {@code upToSeq}, in order, until {@code sink} answers
     * false, in one pass over the files: for a late viewer's progress and the whole log.
     */
    public void forEachEvent(String runId, long afterSeq, long upToSeq, Predicate<RunEvent> sink) {
        Active a = active.get(runId);
        if (a != null) {
            a.log().forEach(afterSeq, upToSeq, sink);
            return;
        }
        if (!RunId.isWellFormed(runId) || !Files.isDirectory(files.runDir(runId))) return;
        EventFiles.forEach(files.runDir(runId), Redactor.keysOnly(), afterSeq, upToSeq, true, sink);
    }

    /**
     * The failures that stopped a task of the run, in order: failed tasks the playbook did not
     * ignore (a block's rescue still counts them: the rescue's own summary comes after), and
     * unreachable hosts. What explains a failed run ({@code hostedengine.failures}) reads these.
     */
    public List<RunEvent> failures(String runId) {
        var found = new ArrayList<RunEvent>();
        forEachEvent(runId, 0, Long.MAX_VALUE, e -> {
            boolean failed = "failed".equals(e.type()) && !Boolean.TRUE.equals(e.data().get("ignored"));
            if (failed || "unreachable".equals(e.type())) found.add(e);
            return true;
        });
        return found;
    }

    public Optional<RunInfo> get(String runId) {
        if (!RunId.isWellFormed(runId)) return Optional.empty();
        Active a = active.get(runId);
        if (a != null) return Optional.of(a.follower().info());
        // What this server saw end wins over run.json, which a full disk may have left saying RUNNING.
        RunInfo ended = endedHere.get(runId);
        if (ended != null) return Optional.of(ended);
        return files.readInfo(runId);
    }

    /**
     * Waits for the run's end at most {@code timeout}, polling its status; empty when it has not
     * ended by then (or is unknown). For short runs whose caller needs their result.
     */
    public Optional<RunInfo> awaitEnd(String runId, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RunInfo> info = get(runId);
            if (info.isEmpty() || info.get().status().isFinal()) return info.filter(i -> i.status().isFinal());
            if (System.nanoTime() - deadline > 0) return Optional.empty();
            Thread.sleep(AWAIT_POLL_MS);
        }
    }

    /** A run that has ended, with every event it recorded (payloads too): what a caller reads its answer from. */
    public Optional<RunOutcome> outcome(String runId) {
        Optional<RunInfo> info = get(runId).filter(i -> i.status().isFinal());
        if (info.isEmpty()) return Optional.empty();
        List<RunEvent> events = new ArrayList<>();
        forEachEvent(runId, 0, Long.MAX_VALUE, events::add);
        return Optional.of(new RunOutcome(info.get(), events));
    }

    /**
     * Starts a run and waits for its end at most {@code timeout}: for short runs whose caller needs
     * the answer (host facts, name checks). A run still going then is canceled, and the outcome
     * returned says it did not finish (its events so far included).
     */
    public RunOutcome runToEnd(Phase phase, String owner, Map<String, Object> vars, Map<String, String> secrets,
                               AnsibleTarget target, java.time.Duration timeout) throws RunConflict, InterruptedException {
        String id = start(phase, owner, vars, secrets, target);
        Optional<RunInfo> ended = awaitEnd(id, timeout);
        if (ended.isPresent()) {
            Optional<RunOutcome> outcome = outcome(id);
            if (outcome.isPresent()) return outcome.get();
        }
        cancel(id);
        RunInfo now = get(id).orElseGet(() -> newRun(phase, owner));
        List<RunEvent> events = new ArrayList<>();
        forEachEvent(id, 0, Long.MAX_VALUE, events::add);
        return new RunOutcome(now.ended(RunStatus.FAILED, Instant.now().toString(), "run.canceled",
                "did not finish within " + timeout.toSeconds() + " s, so it was canceled"), events);
    }

    /** The pause of a run this process follows, from memory only (cheap: the event stream asks per event). */
    public Optional<Pause> pause(String runId) {
        Active a = active.get(runId);
        return a == null ? Optional.empty() : Optional.ofNullable(a.follower().info().pause());
    }

    /** The remote host the run works on, as chosen when it started ("root@hv1.example.com"); empty for this host. */
    public Optional<String> remoteHost(String runId) {
        if (!RunId.isWellFormed(runId)) return Optional.empty();
        try {
            var m = RunFiles.JSON.readValue(files.runDir(runId).resolve("target.json").toFile(), Map.class);
            if (Boolean.TRUE.equals(m.get("local"))) return Optional.empty();
            return Optional.ofNullable(m.get("host")).map(String::valueOf);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The variables a run's last step was started with (its {@code vars.json}, unsafe wrappers
     * removed): what a later page needs to know of it (e.g. that a deployment restored a backup).
     * Never a secret: those travel through the FIFO only.
     */
    public Optional<Map<String, Object>> varsOf(String runId) {
        Optional<RunInfo> info = get(runId);
        if (info.isEmpty() || info.get().tags().isEmpty()) return Optional.empty();
        for (int i = info.get().tags().size() - 1; i >= 0; i--) {
            Path vars = files.tagDir(runId, i, info.get().tags().get(i)).resolve("vars.json");
            if (!Files.isRegularFile(vars)) continue;
            try {
                return Optional.of(hostedengine.ansible.VarsFile.read(vars));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every run, newest first. */
    public List<RunInfo> list() {
        List<RunInfo> all = new ArrayList<>();
        for (String id : files.ids()) get(id).ifPresent(all::add);
        endedHere.forEach((id, info) -> { if (all.stream().noneMatch(i -> i.id().equals(id))) all.add(info); });
        all.sort((x, y) -> y.id().compareTo(x.id()));
        return all;
    }

    /** The deployment (Prepare VM or Finish) running now, if any. */
    public Optional<RunInfo> current() {
        return active.values().stream().map(a -> a.follower().info()).filter(i -> i.phase().deployment() && !i.status().isFinal()).findFirst();
    }

    /** Stops following (not the runs: they go on detached and are recovered at the next start). */
    @Override
    public void close() {
        for (Active a : active.values()) a.thread().interrupt();
        timers.shutdownNow();
    }

    private void follow(RunInfo info, Map<String, Object> vars, Map<String, String> secrets, TagLauncher launcher,
                        RunOwnership ownership, AnsibleTarget target) {
        Redactor redactor = secrets == null ? Redactor.keysOnly() : Redactor.of(secrets.values());
        EventLog log = new EventLog(history(info.id(), redactor, false), TAIL, QUEUE);
        RunFollower follower = new RunFollower(files, launcher, log, info, vars, secrets, ownership, ended -> {
            endedHere.put(ended.id(), ended);
            active.remove(ended.id());
            retention.prune(ended);
        });
        Thread thread = Threads.named("run-" + info.id()).newThread(follower);
        active.put(info.id(), new Active(follower, log, thread, target));
        thread.start();
    }

    private EventLog finishedLog(String runId, RunInfo info) {
        return EventLog.ofEnded(history(runId, Redactor.keysOnly(), true), info, TAIL, QUEUE);
    }

    /** A run's events read back from its files, page by page or in one pass. */
    private EventLog.History history(String runId, Redactor redactor, boolean ended) {
        Path dir = files.runDir(runId);
        return new EventLog.History() {
            @Override public List<RunEvent> read(long afterSeq, int limit) {
                return EventFiles.read(dir, redactor, afterSeq, limit, ended);
            }

            @Override public void forEach(long afterSeq, long upToSeq, Predicate<RunEvent> sink) {
                EventFiles.forEach(dir, redactor, afterSeq, upToSeq, ended, sink);
            }
        };
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
