package hostedengine.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's Cockpit web service ({@code /usr/lib/cockpit/cockpit-ws}) on a free local port without
 * TLS, with a throw-away system account that logs in through Cockpit's PAM service, and our Cockpit
 * package installed for that account only ({@code ~/.local/share/cockpit/hosted_engine}) by the
 * same {@code install-plugin} script administrators run. Needs root (useradd, cockpit-session).
 */
public final class CockpitWs implements AutoCloseable {
    public static final Path COCKPIT_WS = Path.of("/usr/lib/cockpit/cockpit-ws");
    private static final Path INSTALL_PLUGIN = Path.of("../cockpit-manifest/install-plugin");

    private final Process process;
    private final int port;
    private final String user;
    private final String password;
    private final Path log;
    private final boolean tls;
    private Path configDir;

    private CockpitWs(Process process, int port, boolean tls, String user, String password, Path log) {
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.log = log;
    }

    /** A free port for Cockpit, chosen before the wizard starts so each can name the other's origin. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the account, installs the plugin from a configuration file that says where the wizard
     * listens ({@code wizardOptions}, the lines of hosted-engine-wizard.conf), and starts cockpit-ws.
     */
    public static CockpitWs start(int port, List<String> wizardOptions) {
        return start(port, wizardOptions, null, null);
    }

    /**
     * As {@link #start(int, List)}, on HTTPS with this certificate and key (PEM) when they are
     * given: cockpit-ws finds them in {@code $XDG_CONFIG_DIRS/cockpit/ws-certs.d/}, a temporary
     * directory here, as it finds /etc/cockpit/ws-certs.d/ on a host.
     */
    public static CockpitWs start(int port, List<String> wizardOptions, Path cert, Path key) {
        String user = "hewcockpit" + HexFormat.of().formatHex(random(3));
        String password = "Ck-" + HexFormat.of().formatHex(random(12));
        try {
            run(List.of("useradd", "--create-home", "--shell", "/bin/bash", user), null);
            // the password goes to chpasswd on its standard input, never on a command line
            run(List.of("chpasswd"), user + ":" + password + "\n");
            Path home = Path.of("/home", user);
            Path conf = Files.createTempFile("hosted-engine-wizard-", ".conf");
            Files.write(conf, wizardOptions, StandardCharsets.UTF_8);
            Path dest = home.resolve(".local/share/cockpit/hosted_engine");
            run(List.of(INSTALL_PLUGIN.toAbsolutePath().toString(), "--config", conf.toString(),
                    "--dest", dest.toString()), null);
            run(List.of("chown", "-R", user + ":", home.resolve(".local").toString()), null);
            Files.delete(conf);

            Path log = Reports.dir().resolve("cockpit-ws-" + port + ".log");
            boolean tls = cert != null;
            var command = new java.util.ArrayList<>(List.of(COCKPIT_WS.toString(), "--address", "127.0.0.1",
                    "--port", String.valueOf(port)));
            var builder = new ProcessBuilder(command);
            Path configDir = null;
            if (tls) {
                configDir = Files.createTempDirectory("cockpit-config-");
                Path certs = Files.createDirectories(configDir.resolve("cockpit/ws-certs.d"));
                Files.copy(cert, certs.resolve("0-test.cert"));
                Files.copy(key, certs.resolve("0-test.key"));
                builder.environment().put("XDG_CONFIG_DIRS", configDir.toString());
            } else {
                command.add("--no-tls");
                builder.command(command);
            }
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var cockpit = new CockpitWs(process, port, tls, user, password, log);
            cockpit.configDir = configDir;
            cockpit.awaitListening();
            return cockpit;
        } catch (IOException | RuntimeException e) {
            removeUser(user);
            throw new IllegalStateException("Cockpit could not be set up: " + e.getMessage(), e);
        }
    }

    public String url(String path) {
        return origin() + path;
    }

    public String origin() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Path pluginDir() {
        return Path.of("/home", user, ".local/share/cockpit/hosted_engine");
    }

    public Path log() {
        return log;
    }

    private void awaitListening() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(TestTls.trustingAnyCertificate()).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create(url("/cockpit/login"))).timeout(Duration.ofSeconds(2)).build();
        new FluentWait<>(client).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(200))
                .withMessage(() -> "cockpit-ws did not answer on port " + port)
                .until(c -> {
                    if (!process.isAlive()) throw new IllegalStateException("cockpit-ws exited with " + process.exitValue());
                    try {
                        // without credentials Cockpit answers 401: it is up
                        return c.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Override
    public void close() {
        // cockpit-session and the user's cockpit-bridge are children of cockpit-ws
        ServerProcess.stopWithChildren(process);
        removeUser(user);
        ServerProcess.deleteTree(configDir);
    }

    private static void removeUser(String user) {
        try {
            run(List.of("userdel", "--force", "--remove", user), null);
        } catch (RuntimeException | IOException leftover) {
            System.err.println("CockpitWs: could not remove test account " + user + ": " + leftover.getMessage());
        }
    }

    private static void run(List<String> command, String input) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
