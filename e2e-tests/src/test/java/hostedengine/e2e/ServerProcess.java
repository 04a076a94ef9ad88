package hostedengine.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The wizard server as the administrator runs it: the shaded jar in its own JVM, in simulator mode,
 * on a free local port with a throw-away state directory. Its output goes to a file so a failing
 * test can show what the server said.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final java.util.regex.Pattern LOGIN_LINE =
            java.util.regex.Pattern.compile("Log in once as \\S+: (http\\S+/login/once/\\S+)");

    private final Process process;
    private final URI baseUri;
    private final Path stateDir;
    private final Path log;
    private final Thread killOnExit;
    private String loginLink;

    private ServerProcess(Process process, URI baseUri, Path stateDir, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.stateDir = stateDir;
        this.log = log;
        // If the test JVM dies without running @AfterAll, the server must not outlive it.
        this.killOnExit = new Thread(process::destroyForcibly, "kill-wizard-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the jar named by the system property {@code wizard.jar} and waits for GET /health = 200. */
    public static ServerProcess start() {
        return start(java.util.Map.of(), null);
    }

    /**
     * As {@link #start()}, with extra environment variables (e.g. HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT)
     * and, when {@code reuseStateDir} is not null, on an existing state directory (a restart).
     */
    public static ServerProcess start(java.util.Map<String, String> env, Path reuseStateDir) {
        return start(env, reuseStateDir, List.of());
    }

    /**
     * As {@link #start(java.util.Map, Path)}, with more server options (e.g. --cockpit-origin URL).
     * With --tls-cert among them the server speaks HTTPS (no --no-tls) and {@link #baseUri()} is https.
     */
    public static ServerProcess start(java.util.Map<String, String> env, Path reuseStateDir, List<String> moreOptions) {
        Path jar = Path.of(System.getProperty("wizard.jar", "../backend/target/hosted-engine-wizard-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No server jar at " + jar.toAbsolutePath()
                    + ": run `mvn -B -ntp -q -DskipTests install` from the repository root first");
        }
        try {
            int port = freePort();
            Path stateDir = reuseStateDir != null ? reuseStateDir : Files.createTempDirectory("wizard-state-");
            Path log = Reports.dir().resolve("server-" + port + ".log");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toAbsolutePath().toString(),
                    "--no-tls", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                    "--state-dir", stateDir.toString(), "--simulate", "--login-link"));
            boolean tls = moreOptions.contains("--tls-cert");
            if (tls) command.remove("--no-tls");
            command.addAll(moreOptions);
            ProcessBuilder builder = new ProcessBuilder(command);
            // the simulator's phases take about a minute at speed 1; tests need seconds
            builder.environment().put("HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED", "50");
            builder.environment().remove("HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT");
            builder.environment().putAll(env);
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new ServerProcess(process, URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port), stateDir, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public String url(String path) {
        return baseUri.resolve(path).toString();
    }

    /** The server's --state-dir: the double's state is {@code simulator/state.json}, its bin dir {@code simulator/bin}. */
    /** Writes a file of the server's state directory whole (renamed in), as the test arranges the simulator's switches. */
    public void writeState(String relative, String content) {
        try {
            Path file = stateDir().resolve(relative);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path log() {
        return log;
    }

    /**
     * The single-use login link the server prints at startup ("Log in once as USER: URL"). It
     * works once: the browser of a test class spends it in {@link WizardUnderTest}.
     */
    public String singleUseLoginLink() {
        return loginLink;
    }

    /** The last lines the server printed, stack frames left out, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log).stream()
                    .filter(line -> !line.matches("\\s+(at |\\.\\.\\. \\d+ more).*"))
                    .toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(TestTls.trustingAnyCertificate()).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            new FluentWait<>(client)
                    .withTimeout(STARTUP_TIMEOUT)
                    .pollingEvery(Duration.ofMillis(200))
                    .withMessage(() -> "no single-use login link printed, or GET /health did not answer 200")
                    .until(c -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("server exited with " + process.exitValue());
                        }
                        loginLink = printedLoginLink();
                        if (loginLink == null) {
                            return false;
                        }
                        try {
                            return c.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false; // not listening yet
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    });
        } catch (RuntimeException e) {
            String tail = logTail(40);
            close();
            throw new IllegalStateException("Wizard server did not become healthy at " + baseUri
                    + " (" + e.getMessage() + "). Server output:\n" + tail, e);
        }
    }

    private String printedLoginLink() {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(LOGIN_LINE::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop();
        deleteTree(stateDir);
    }

    /** Stops the server and keeps its state directory, for a restart on it. */
    public void stop() {
        stopWithChildren(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; nothing to undo
        }
    }

    /** Asks a process and its children to end, then kills what is still there after 10 s. */
    static void stopWithChildren(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is not worth failing a test for
        }
    }
}
