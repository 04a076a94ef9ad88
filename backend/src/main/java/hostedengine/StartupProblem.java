package hostedengine;

/**
 * Why the server cannot start, in one line that names the problem and the flag that fixes
 * it, e.g. "State directory /x is not writable (Permission denied); choose another with
 * --state-dir". Main prints the message and exits; no stack trace reaches the administrator.
 */
public class StartupProblem extends Exception {
    public StartupProblem(String message) {
        super(oneLine(message));
    }

    public StartupProblem(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
