package hostedengine.deploy;

import hostedengine.ansible.AnsibleEvent;
import hostedengine.ansible.EventLine;
import hostedengine.ansible.ExitCodes;
import hostedengine.ansible.Redactor;
import hostedengine.ansible.SecretsChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Over 300 lines: the only writer of a run's state; launching, tailing and ending share that state on its one thread.
/**
 * Follows one active run from its files: launches each tag in turn (when this server holds
 * the run's secrets), tails {@code events.jsonl}, numbers, redacts and publishes events,
 * and ends the run when {@code rc} appears, the process is gone, or the directory vanishes.
 * A run another process owns ({@link RunOwnership}) is only watched: events and status are
 * read from its files, nothing is launched and {@code run.json} is never written, until the
 * owner dies and this follower takes over as after a restart.
 *
 * <p>This follower's thread is the only writer of the run's state ({@code info}, {@code run.json}).
 * Other threads only ask ({@link #requestCancel}, {@link #requestContinue}); the thread applies
 * the asks between two reads of the events, so an ask is never lost to an update it raced with.
 */
final class RunFollower implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RunFollower.class);
    /** How often the events file is read: what a live log waits at most for a line Ansible wrote (bin/bench). */
    private static final long TAIL_MS = 10;
    /** How often the run's state is checked (rc, the process group through /proc, the directory): dearer. */
    private static final long POLL_MS = 100;
    private static final long GONE_GRACE_MS = 1500;
    private static final long NO_PID_MS = 15_000;
    /** Written by a process that watches the run when its user asks to cancel it. */
    static final String CANCEL_FILE = "cancel-requested";

    private final RunFiles files;
    private final TagLauncher launcher;
    private final EventLog log;
    private final Redactor redactor;
    private final Map<String, Object> vars;
    private final Map<String, String> secrets; // null after a restart: secrets live only in memory
    private final Consumer<RunInfo> onEnd;
    private volatile RunInfo info;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private long seq;
    private String failedTask;
    private String failedMessage;
    private volatile Process wrapper;
    private SecretsChannel channel;
    private final Map<Integer, Tail> tails = new HashMap<>();
    private volatile RunOwnership ownership; // null while another process owns the run
    private final PauseTracker pauses = new PauseTracker();
    private final AtomicBoolean cancelAsked = new AtomicBoolean();
    private final ConcurrentLinkedQueue<CompletableFuture<ContinueOutcome>> continueAsks = new ConcurrentLinkedQueue<>();
    private volatile boolean done;

    RunFollower(RunFiles files, TagLauncher launcher, EventLog log, RunInfo info, Map<String, Object> vars,
                Map<String, String> secrets, RunOwnership ownership, Consumer<RunInfo> onEnd) {
        this.ownership = ownership;
        this.files = files;
        this.launcher = launcher;
        this.log = log;
        this.info = info;
        this.vars = vars;
        this.secrets = secrets;
        this.redactor = secrets == null ? Redactor.keysOnly() : Redactor.of(secrets.values());
        this.onEnd = onEnd;
        this.results.putAll(info.results());
    }

    /** The run as this follower last recorded it; a cancel asked but not yet applied already shows. */
    RunInfo info() {
        RunInfo current = info;
        return cancelAsked.get() && !current.cancelRequested() && !current.status().isFinal()
                ? current.withCancelRequested() : current;
    }

    /** True while another process drives this run and this follower only watches it. */
    boolean watching() { return ownership == null; }

    /**
     * Asks the run to record a cancel; the follower's thread records it (the caller signals the
     * processes). A watched run's owner must know before the signal ends its Ansible, so the file
     * that tells it is written here, at once: it is the owner's to record, not this state.
     */
    void requestCancel() {
        cancelAsked.set(true);
        if (watching()) writeCancelFile();
    }

    /**
     * Asks the follower's thread to delete the role's lock file of the pause the events show now.
     * Completes within one tail interval while the run is followed; at once when it has ended.
     */
    CompletableFuture<ContinueOutcome> requestContinue() {
        var ask = new CompletableFuture<ContinueOutcome>();
        continueAsks.add(ask);
        if (done) answerAsksAfterEnd();
        return ask;
    }

    /** Records what other threads asked; called by the follower's thread only. */
    private void applyAsks() {
        if (cancelAsked.get() && !info.cancelRequested() && !info.status().isFinal()) {
            info = info.withCancelRequested();
            if (watching()) writeCancelFile();
            persist();
        }
        for (CompletableFuture<ContinueOutcome> ask; (ask = continueAsks.poll()) != null; ) ask.complete(continueNow());
    }

    /** A process that watches this run asked to cancel it (below): the owner records it. */
    private void noticeCancelFile() {
        if (!info.cancelRequested() && Files.exists(files.runDir(info.id()).resolve(CANCEL_FILE))) cancelAsked.set(true);
    }

    /** Not ours to write run.json: the owner sees this file and records the cancel itself. */
    private void writeCancelFile() {
        try {
            Files.writeString(files.runDir(info.id()).resolve(CANCEL_FILE), "cancel\n");
        } catch (IOException e) {
            // The signal to the process group still stops the run.
        }
    }

    /** Deletes only the lock file the role's own event named, after RoleLockFile's checks. */
    private ContinueOutcome continueNow() {
        Pause shown = info.pause();
        Pause fromEvents = pauses.current();
        if (shown == null || fromEvents == null || info.status().isFinal()) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_PAUSED, "run " + info.id() + " is not paused");
        }
        if (!fromEvents.lockFile().equals(shown.lockFile())) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK, shown.lockFile()
                    + " is not the lock file the role created (" + fromEvents.lockFile() + ")");
        }
        return RoleLockFile.delete(fromEvents.lockFile());
    }

    private void answerAsksAfterEnd() {
        for (CompletableFuture<ContinueOutcome> ask; (ask = continueAsks.poll()) != null; ) {
            ask.complete(ContinueOutcome.of(ContinueOutcome.Kind.NOT_PAUSED, "run " + info.id() + " has ended"));
        }
    }

    /** The process group of the tag running now, once its wrapper has written it. */
    OptionalInt pgid() {
        return info.tagIndex() < 0 ? OptionalInt.empty() : RunFiles.pgid(tagDir(info.tagIndex()));
    }

    @Override
    public void run() {
        try {
            if (watching() && !watchUntilOwnerLeaves()) return;
            replayEarlierTags();
            while (true) {
                int i = info.tagIndex();
                Path dir = tagDir(i);
                if (!Files.isDirectory(dir)) {
                    if (!launch(i, dir)) return;
                } else if (wrapper == null && waitsForLostSecrets(dir)) {
                    // Found again after a restart: this Ansible waits on a FIFO whose writer died with
                    // the old server. It can never go on; stop it rather than leave it hanging.
                    RunFiles.pgid(dir).ifPresent(pgid -> ProcessGroup.signal(pgid, "KILL"));
                    end(RunStatus.FAILED, "run.restartBetweenTags", "the server restarted while it handed "
                            + info.tags().get(i) + " its passwords; passwords are kept only in memory, so start the phase again");
                    return;
                }
                Outcome outcome = follow(dir);
                closeChannel();
                noticeCancelFile();
                applyAsks(); // a cancel asked just before the exit code appeared still counts
                if (outcome.lostKey != null) {
                    end(info.cancelRequested() ? RunStatus.CANCELED : RunStatus.LOST,
                            info.cancelRequested() ? "run.canceled" : outcome.lostKey, outcome.detail);
                    return;
                }
                if (outcome.rc != 0 || info.cancelRequested() || i == info.tags().size() - 1) {
                    endWithRc(outcome.rc, dir);
                    return;
                }
                info = info.withTagIndex(i + 1);
                persist();
            }
        } catch (Stopped e) {
            // The server is stopping: the run goes on detached and is found again at the next start.
            closeChannel();
            letGo();
        } catch (RuntimeException e) {
            closeChannel();
            end(RunStatus.FAILED, "run.internalError", String.valueOf(e));
        } finally {
            done = true;
            answerAsksAfterEnd();
        }
    }

    private boolean launch(int i, Path dir) {
        applyAsks();
        if (info.cancelRequested()) {
            end(RunStatus.CANCELED, "run.canceled", "canceled before " + info.tags().get(i) + " started");
            return false;
        }
        if (secrets == null) {
            end(RunStatus.FAILED, "run.restartBetweenTags", "the server restarted before " + info.tags().get(i)
                    + " started; passwords are kept only in memory, so start the phase again");
            return false;
        }
        Map<String, Object> tagVars = new LinkedHashMap<>(vars);
        var localVmDir = info.localVmDir();
        if (localVmDir.isPresent()) {
            // Read back from the role, pasted by the next tags into mkisofs, guestfish and dd: judged first.
            var problem = hostedengine.wizard.ReadBack.localVmDir(localVmDir.get());
            if (problem.isPresent()) {
                end(RunStatus.FAILED, "run.unsafeResult", problem.get());
                return false;
            }
            tagVars.putIfAbsent("he_local_vm_dir", localVmDir.get());
        }
        try {
            var launched = launcher.launch(dir, info.tags().get(i), tagVars, secrets);
            wrapper = launched.wrapper();
            channel = launched.secrets();
            info = info.withStatus(RunStatus.RUNNING);
            persist();
            return true;
        } catch (TagLauncher.LaunchProblem p) {
            end(RunStatus.FAILED, p.key, p.getMessage());
        } catch (IOException e) {
            end(RunStatus.FAILED, "run.cannotWrite", "could not prepare " + dir + ": " + e);
        }
        return false;
    }

    private record Outcome(int rc, String lostKey, String detail) {}

    private Outcome follow(Path dir) {
        Tail tail = tail(info.tagIndex());
        long goneSince = -1;
        long startedAt = System.currentTimeMillis();
        long nextCheck = 0;
        while (true) {
            tail.readNew(false);
            if (System.currentTimeMillis() < nextCheck) {
                sleep(TAIL_MS);
                continue;
            }
            nextCheck = System.currentTimeMillis() + POLL_MS;
            if (!Files.isDirectory(files.runDir(info.id()))) {
                return new Outcome(-1, "run.directoryRemoved", "the run directory was removed while the run was followed");
            }
            noticeCancelFile();
            applyAsks();
            OptionalInt rc = RunFiles.rc(dir);
            if (rc.isPresent()) {
                tail.readNew(true);
                return new Outcome(rc.getAsInt(), null, null);
            }
            OptionalInt pgid = RunFiles.pgid(dir);
            boolean alive = pgid.isPresent() ? ProcessGroup.alive(pgid.getAsInt())
                    : (wrapper != null ? wrapper.isAlive() : System.currentTimeMillis() - startedAt < NO_PID_MS);
            if (alive) {
                goneSince = -1;
            } else if (goneSince < 0) {
                goneSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - goneSince > GONE_GRACE_MS) {
                tail.readNew(true);
                return new Outcome(-1, "run.processGone",
                        "the Ansible process of " + dir.getFileName() + " is gone and left no exit code");
            }
            sleep(TAIL_MS);
        }
    }

    /**
     * True when the tag's secrets FIFO is still there and Ansible has written no event: it is
     * blocked reading passwords nobody will write. (The channel removes its directory once
     * Ansible has read it, and Ansible reads its extra vars before the first event.)
     */
    private boolean waitsForLostSecrets(Path dir) {
        if (Files.exists(files.events(dir))) return false;
        try (var entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("secrets-"));
        } catch (IOException e) {
            return false;
        }
    }

    private void replayEarlierTags() {
        for (int j = 0; j < info.tagIndex(); j++) {
            Path dir = tagDir(j);
            if (Files.isDirectory(dir)) tail(j).readNew(true);
        }
    }

    /** One reader per tag, kept, so a watcher that takes over goes on numbering where it was. */
    private Tail tail(int index) {
        return tails.computeIfAbsent(index, i -> new Tail(tagDir(i)));
    }

    /**
     * Watches a run another process owns: publishes its events and status from the files.
     * Returns false when the run ended (this follower is done), true when the owner died
     * with the run unfinished and this follower now owns it.
     */
    private boolean watchUntilOwnerLeaves() {
        Path runDir = files.runDir(info.id());
        while (true) {
            if (!Files.isDirectory(runDir)) {
                end(RunStatus.LOST, "run.directoryRemoved", "the run directory was removed while the run was followed");
                return false;
            }
            files.readInfo(info.id()).ifPresent(this::adopt);
            if (info.status().isFinal()) {
                readTags(true);
                log.end(info);
                onEnd.accept(info);
                return false;
            }
            readTags(false);
            applyAsks();
            var taken = RunOwnership.tryTake(runDir.resolve(RunOwnership.FILE));
            if (taken.isPresent()) {
                // The owner is gone. It may have ended the run just before: read once more.
                files.readInfo(info.id()).ifPresent(this::adopt);
                if (info.status().isFinal()) {
                    taken.get().close();
                    continue;
                }
                ownership = taken.get();
                return true;
            }
            sleep(POLL_MS);
        }
    }

    private void adopt(RunInfo onDisk) {
        results.putAll(onDisk.results());
        // The pause comes from the events this follower read, never from a run.json someone may have edited.
        info = onDisk.withEvents(seq, results).withPause(onDisk.status().isFinal() ? null : pauses.current());
    }

    private void readTags(boolean runEnded) {
        for (int j = 0; j <= info.tagIndex() && j < info.tags().size(); j++) {
            Path dir = tagDir(j);
            if (Files.isDirectory(dir)) tail(j).readNew(runEnded || j < info.tagIndex() || RunFiles.rc(dir).isPresent());
        }
    }

    /** Reads events.jsonl from where it left off; a cut last line waits unless the tag has ended. */
    private final class Tail {
        private final Path dir;
        private final String tag;
        private long offset;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Tail(Path dir) {
            this.dir = dir;
            this.tag = EventFiles.tagOf(dir);
        }

        void readNew(boolean ended) {
            try (RandomAccessFile file = new RandomAccessFile(files.events(dir).toFile(), "r")) {
                long length = file.length();
                if (length > offset) {
                    file.seek(offset);
                    byte[] buf = new byte[(int) Math.min(length - offset, 4 << 20)];
                    file.readFully(buf);
                    offset += buf.length;
                    int start = 0;
                    for (int k = 0; k < buf.length; k++) {
                        if (buf[k] == '\n') {
                            partial.write(buf, start, k - start);
                            line(partial.toString(StandardCharsets.UTF_8));
                            partial.reset();
                            start = k + 1;
                        }
                    }
                    partial.write(buf, start, buf.length - start);
                }
            } catch (NoSuchFileException | java.io.FileNotFoundException e) {
                // Not written yet.
            } catch (IOException e) {
                // Read again on the next poll.
            }
            if (ended && partial.size() > 0) {
                line(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
            log.wake();
        }

        private void line(String text) {
            AnsibleEvent event = EventLine.parse(++seq, text);
            RunEvent runEvent = EventFiles.toRunEvent(event, tag, redactor);
            boolean newResults = false;
            for (var e : event.otopi().entrySet()) {
                results.put(e.getKey(), redactor.redactValue(e.getValue()));
                newResults = true;
            }
            if (event.isFailure()) {
                failedTask = runEvent.task();
                failedMessage = runEvent.message();
            }
            info = info.withEvents(seq, results);
            boolean pauseChanged = pauses.accept(runEvent);
            if (pauseChanged) info = info.withPause(pauses.current());
            log.add(runEvent); // the subscribers are woken once for all this read gave (readNew)
            if (newResults || pauseChanged) persist();
        }
    }

    private void endWithRc(int rc, Path dir) {
        if (info.cancelRequested()) {
            end(RunStatus.CANCELED, "run.canceled", "canceled; " + ExitCodes.describe(rc));
        } else if (rc == 0) {
            end(RunStatus.SUCCESSFUL, null, null);
        } else if (failedTask != null) {
            info = info.withFailedTask(failedTask, failedMessage);
            end(RunStatus.FAILED, "run.taskFailed", failedMessage);
        } else {
            String logTail = redactor.redact(RunFiles.logTail(dir, 5));
            end(RunStatus.FAILED, ExitCodes.key(rc), ExitCodes.describe(rc) + (logTail.isEmpty() ? "" : ": " + logTail));
        }
    }

    private void end(RunStatus status, String key, String detail) {
        Pause waiting = pauses.current();
        if (waiting != null && status != RunStatus.SUCCESSFUL && !watching()) {
            // Canceled (or lost) while the role waited: nobody waits on its lock file any more.
            RoleLockFile.delete(waiting.lockFile());
        }
        info = info.ended(status, Instant.now().toString(), key, detail);
        persist();
        letGo();
        log.end(info);
        onEnd.accept(info);
    }

    private void letGo() {
        RunOwnership held = ownership;
        if (held != null) held.close();
    }

    private void persist() {
        if (watching()) return; // run.json belongs to the process that owns the run
        try {
            if (Files.isDirectory(files.runDir(info.id()))) files.writeInfo(info);
        } catch (IOException e) {
            // A full disk: the status stays right in memory and the run still ends; the log says why the file lags.
            LOG.warn("run {}: could not write its status ({}): {}", info.id(), info.status(), e.toString());
        }
    }

    private void closeChannel() {
        if (channel != null) channel.close();
        channel = null;
    }

    private Path tagDir(int i) { return files.tagDir(info.id(), i, info.tags().get(i)); }

    private static final class Stopped extends RuntimeException {
        Stopped() { super(null, null, false, false); }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
