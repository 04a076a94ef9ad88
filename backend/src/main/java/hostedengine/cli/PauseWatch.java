package hostedengine.cli;

import hostedengine.deploy.ContinueOutcome;
import hostedengine.deploy.Pause;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.Runs;
import hostedengine.threads.Threads;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * While {@code deploy} follows a phase: says when the role pauses (its own message, when it
 * stops waiting, how to go on), and continues the run when Enter is pressed on the terminal.
 * {@code hosted-engine-wizard continue RUN} from another terminal works as well; either way this
 * says when the run goes on again.
 */
final class PauseWatch implements AutoCloseable {
    private static final long POLL_MS = 200;

    private final Cli.Terminal terminal;
    private final CliText text;
    private final Runs runs;
    private final Supplier<String> currentRun;
    private final BiConsumer<String, ContinueOutcome> audit;
    private final Thread poller;
    private volatile boolean closed;

    PauseWatch(Cli.Terminal terminal, CliText text, Runs runs, Supplier<String> currentRun,
               BiConsumer<String, ContinueOutcome> audit) {
        this.terminal = terminal;
        this.text = text;
        this.runs = runs;
        this.currentRun = currentRun;
        this.audit = audit;
        this.poller = daemon(this::poll, "pause-watch");
    }

    void start() {
        poller.start();
        daemon(this::readEnter, "pause-enter").start();
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    private void poll() {
        String shownLock = null;
        while (!closed) {
            Pause pause = pauseOf(currentRun.get());
            if (pause != null && !pause.lockFile().equals(shownLock)) {
                shownLock = pause.lockFile();
                announce(currentRun.get(), pause);
            } else if (pause == null && shownLock != null) {
                shownLock = null;
                terminal.out().println(text.get("cli.pause.resumed"));
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void announce(String runId, Pause pause) {
        var out = terminal.out();
        out.println();
        out.println(text.get("cli.pause.title", runId));
        if (pause.message() != null) out.println(text.get("cli.pause.message", pause.message()));
        out.println(text.get("cli.pause.timesOut", pause.timesOutAt()));
        out.println(text.get("cli.pause.how", runId));
        out.flush();
    }

    /** Enter while the run waits continues it; Enter at any other time does nothing. */
    private void readEnter() {
        while (!closed) {
            if (terminal.readLine().isEmpty()) return;
            String runId = currentRun.get();
            if (pauseOf(runId) == null) continue;
            ContinueOutcome outcome = runs.continueRun(runId);
            audit.accept(runId, outcome);
            (outcome.continued() ? terminal.out() : terminal.err()).println(text.get(outcome.kind().messageKey()));
        }
    }

    private Pause pauseOf(String runId) {
        return runId == null ? null : runs.get(runId).map(RunInfo::pause).orElse(null);
    }

    private static Thread daemon(Runnable body, String name) { return Threads.named(name).newThread(body); }
}
