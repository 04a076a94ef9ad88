package hostedengine.remote;

import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineHost;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.StreamedCommand;
import hostedengine.engine.TargetHost;
import hostedengine.engine.ToolOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hosted-engine} on the remote deployment host, over SSH with its pinned key: each call
 * connects (JSch, the pinned key only), runs one exec channel whose command is a fixed argument
 * list with every word quoted ({@link SshConnection#command}), and disconnects. The remote side
 * runs under coreutils' {@code timeout}, so a hung command is killed there even if the channel's
 * own SIGKILL is ignored; the exit code, stdout and stderr are kept as {@link HostedEngineTool}
 * keeps them. A host that cannot be reached answers "not connected", never with this host's tool.
 */
public final class SshEngineHost implements EngineHost {
    /** Longer than any cleanup may take ({@link Cleanup#TIMEOUT}): the remote wrapper's last resort. */
    static final Duration CLEANUP_LIMIT = Cleanup.TIMEOUT.plusMinutes(1);
    /** What the remote {@code timeout} and {@code env} exit with when they stopped or could not find the command. */
    static final int TIMED_OUT = 124;
    static final int KILLED = 137;
    static final int NOT_FOUND = 127;

    private final HostedEngineTool tool;
    private final RemoteHost host;
    private final PinnedHostKeys pins;
    private final Duration connectTimeout;

    /** @param tool what to run there (paths, environment, timeout), as on a host of its own */
    public SshEngineHost(HostedEngineTool tool, RemoteHost host, PinnedHostKeys pins, Duration connectTimeout) {
        this.tool = tool;
        this.host = host;
        this.pins = pins;
        this.connectTimeout = connectTimeout;
    }

    @Override public TargetHost where() { return TargetHost.remote(host.label()); }

    @Override public Path toolPath() { return tool.executable(); }

    @Override public ToolOutput run(List<String> args) {
        var argv = limited(tool.timeout(), withEnvironment(tool.commandLine(args), Map.of("LC_ALL", "C")));
        try (SshConnection ssh = SshConnection.open(host, pins, connectTimeout)) {
            // The remote timeout stops the command first; ours is the last resort for a channel that never closes.
            SshConnection.Ran ran = ssh.run(argv, tool.timeout().plusSeconds(10));
            if (ran.timedOut() || ran.exitCode() == TIMED_OUT || ran.exitCode() == KILLED) {
                return ToolOutput.hung(ran.stdout(), ran.stderr());
            }
            if (ran.exitCode() == NOT_FOUND) return new ToolOutput("", ran.stderr(), -1, true, false);
            return new ToolOutput(ran.stdout(), ran.stderr(), ran.exitCode(), false, false);
        } catch (SshProblem p) {
            return notConnected(p);
        }
    }

    @Override public boolean installed() {
        return check(List.of("test", "-x", tool.executable().toString())).map(r -> r.exitCode() == 0).orElse(false);
    }

    @Override public StreamedCommand streamCleanup() throws IOException {
        var argv = limited(CLEANUP_LIMIT, withEnvironment(List.of(tool.cleanup().toString(), "-q"), Map.of("PYTHONUNBUFFERED", "1")));
        SshConnection ssh;
        try {
            ssh = SshConnection.open(host, pins, connectTimeout);
        } catch (SshProblem p) {
            throw new IOException(host.label() + ": " + p.getMessage(), p);
        }
        SshConnection.Streaming stream;
        try {
            stream = ssh.stream(argv, connectTimeout);
        } catch (SshProblem p) {
            ssh.close();
            throw new IOException(host.label() + ": " + p.getMessage(), p);
        }
        return new StreamedCommand() {
            @Override public InputStream output() { return stream.output(); }

            @Override public boolean waitFor(Duration timeout) throws InterruptedException { return stream.waitFor(timeout); }

            @Override public int exitCode() {
                int code = stream.exitCode();
                return code == TIMED_OUT || code == KILLED ? -1 : code;
            }

            @Override public void kill() { stream.close(); }
        };
    }

    @Override public Optional<byte[]> readFile(Path file) {
        return check(List.of("cat", "--", file.toString()))
                .filter(r -> r.exitCode() == 0).map(r -> r.stdout().getBytes(StandardCharsets.UTF_8));
    }

    @Override public long bytesUnder(Path dir) {
        // The sizes are summed on the host: a directory of many files must not fill our bounded output.
        var argv = List.of("sh", "-c", "find \"$1\" -type f -printf '%s\\n' 2>/dev/null | awk '{ s += $1 } END { printf \"%d\\n\", s }'",
                "bytes-under", dir.toString());
        return check(argv).filter(r -> r.exitCode() == 0).map(r -> r.stdout().strip())
                .filter(t -> t.matches("[0-9]{1,19}")).map(Long::parseLong).orElse(0L);
    }

    @Override public String toString() { return "hosted-engine on " + host.label(); }

    private Optional<SshConnection.Ran> check(List<String> argv) {
        try (SshConnection ssh = SshConnection.open(host, pins, connectTimeout)) {
            return Optional.of(ssh.run(argv, tool.timeout()));
        } catch (SshProblem p) {
            return Optional.empty();
        }
    }

    private ToolOutput notConnected(SshProblem p) {
        return ToolOutput.notConnected(p.messageKey(), host.label() + ": " + p.getMessage());
    }

    /** {@code env NAME=VALUE… COMMAND…}: the tool's environment (the simulator's state file) and ours. */
    private List<String> withEnvironment(List<String> command, Map<String, String> ours) {
        var argv = new ArrayList<String>();
        argv.add("env");
        ours.forEach((k, v) -> argv.add(k + "=" + v));
        tool.env().forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(command);
        return argv;
    }

    /** {@code timeout -k 5 SECONDS COMMAND…}: stopped on the host itself when it hangs. */
    private static List<String> limited(Duration limit, List<String> command) {
        var argv = new ArrayList<String>(List.of("timeout", "-k", "5", String.valueOf(Math.max(1, limit.toSeconds()))));
        argv.addAll(command);
        return argv;
    }
}
