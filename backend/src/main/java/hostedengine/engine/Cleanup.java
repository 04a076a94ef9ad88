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
import java.util.concurrent.TimeUnit;

/**
 * {@code ovirt-hosted-engine-cleanup -q} (guide ch. 3.2), one at a time: its output is kept
 * line by line for the page to stream, and the space it freed under the appliance directory
 * (where the local VM directories {@code localvm*} live) is measured before and after.
 */
public final class Cleanup {
    public static final Duration TIMEOUT = Duration.ofMinutes(10);

    public enum State { RUNNING, SUCCEEDED, FAILED, TIMED_OUT }

    /** One cleanup: its lines so far, its state, and when ended the exit code and bytes freed. */
    public static final class Run {
        private final List<String> lines = new ArrayList<>();
        private volatile State state = State.RUNNING;
        private volatile int exitCode = -1;
        private volatile long freedBytes;

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

    private final HostedEngineTool tool;
    private final Path applianceDir;
    private final Duration timeout;
    private Run current;

    public Cleanup(HostedEngineTool tool, Path applianceDir, Duration timeout) {
        this.tool = tool;
        this.applianceDir = applianceDir;
        this.timeout = timeout;
    }

    public Path applianceDir() { return applianceDir; }

    public synchronized Optional<Run> current() { return Optional.ofNullable(current); }

    /**
     * Starts a cleanup unless one is running; {@code onEnd} is told when it ends (the audit log).
     * A cleanup that cannot start ends at once as failed, with the reason as its only line.
     */
    public synchronized Optional<Run> start(java.util.function.Consumer<Run> onEnd) {
        if (current != null && !current.ended()) return Optional.empty();
        Run run = new Run();
        current = run;
        Threads.start("hosted-engine-cleanup", () -> {
            execute(run);
            onEnd.accept(run);
        });
        return Optional.of(run);
    }

    private void execute(Run run) {
        long before = size(applianceDir);
        try {
            Process p = tool.startCleanup();
            Thread reader = Threads.start("hosted-engine-cleanup-output", () -> {
                try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) run.add(line);
                } catch (IOException ignored) {
                    // the process ended or was killed; what was read is kept
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                reader.join(1000);
                run.state = State.TIMED_OUT;
            } else {
                reader.join(5000);
                run.exitCode = p.exitValue();
                run.state = run.exitCode == 0 ? State.SUCCEEDED : State.FAILED;
            }
        } catch (IOException e) {
            run.add(e.getMessage());
            run.state = State.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.state = State.FAILED;
        }
        run.freedBytes = Math.max(0, before - size(applianceDir));
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
