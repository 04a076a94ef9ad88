package hostedengine.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the day-2 actions run {@code hosted-engine}: this host ({@link HostedEngineTool}, a
 * process) or the deployment host chosen on the host page (over SSH, in {@code hostedengine.remote}).
 * Every command is an argument list; none is ever a shell string made of user text. A caller
 * that runs several commands for one action asks {@link #resolve()} once, so the action stays on
 * one host even if the choice changes meanwhile.
 */
public interface EngineHost {
    /** Runs {@code hosted-engine ARGS} with the tool's timeout; a hung command is stopped and reported. */
    ToolOutput run(List<String> args);

    default ToolOutput run(String... args) { return run(List.of(args)); }

    /** Whether {@code hosted-engine} is there (executable). */
    boolean installed();

    /** The host these commands act on. */
    TargetHost where();

    /** The path of {@code hosted-engine} there, for the page that says it is missing. */
    Path toolPath();

    /** Starts {@code ovirt-hosted-engine-cleanup -q}, its output (stdout and stderr) read as it comes. */
    StreamedCommand streamCleanup() throws IOException;

    /** A small file of that host (a CA certificate), or empty when it is not there or cannot be read. */
    Optional<byte[]> readFile(Path file);

    /** Bytes of the regular files under {@code dir} on that host (0 when it is not there). */
    long bytesUnder(Path dir);

    /** The host to use for one action: this one, or the one chosen at this moment. */
    default EngineHost resolve() { return this; }
}
