package hostedengine.support;

import hostedengine.ansible.Redactor;
import hostedengine.remote.DeploymentTarget;
import hostedengine.remote.RemoteFiles;
import hostedengine.remote.RemoteHost;
import hostedengine.remote.SshConnection;
import hostedengine.remote.SshProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tails of the deployment host's logs ({@link HostLog}): on this host from the file system,
 * on the remote host chosen on the host page over SFTP, with its pinned key. Only the last
 * {@link #TAIL_BYTES} of a log are read; following reads at most {@link #FOLLOW_BYTES} new bytes
 * a time. In simulation the logs are the simulator's, below {@code <state>/simulator/root}.
 */
public final class HostLogs {
    public static final int TAIL_BYTES = 256 * 1024;
    public static final int FOLLOW_BYTES = 64 * 1024;

    private final DeploymentTarget target;
    private final Path localRoot;
    private final String remoteRoot;
    private final boolean simulated;
    private final Duration timeout;

    /**
     * @param target     where deployments go (this host, or a remote one); null: always this host
     * @param localRoot  "/" on a host; a directory of the simulator's (or a test's) in its place
     * @param remoteRoot the same on the remote host ("/" unless simulated)
     */
    public HostLogs(DeploymentTarget target, Path localRoot, String remoteRoot, boolean simulated, Duration timeout) {
        this.target = target;
        this.localRoot = localRoot;
        this.remoteRoot = remoteRoot;
        this.simulated = simulated;
        this.timeout = timeout;
    }

    /** The logs cannot be read: the remote host does not answer, or its password must be typed again. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) { super(message); }
    }

    /**
     * The tail of one log.
     *
     * @param path  the file read; empty when the log (or its directory) is missing
     * @param size  the whole file's size
     * @param from  where the text starts in the file (0 unless {@code cut})
     * @param end   where the text ends: where following goes on
     */
    public record Tail(HostLog log, Optional<String> path, long size, long from, long end, String text, boolean cut) {
        public boolean exists() { return path.isPresent(); }
    }

    /** New lines of a followed log since an offset; {@code restarted} when the file was replaced or truncated. */
    public record Chunk(long offset, String text, boolean exists, boolean restarted) {}

    public boolean simulated() { return simulated; }

    /** Where the logs are read: "this host" (empty) or the remote host's label. */
    public Optional<String> remoteLabel() {
        if (target == null) return Optional.empty();
        return target.view().remote().map(RemoteHost::label);
    }

    /** The last {@code maxBytes} of each log, in the list's order. */
    public List<Tail> tails(List<HostLog> logs, int maxBytes) throws Unavailable {
        try (LogFiles files = open()) {
            var out = new ArrayList<Tail>();
            for (HostLog log : logs) out.add(tail(files, log, maxBytes));
            return out;
        } catch (IOException e) {
            throw new Unavailable(e.getMessage());
        }
    }

    public Tail tail(HostLog log, int maxBytes) throws Unavailable { return tails(List.of(log), maxBytes).get(0); }

    /** What was added to a followed log since {@code offset}, whole lines only. */
    public Chunk since(HostLog log, long offset) throws Unavailable {
        try (LogFiles files = open()) {
            Optional<String> path = resolve(files, log);
            var attributes = path.isEmpty() ? Optional.<RemoteFiles.Attributes>empty() : files.stat(path.get());
            if (attributes.isEmpty() || attributes.get().directory()) return new Chunk(0, "", false, offset > 0);
            long size = attributes.get().size();
            boolean restarted = size < offset;
            long from = restarted ? Math.max(0, size - FOLLOW_BYTES) : offset;
            int want = (int) Math.min(FOLLOW_BYTES, size - from);
            if (want <= 0) return new Chunk(from, "", true, restarted);
            byte[] bytes = files.read(path.get(), from, want);
            // A line still being written waits for the next poll, unless one line fills a whole read.
            int keep = lastNewline(bytes) + 1;
            if (keep == 0 && bytes.length == FOLLOW_BYTES) keep = bytes.length;
            return new Chunk(from + keep, Redactor.keysOnly().redact(text(bytes, 0, keep)), true, restarted);
        } catch (IOException e) {
            throw new Unavailable(e.getMessage());
        }
    }

    private Tail tail(LogFiles files, HostLog log, int maxBytes) throws IOException {
        Optional<String> path = resolve(files, log);
        var attributes = path.isEmpty() ? Optional.<RemoteFiles.Attributes>empty() : files.stat(path.get());
        if (attributes.isEmpty() || attributes.get().directory()) {
            return new Tail(log, Optional.empty(), 0, 0, 0, "", false);
        }
        long size = attributes.get().size();
        long from = Math.max(0, size - maxBytes);
        byte[] bytes = files.read(path.get(), from, (int) Math.min(maxBytes, size));
        int start = 0;
        if (from > 0) {
            // The tail starts inside a line: show whole lines only.
            int nl = indexOf(bytes, (byte) '\n');
            start = nl < 0 ? 0 : nl + 1;
        }
        return new Tail(log, path, size, from + start, from + bytes.length,
                Redactor.keysOnly().redact(text(bytes, start, bytes.length - start)), from > 0);
    }

    /** The file a log means now: fixed, or the newest of its directory. */
    static Optional<String> resolve(LogFiles files, HostLog log) throws IOException {
        if (log.newestLogFile()) {
            return files.list(log.path()).stream()
                    .filter(e -> !e.attributes().directory() && e.name().endsWith(".log"))
                    .max(NEWEST).map(e -> log.path() + "/" + e.name());
        }
        if (log.newestDirectoryPrefix().isPresent()) {
            String prefix = log.newestDirectoryPrefix().get();
            return files.list(log.path()).stream()
                    .filter(e -> e.attributes().directory() && e.name().startsWith(prefix))
                    .max(NEWEST).map(e -> log.path() + "/" + e.name() + "/" + log.inside());
        }
        return Optional.of(log.path());
    }

    private static final Comparator<RemoteFiles.Entry> NEWEST =
            Comparator.comparingLong((RemoteFiles.Entry e) -> e.attributes().modifiedEpochSeconds()).thenComparing(RemoteFiles.Entry::name);

    /** The deployment host's files: this host's, or the remote host's over SFTP with its pinned key. */
    LogFiles open() throws Unavailable {
        var view = target == null ? null : target.view();
        if (view == null || view.local()) return LogFiles.local(localRoot);
        if (view.passwordLost()) {
            throw new Unavailable(view.remote().get().label() + ": the server restarted and keeps SSH passwords in memory only;"
                    + " enter it again on the host page");
        }
        SshConnection ssh = null;
        try {
            ssh = SshConnection.open(view.remote().get(), target.pins(), timeout);
            return LogFiles.remote(ssh.files(timeout), remoteRoot, ssh);
        } catch (SshProblem p) {
            if (ssh != null) ssh.close();
            throw new Unavailable(p.getMessage());
        }
    }

    private static String text(byte[] bytes, int from, int length) {
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
        return -1;
    }
}
