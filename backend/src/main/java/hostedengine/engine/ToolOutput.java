package hostedengine.engine;

/**
 * What one run of the tool left behind.
 *
 * @param exitCode the exit code; -1 when it did not run or was stopped
 * @param missing  the executable is not there (not installed)
 * @param timedOut it did not end within the timeout and was killed
 */
public record ToolOutput(String stdout, String stderr, int exitCode, boolean missing, boolean timedOut) {
    public ToolOutput {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    static ToolOutput notInstalled() { return new ToolOutput("", "", -1, true, false); }

    static ToolOutput hung(String stdout, String stderr) { return new ToolOutput(stdout, stderr, -1, false, true); }

    public boolean succeeded() { return !missing && !timedOut && exitCode == 0; }

    /** Both streams as one text for the page, stdout first, trimmed. */
    public String combined() {
        String out = stdout.strip();
        String err = stderr.strip();
        if (out.isEmpty()) return err;
        return err.isEmpty() ? out : out + "\n" + err;
    }
}
