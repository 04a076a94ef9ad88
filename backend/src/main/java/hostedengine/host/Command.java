package hostedengine.host;

import hostedengine.threads.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a small local command (an argument list, never a shell string) and returns its output. */
final class Command {
    private Command() {}

    /**
     * The command's standard output when it exits 0 within the timeout; empty when it is
     * missing, fails, or hangs (a hung resolver behind {@code hostname --fqdn} must not hang startup).
     */
    static Optional<String> output(Duration timeout, String... argv) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(argv))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        CompletableFuture<String> stdout = Threads.async("command-stdout", () -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String text = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return Optional.empty();
        }
    }

    /** Whether an executable of this name is on PATH. */
    static boolean onPath(String name, String path) {
        if (path == null) return false;
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, name);
            if (java.nio.file.Files.isRegularFile(candidate) && java.nio.file.Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
