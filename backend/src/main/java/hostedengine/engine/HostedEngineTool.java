package hostedengine.engine;

import hostedengine.threads.Threads;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This host's {@code hosted-engine} ({@link EngineHost} for the machine the wizard runs on): what
 * to run (the tool, the cleanup, the environment, the timeout), which {@code remote.SshEngineHost}
 * runs the same way on the deployment host.
 * Runs {@code hosted-engine} (and {@code ovirt-hosted-engine-cleanup} beside it) as an argument
 * list with no shell, stdin from /dev/null, both pipes drained, and a timeout after which the
 * process is killed: a hung broker or storage must not hang the page.
 *
 * @param executable the tool: {@code /usr/sbin/hosted-engine}, or the simulator's copy
 * @param cleanup    {@code /usr/sbin/ovirt-hosted-engine-cleanup}, or the simulator's copy
 * @param env        added to the environment (the simulator's state file)
 * @param timeout    how long one command may take (20 s on a host)
 */
public record HostedEngineTool(Path executable, Path cleanup, Map<String, String> env, Duration timeout)
        implements EngineHost {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public HostedEngineTool {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The installed tools of a real host. */
    public static HostedEngineTool onHost() {
        return new HostedEngineTool(Path.of("/usr/sbin/hosted-engine"), Path.of("/usr/sbin/ovirt-hosted-engine-cleanup"),
                Map.of(), DEFAULT_TIMEOUT);
    }

    /** The simulator's test doubles, installed by its final_clean into {@code binDir}, state beside it. */
    public static HostedEngineTool simulated(Path binDir, Path stateFile) {
        return new HostedEngineTool(binDir.resolve("hosted-engine"), binDir.resolve("ovirt-hosted-engine-cleanup"),
                Map.of("HOSTED_ENGINE_DOUBLE_STATE", stateFile.toString()), DEFAULT_TIMEOUT);
    }

    public HostedEngineTool withTimeout(Duration t) { return new HostedEngineTool(executable, cleanup, env, t); }

    @Override public boolean installed() { return Files.isRegularFile(executable) && Files.isExecutable(executable); }

    @Override public ToolOutput run(String... args) { return run(List.of(args)); }

    @Override public ToolOutput run(List<String> args) {
        return execute(commandLine(args));
    }

    @Override public TargetHost where() { return TargetHost.THIS_HOST; }

    @Override public Path toolPath() { return executable; }

    /** The whole command line of one call, as it runs here and, over SSH, on the deployment host. */
    public List<String> commandLine(List<String> args) {
        var argv = new ArrayList<String>();
        argv.add(executable.toString());
        argv.addAll(args);
        return argv;
    }

    @Override public StreamedCommand streamCleanup() throws IOException {
        Process p = startCleanup();
        return new StreamedCommand() {
            @Override public InputStream output() { return p.getInputStream(); }

            @Override public boolean waitFor(Duration t) throws InterruptedException {
                return p.waitFor(t.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override public int exitCode() { return p.isAlive() ? -1 : p.exitValue(); }

            @Override public void kill() {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        };
    }

    @Override public Optional<byte[]> readFile(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override public long bytesUnder(Path dir) { return Cleanup.size(dir); }

    /** The cleanup process, started and left to the caller to read (its output is streamed). */
    public Process startCleanup() throws IOException {
        var builder = new ProcessBuilder(List.of(cleanup.toString(), "-q")).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        return builder.start();
    }

    private ToolOutput execute(List<String> argv) {
        if (!installed()) return ToolOutput.notInstalled();
        Process process;
        try {
            var builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            builder.environment().put("LC_ALL", "C");
            process = builder.start();
        } catch (IOException e) {
            return ToolOutput.notInstalled();
        }
        CompletableFuture<String> out = Threads.async("hosted-engine-stdout", () -> readAll(process.getInputStream()));
        CompletableFuture<String> err = Threads.async("hosted-engine-stderr", () -> readAll(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return ToolOutput.hung(partial(out), partial(err));
            }
            return new ToolOutput(out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS), process.exitValue(), false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return ToolOutput.hung("", "");
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return ToolOutput.hung("", "");
        }
    }

    private static String partial(CompletableFuture<String> stream) {
        try {
            return stream.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
