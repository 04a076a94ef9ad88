package hostedengine.remote;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Our own SSH calls to a remote host, through JSch: connect (checking the pinned host key and
 * the login) and run fixed commands with a time limit and bounded output. Ansible does not
 * use this; it uses {@code ssh} with the same {@code known_hosts}.
 */
public final class SshConnection implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_OUTPUT = 1024 * 1024;

    private final Session session;
    private final HostKey hostKey;

    private SshConnection(Session session, HostKey hostKey) {
        this.session = session;
        this.hostKey = hostKey;
    }

    /** The output of one command; {@code truncated} when it said more than we keep. */
    public record Result(int exitCode, String stdout, String stderr, boolean truncated) {}

    /**
     * Connects and logs in. The host must offer exactly the key pinned for it: no pin gives
     * HOST_KEY_NOT_CONFIRMED with the offered key, another key gives HOST_KEY_CHANGED with both.
     * A key file that others may read is refused before any connection, as OpenSSH does.
     */
    public static SshConnection open(RemoteHost host, PinnedHostKeys pins, Duration timeout) throws SshProblem {
        JSch jsch = new JSch();
        if (host.auth() instanceof RemoteHost.KeyFile key) addIdentity(jsch, key.path());
        Optional<HostKey> pinned = pins.pinned(host.address(), host.port());
        var repository = new CheckingRepository(pinned.orElse(null));
        jsch.setHostKeyRepository(repository);
        Session session = null;
        try {
            session = jsch.getSession(host.user(), host.address(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            if (pinned.isPresent()) session.setConfig("server_host_key", pinned.get().algorithms());
            if (host.auth() instanceof RemoteHost.Password password) {
                session.setPassword(password.value());
                // EL's sshd often asks for the password through PAM's keyboard-interactive.
                session.setConfig("PreferredAuthentications", "password,keyboard-interactive");
                session.setUserInfo(new PasswordOnly(password.value()));
            } else {
                session.setConfig("PreferredAuthentications", "publickey");
                session.setUserInfo(new PasswordOnly(null));
            }
            session.setTimeout((int) timeout.toMillis());
            session.connect((int) timeout.toMillis());
            return new SshConnection(session, repository.offered);
        } catch (JSchException e) {
            if (session != null) session.disconnect();
            throw explain(e, host, repository);
        }
    }

    /** The key the host showed (the pinned one, since we are connected). */
    public HostKey hostKey() { return hostKey; }

    /** Runs a fixed command of ours (never user text) and waits at most {@code timeout}. */
    public Result exec(String command, Duration timeout) throws SshProblem {
        Ran ran = execute(command, "'" + command + "'", timeout);
        if (ran.timedOut()) {
            throw new SshProblem(SshProblem.Kind.FAILED, "'" + command + "' did not finish within " + timeout.toSeconds() + " s");
        }
        return new Result(ran.exitCode(), ran.stdout(), ran.stderr(), ran.truncated());
    }

    /**
     * The host's files over SFTP (no shell, no command line): for reading logs by path. Closed
     * with this connection at the latest.
     */
    public RemoteFiles files(Duration timeout) throws SshProblem {
        try {
            var channel = (com.jcraft.jsch.ChannelSftp) session.openChannel("sftp");
            channel.connect((int) timeout.toMillis());
            return new RemoteFiles(channel);
        } catch (JSchException e) {
            throw new SshProblem(SshProblem.Kind.FAILED, "SFTP could not start: " + e.getMessage(), null, null, e);
        }
    }

    /**
     * One argument list as the remote shell's command: every word in single quotes (a quote inside
     * becomes {@code '\''}), so no word is ever read as shell syntax, whatever it holds. The
     * remote login shell must be a POSIX shell (root's bash on an oVirt host). A NUL, which no
     * command line can hold, is refused.
     */
    public static String command(List<String> argv) {
        var line = new StringBuilder();
        for (String word : argv) {
            if (word.indexOf('\0') >= 0) throw new IllegalArgumentException("a command word holds NUL");
            if (line.length() > 0) line.append(' ');
            line.append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return line.toString();
    }

    /** What one command left behind; {@code timedOut}: it was still running at the deadline and was stopped. */
    public record Ran(int exitCode, String stdout, String stderr, boolean truncated, boolean timedOut) {}

    /**
     * Runs {@code argv} (quoted by {@link #command}) and waits at most {@code timeout}. A command
     * still running then is sent SIGKILL (honoured by OpenSSH 7.9 and later) and its channel
     * closed; what it printed so far is kept.
     */
    public Ran run(List<String> argv, Duration timeout) throws SshProblem {
        return execute(command(argv), argv.get(0), timeout);
    }

    /** One exec channel: {@code command} as the remote shell's line, killed at the deadline. */
    private Ran execute(String command, String label, Duration timeout) throws SshProblem {
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            var out = new Bounded(MAX_OUTPUT);
            var err = new Bounded(64 * 1024);
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.setInputStream(null);
            channel.connect((int) Math.max(1000, Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) {
                    kill(channel);
                    return new Ran(-1, out.text(), err.text(), out.truncated || err.truncated, true);
                }
                Thread.sleep(20);
            }
            return new Ran(channel.getExitStatus(), out.text(), err.text(), out.truncated || err.truncated, false);
        } catch (JSchException e) {
            throw new SshProblem(SshProblem.Kind.FAILED, label + " could not run: " + e.getMessage(), null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (channel != null) kill(channel);
            return new Ran(-1, "", "", false, true);
        } finally {
            if (channel != null) channel.disconnect();
        }
    }

    /** A command whose output (stdout and stderr together) is read while it runs; closing it stops it. */
    public final class Streaming implements AutoCloseable {
        private final ChannelExec channel;
        private final java.io.InputStream output;

        private Streaming(ChannelExec channel, java.io.InputStream output) {
            this.channel = channel;
            this.output = output;
        }

        public java.io.InputStream output() { return output; }

        /** True when the command ended within {@code timeout}. */
        public boolean waitFor(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) return false;
                Thread.sleep(20);
            }
            return true;
        }

        public int exitCode() { return channel.isClosed() ? channel.getExitStatus() : -1; }

        /** Stops the command (SIGKILL, then the channel and the connection close). */
        @Override public void close() {
            if (!channel.isClosed()) kill(channel);
            channel.disconnect();
            session.disconnect();
        }
    }

    /**
     * Starts {@code argv} (quoted by {@link #command}, its stderr joined to stdout) and returns at
     * once; the connection belongs to the returned stream from then on and closes with it.
     */
    public Streaming stream(List<String> argv, Duration connectTimeout) throws SshProblem {
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command(argv) + " 2>&1");
            channel.setInputStream(null);
            java.io.InputStream output = channel.getInputStream();
            channel.connect((int) connectTimeout.toMillis());
            return new Streaming(channel, output);
        } catch (JSchException | IOException e) {
            throw new SshProblem(SshProblem.Kind.FAILED, argv.get(0) + " could not start: " + e.getMessage(), null, null, e);
        }
    }

    private static void kill(ChannelExec channel) {
        try {
            channel.sendSignal("KILL");
        } catch (Exception ignored) {
            // an older sshd ignores signals; closing the channel (and the remote timeout wrapper) still ends it
        }
    }

    @Override public void close() { session.disconnect(); }

    /** OpenSSH refuses a private key that group or others may read ("UNPROTECTED PRIVATE KEY FILE!"). */
    static void checkKeyFile(Path file) throws SshProblem {
        try {
            if (!Files.isRegularFile(file)) {
                throw new SshProblem(SshProblem.Kind.KEY_FILE_UNREADABLE, file + " is not a file");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    throw new SshProblem(SshProblem.Kind.KEY_FILE_PERMISSIONS, file + " has mode "
                            + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "; it must be readable by its owner only (chmod 600)");
                }
            }
        } catch (IOException e) {
            throw new SshProblem(SshProblem.Kind.KEY_FILE_UNREADABLE, file + " cannot be read: " + e.getMessage());
        }
    }

    private static void addIdentity(JSch jsch, Path file) throws SshProblem {
        checkKeyFile(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new SshProblem(SshProblem.Kind.KEY_FILE_UNREADABLE, file + " cannot be read");
        } catch (IOException e) {
            throw new SshProblem(SshProblem.Kind.KEY_FILE_UNREADABLE, file + " cannot be read: " + e.getMessage());
        }
        try {
            KeyPair pair = KeyPair.load(jsch, bytes, null);
            if (pair.isEncrypted()) {
                throw new SshProblem(SshProblem.Kind.KEY_FILE_INVALID, file + " is protected by a passphrase");
            }
            jsch.addIdentity(file.toString(), bytes, null, null);
        } catch (JSchException e) {
            throw new SshProblem(SshProblem.Kind.KEY_FILE_INVALID, file + " is not a private key JSch can read");
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private static SshProblem explain(JSchException e, RemoteHost host, CheckingRepository repository) {
        String where = host.address() + " port " + host.port();
        if (repository.verdict == HostKeyRepository.CHANGED) {
            return new SshProblem(SshProblem.Kind.HOST_KEY_CHANGED, where + " offered " + repository.offered
                    + " but " + repository.pinned + " is pinned", repository.offered, repository.pinned, e);
        }
        if (repository.verdict == HostKeyRepository.NOT_INCLUDED) {
            return new SshProblem(SshProblem.Kind.HOST_KEY_NOT_CONFIRMED, where + " offered " + repository.offered
                    + ", not confirmed yet", repository.offered, null, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return problem(SshProblem.Kind.PORT_CLOSED, "nothing listens on " + where, e);
            if (t instanceof UnknownHostException) return problem(SshProblem.Kind.UNKNOWN_HOST, host.address() + " does not resolve", e);
            if (t instanceof NoRouteToHostException) return problem(SshProblem.Kind.UNREACHABLE, "no route to " + where, e);
            if (t instanceof SocketTimeoutException) return problem(SshProblem.Kind.TIMED_OUT, where + " did not answer in time", e);
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("auth fail") || m.contains("auth cancel") || m.contains("userauth fail")
                || m.contains("too many authentication failures")) {
            return problem(SshProblem.Kind.LOGIN_REFUSED, where + " refused the login of " + host.user(), e);
        }
        if (m.contains("timeout") || m.contains("timed out")) return problem(SshProblem.Kind.TIMED_OUT, where + " did not answer in time", e);
        if (m.contains("network is unreachable") || m.contains("no route")) return problem(SshProblem.Kind.UNREACHABLE, "no route to " + where, e);
        if (m.contains("connection refused")) return problem(SshProblem.Kind.PORT_CLOSED, "nothing listens on " + where, e);
        return problem(SshProblem.Kind.FAILED, where + ": " + e.getMessage(), e);
    }

    private static SshProblem problem(SshProblem.Kind kind, String detail, Throwable cause) {
        return new SshProblem(kind, detail, null, null, cause);
    }

    /** Accepts only the pinned key, and remembers what the host offered. */
    private static final class CheckingRepository implements HostKeyRepository {
        final HostKey pinned;
        volatile HostKey offered;
        volatile int verdict = -1;

        CheckingRepository(HostKey pinned) { this.pinned = pinned; }

        @Override public int check(String host, byte[] key) {
            try {
                offered = HostKey.of(key);
            } catch (IllegalArgumentException e) {
                verdict = CHANGED;
                return verdict;
            }
            verdict = pinned == null ? NOT_INCLUDED : pinned.equals(offered) ? OK : CHANGED;
            return verdict;
        }

        @Override public void add(com.jcraft.jsch.HostKey hostkey, UserInfo ui) { }

        @Override public void remove(String host, String type) { }

        @Override public void remove(String host, String type, byte[] key) { }

        @Override public String getKnownHostsRepositoryID() { return "pinned host keys"; }

        @Override public com.jcraft.jsch.HostKey[] getHostKey() { return new com.jcraft.jsch.HostKey[0]; }

        @Override public com.jcraft.jsch.HostKey[] getHostKey(String host, String type) { return new com.jcraft.jsch.HostKey[0]; }
    }

    /**
     * Answers only a password prompt, once, with the password given (keyboard-interactive asks
     * one hidden question); never a yes/no: a host key is confirmed on our page, not by a prompt.
     */
    private static final class PasswordOnly implements UserInfo, com.jcraft.jsch.UIKeyboardInteractive {
        private final String password;
        private boolean answered;

        PasswordOnly(String password) { this.password = password; }

        @Override public String getPassphrase() { return null; }
        @Override public String getPassword() { return password; }
        /** The password was given to the session already; asking again would only repeat a refused one. */
        @Override public boolean promptPassword(String message) { return false; }
        @Override public boolean promptPassphrase(String message) { return false; }
        @Override public boolean promptYesNo(String message) { return false; }
        @Override public void showMessage(String message) { }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt, boolean[] echo) {
            if (password == null || answered || prompt.length != 1 || echo[0]) return null;
            answered = true;
            return new String[] {password};
        }
    }

    /** Keeps the first {@code limit} bytes, counts the rest away. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        volatile boolean truncated;

        Bounded(int limit) { this.limit = limit; }

        @Override public synchronized void write(int b) {
            if (bytes.size() < limit) bytes.write(b); else truncated = true;
        }

        @Override public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, limit - bytes.size());
            bytes.write(b, off, Math.min(room, len));
            if (len > room) truncated = true;
        }

        synchronized String text() { return bytes.toString(StandardCharsets.UTF_8); }
    }
}
