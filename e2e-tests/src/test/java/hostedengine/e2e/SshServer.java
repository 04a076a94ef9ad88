package hostedengine.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hostedengine.testing.Await;
import hostedengine.testing.Required;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code sshd} on 127.0.0.1 and a free port, with a host key and a root key made
 * here (the browser tests run as root, as CI does). The backend's tests have the same server
 * with password users; here the host page only needs keys.
 */
final class SshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private final Path dir;
    private final int port;
    private Process process;

    private SshServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * For a test that needs sshd: a missing sshd fails it under bin/test ({@link Required}); not
     * being root skips it, as bin/test does not promise root (sshd needs it).
     */
    static void assumeAvailable() {
        Required.executable(SSHD, "openssh-server");
        assumeTrue("root".equals(System.getProperty("user.name")), "sshd needs root");
    }

    static SshServer start() throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        var server = new SshServer(Files.createTempDirectory("e2e-sshd-"), freePort());
        server.newHostKey();
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", server.userKey().toString());
        Files.copy(server.dir.resolve("id_ed25519.pub"), server.dir.resolve("authorized_keys"));
        Files.writeString(server.dir.resolve("sshd_config"), String.join("\n",
                "Port " + server.port, "ListenAddress 127.0.0.1",
                "HostKey " + server.dir.resolve("host_ed25519"), "PidFile " + server.dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + server.dir.resolve("authorized_keys"),
                "StrictModes no", "PermitRootLogin yes", "PasswordAuthentication no", "UsePAM no", ""));
        server.launch();
        return server;
    }

    int port() { return port; }

    Path userKey() { return dir.resolve("id_ed25519"); }

    Path dir() { return dir; }

    String fingerprint() throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_ed25519.pub").toString()).split("\\s+")[1];
    }

    /** A new host key, as a reinstalled (or impostor) host would show. */
    void restartWithNewHostKey() throws IOException, InterruptedException {
        stop();
        newHostKey();
        launch();
    }

    @Override
    public void close() throws InterruptedException { stop(); }

    private void newHostKey() throws IOException, InterruptedException {
        Files.deleteIfExists(dir.resolve("host_ed25519"));
        Files.deleteIfExists(dir.resolve("host_ed25519.pub"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString());
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        Await.until("sshd listening on 127.0.0.1:" + port, () -> !process.isAlive() || listening(), Duration.ofSeconds(15));
        if (!process.isAlive()) throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void stop() throws InterruptedException {
        if (process == null) return;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out);
        return out;
    }
}
