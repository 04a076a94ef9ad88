package hostedengine.engine;

import java.util.Optional;

/**
 * What one run of the tool left behind.
 *
 * @param exitCode        the exit code; -1 when it did not run or was stopped
 * @param missing         the executable is not there (not installed)
 * @param timedOut        it did not end within the timeout and was killed
 * @param notConnectedKey it did not run because the remote deployment host cannot be used now
 *                        (message key, {@code remote.*}); stderr then holds the detail
 */
public record ToolOutput(String stdout, String stderr, int exitCode, boolean missing, boolean timedOut,
                         Optional<String> notConnectedKey) {
    public ToolOutput {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        notConnectedKey = notConnectedKey == null ? Optional.empty() : notConnectedKey;
    }

    public ToolOutput(String stdout, String stderr, int exitCode, boolean missing, boolean timedOut) {
        this(stdout, stderr, exitCode, missing, timedOut, Optional.empty());
    }

    public static ToolOutput notInstalled() { return new ToolOutput("", "", -1, true, false); }

    public static ToolOutput hung(String stdout, String stderr) { return new ToolOutput(stdout, stderr, -1, false, true); }

    /** Nothing ran: the remote host cannot be used now ({@code key}), {@code detail} in English for the page's fine print. */
    public static ToolOutput notConnected(String key, String detail) {
        return new ToolOutput("", detail, -1, false, false, Optional.of(key));
    }

    public boolean succeeded() { return !missing && !timedOut && notConnectedKey.isEmpty() && exitCode == 0; }

    public boolean notConnected() { return notConnectedKey.isPresent(); }

    /** Both streams as one text for the page, stdout first, trimmed. */
    public String combined() {
        String out = stdout.strip();
        String err = stderr.strip();
        if (out.isEmpty()) return err;
        return err.isEmpty() ? out : out + "\n" + err;
    }
}
