package hostedengine.remote;

import hostedengine.engine.EngineHost;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.StreamedCommand;
import hostedengine.engine.TargetHost;
import hostedengine.engine.ToolOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The day-2 actions' host: the one chosen on the host page at the moment of each call (so a new
 * choice takes effect without a restart). This host runs its own {@code hosted-engine}; a remote
 * host runs its own over SSH ({@link SshEngineHost}) once its key is confirmed and its login is
 * known. A remote host that cannot be used now (the password was forgotten at a restart, the key
 * is not confirmed or has changed, the last contact failed) answers "not connected" with the
 * reason, and nothing runs anywhere: never a silent fallback to this host.
 */
public final class ChosenEngineHost implements EngineHost {
    private final DeploymentTarget target;
    private final HostedEngineTool local;
    private final Function<RemoteHost, HostedEngineTool> remoteTool;
    private final Duration connectTimeout;

    /**
     * @param local      this host's tool
     * @param remoteTool what runs on a remote host: its installed tools, or in simulation that host's own double
     */
    public ChosenEngineHost(DeploymentTarget target, HostedEngineTool local, Function<RemoteHost, HostedEngineTool> remoteTool,
                            Duration connectTimeout) {
        this.target = target;
        this.local = local;
        this.remoteTool = remoteTool;
        this.connectTimeout = connectTimeout;
    }

    /** Reads the host page's choice only (no connection is made here). */
    @Override public EngineHost resolve() {
        DeploymentTarget.View view = target.view();
        if (view.local()) return local;
        RemoteHost host = view.remote().orElseThrow();
        HostedEngineTool tool = remoteTool.apply(host);
        if (view.passwordLost()) {
            return new NotConnected(host.label(), "remote.passwordNeeded", tool.executable(),
                    "the server restarted and keeps SSH passwords in memory only; enter it again on the host page");
        }
        if (view.problem().isPresent()) {
            SshProblem p = view.problem().get();
            return new NotConnected(host.label(), p.messageKey(), tool.executable(), p.getMessage());
        }
        if (view.pinned().isEmpty()) {
            return new NotConnected(host.label(), "remote.problem.HOST_KEY_NOT_CONFIRMED", tool.executable(),
                    "its host key has not been confirmed on the host page");
        }
        return new SshEngineHost(tool, host, target.pins(), connectTimeout);
    }

    @Override public ToolOutput run(List<String> args) { return resolve().run(args); }

    @Override public boolean installed() { return resolve().installed(); }

    @Override public TargetHost where() { return resolve().where(); }

    @Override public Path toolPath() { return resolve().toolPath(); }

    @Override public StreamedCommand streamCleanup() throws IOException { return resolve().streamCleanup(); }

    @Override public Optional<byte[]> readFile(Path file) { return resolve().readFile(file); }

    @Override public long bytesUnder(Path dir) { return resolve().bytesUnder(dir); }

    /** A remote host that cannot be used now: every command answers so, with the reason. */
    private record NotConnected(String label, String key, Path toolPath, String detail) implements EngineHost {
        @Override public ToolOutput run(List<String> args) { return ToolOutput.notConnected(key, label + ": " + detail); }

        @Override public boolean installed() { return false; }

        @Override public TargetHost where() { return TargetHost.notConnected(label, key); }

        @Override public StreamedCommand streamCleanup() throws IOException {
            throw new IOException(label + ": " + detail);
        }

        @Override public Optional<byte[]> readFile(Path file) { return Optional.empty(); }

        @Override public long bytesUnder(Path dir) { return 0; }
    }
}
