package hostedengine.engine;

import hostedengine.threads.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ovirt-hosted-engine-cleanup -q} (guide ch. 3.2) on the deployment host, one at a time: its output is kept
 * line by line for the page to stream, and the space it freed under the appliance directory
 * (where the local VM directories {@code localvm*} live) is measured before and after.
 */
public final class Cleanup {
    public static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** NOT_CONNECTED: nothing ran, the remote deployment host cannot be used now. */
    public enum State { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, NOT_CONNECTED }

    /** One cleanup: the host it runs on, its lines so far, its state, and when ended the exit code and bytes freed. */
    public static final class Run {
        private final TargetHost on;
        private final List<String> lines = new ArrayList<>();
        private volatile State state = State.RUNNING;
        private volatile int exitCode = -1;
        private volatile long freedBytes;

        Run(TargetHost on) { this.on = on; }

        /** The host this cleanup runs (or ran) on. */
        public TargetHost on() { return on; }

        public synchronized List<String> linesFrom(int index) {
            return index >= lines.size() ? List.of() : List.copyOf(lines.subList(Math.max(0, index), lines.size()));
        }

        public synchronized int lineCount() { return lines.size(); }

        synchronized void add(String line) { lines.add(line); }

        public State state() { return state; }

        public boolean ended() { return state != State.RUNNING; }

        public int exitCode() { return exitCode; }

        public long freedBytes() { return freedBytes; }
    }

    private final EngineHost tool;
    private final Path applianceDir;
    private final Duration timeout;
    private Run current;

    /** @param tool where the cleanup runs: this host, or the deployment host chosen when it starts */
    public Cleanup(EngineHost tool, Path applianceDir, Duration timeout) {
        this.tool = tool;
        this.applianceDir = applianceDir;
        this.timeout = timeout;
    }

    public Path applianceDir() { return applianceDir; }

    public synchronized Optional<Run> current() { return Optional.ofNullable(current); }

    /** Where a cleanup would run now: this host, or the deployment host chosen. */
    public TargetHost where() { return tool.resolve().where(); }

    /**
     * Starts a cleanup unless one is running; {@code onEnd} is told when it ends (the audit log).
     * A cleanup that cannot start ends at once as failed, with the reason as its only line; one
     * for a remote host that cannot be used now ends at once as NOT_CONNECTED (nothing ran anywhere).
     */
    public synchronized Optional<Run> start(java.util.function.Consumer<Run> onEnd) {
        if (current != null && !current.ended()) return Optional.empty();
        EngineHost host = tool.resolve();
        Run run = new Run(host.where());
        current = run;
        if (!host.where().connected()) {
            run.state = State.NOT_CONNECTED;
            onEnd.accept(run);
            return Optional.of(run);
        }
        Threads.start("hosted-engine-cleanup", () -> {
            execute(host, run);
            onEnd.accept(run);
        });
        return Optional.of(run);
    }

    private void execute(EngineHost host, Run run) {
        long before = host.bytesUnder(applianceDir);
        State end = run(host, run);
        // The space freed is known before the end is told: a page that sees the end shows the right figure.
        run.freedBytes = Math.max(0, before - host.bytesUnder(applianceDir));
        run.state = end;
    }

    private State run(EngineHost host, Run run) {
        try (StreamedCommand p = host.streamCleanup()) {
            Thread reader = Threads.start("hosted-engine-cleanup-output", () -> {
                try (var in = new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) run.add(line);
                } catch (IOException ignored) {
                    // the process ended or was killed; what was read is kept
                }
            });
            if (!p.waitFor(timeout)) {
                p.kill();
                reader.join(1000);
                return State.TIMED_OUT;
            }
            reader.join(5000);
            run.exitCode = p.exitCode();
            return run.exitCode == 0 ? State.SUCCEEDED : State.FAILED;
        } catch (IOException e) {
            run.add(e.getMessage());
            return State.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.FAILED;
        }
    }

    /** Bytes of the regular files under {@code dir}; unreadable parts are skipped, not fatal. */
    static long size(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    if (a.isRegularFile()) total[0] += a.size();
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }
}
