package hostedengine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for the tests: Debian's {@code /usr/sbin/sshd} on 127.0.0.1 and a free
 * port, with a host key and a user key generated here, root allowed by key (the tests run as
 * root, as CI does) and a throwaway user with a random password for password logins. Shared
 * with the browser tests (the host page).
 */
public final class Sshd implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private final Path dir;
    private final int port;
    private Process process;
    private String passwordUser;
    private String password;

    private Sshd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(SSHD) && root();
    }

    /**
     * For a test that needs sshd: a missing sshd fails it under bin/test ({@link Required}); not
     * being root skips it, as bin/test does not promise root (sshd needs it).
     */
    public static void assumeAvailable() {
        Required.executable(SSHD, "openssh-server");
        assumeTrue(root(), "sshd needs root");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static Sshd start(Path dir) throws IOException, InterruptedException {
        return start(dir, false);
    }

    /**
     * As EL's sshd is often set up: passwords only through PAM's keyboard-interactive
     * ({@code PasswordAuthentication no}, {@code KbdInteractiveAuthentication yes}, {@code UsePAM yes}).
     */
    public static Sshd startWithPamKeyboardInteractive(Path dir) throws IOException, InterruptedException {
        return start(dir, true);
    }

    private static Sshd start(Path dir, boolean keyboardInteractive) throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        var sshd = new Sshd(dir, freePort());
        sshd.newHostKey();
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "wizard-test", "-f", sshd.userKey().toString());
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + sshd.port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                // The keys live under /tmp, which is world-writable: StrictModes would refuse them.
                "StrictModes no",
                "PermitRootLogin yes",
                "PubkeyAuthentication yes",
                "PasswordAuthentication " + (keyboardInteractive ? "no" : "yes"),
                "KbdInteractiveAuthentication " + (keyboardInteractive ? "yes" : "no"),
                "UsePAM " + (keyboardInteractive ? "yes" : "no"),
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                ""));
        sshd.launch();
        return sshd;
    }

    public int port() { return port; }

    public Path userKey() { return dir.resolve("id_ed25519"); }

    /** Where its keys and configuration live (a test may put more files there). */
    public Path dir() { return dir; }

    public Path hostPublicKey() { return dir.resolve("host_ed25519.pub"); }

    /** The host key's fingerprint as OpenSSH's own {@code ssh-keygen -lf} prints it. */
    public String sshKeygenFingerprint() throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", hostPublicKey().toString()).split("\\s+")[1];
    }

    public String log() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** Stops, makes a new host key (as a reinstalled or impostor host would have), starts again. */
    public void restartWithNewHostKey() throws IOException, InterruptedException {
        stop();
        newHostKey();
        launch();
    }

    /** A system user with a random password, removed at {@link #close()}. */
    public String passwordUser() throws IOException, InterruptedException {
        if (passwordUser == null) {
            String suffix = HexFormat.of().formatHex(random(4));
            passwordUser = "hewtest" + suffix;
            password = "Pw-" + HexFormat.of().formatHex(random(12));
            run("useradd", "-m", "-s", "/bin/sh", passwordUser);
            Process chpasswd = new ProcessBuilder("chpasswd").redirectErrorStream(true).start();
            chpasswd.getOutputStream().write((passwordUser + ":" + password + "\n").getBytes(StandardCharsets.UTF_8));
            chpasswd.getOutputStream().close();
            if (!chpasswd.waitFor(20, TimeUnit.SECONDS) || chpasswd.exitValue() != 0) throw new IOException("chpasswd failed");
        }
        return passwordUser;
    }

    public String password() { return password; }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        if (passwordUser != null) {
            new ProcessBuilder("userdel", "-r", "-f", passwordUser).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private void newHostKey() throws IOException, InterruptedException {
        Files.deleteIfExists(dir.resolve("host_ed25519"));
        Files.deleteIfExists(dir.resolve("host_ed25519.pub"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString());
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        Await.until("sshd listening on 127.0.0.1:" + port, () -> !process.isAlive() || listening(), Duration.ofSeconds(15));
        if (!process.isAlive()) throw new IOException("sshd ended at once:\n" + log());
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Stops the listener and every session it forked (Ansible's persistent control connections
     * too), as a reinstalled host would: otherwise a session opened before lives on.
     */
    private void stop() throws InterruptedException {
        if (process != null) process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** A private key file with owner-only permissions, as ssh-keygen writes it; tests loosen it on purpose. */
    public static void chmod(Path file, String mode) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
