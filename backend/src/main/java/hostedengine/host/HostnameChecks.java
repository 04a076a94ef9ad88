package hostedengine.host;

import java.time.Duration;
import java.util.Optional;

/**
 * The Engine VM FQDN and Host FQDN checks as the wizard asks for them: started when a field is
 * left, known while the page polls, awaited before the VM step is left. {@link RoleHostnameChecks}
 * runs the role's own {@code validate_hostnames}; tests give the web edge an instant double.
 */
public interface HostnameChecks {
    /** Which field a check is about. */
    enum Subject { ENGINE, HOST }

    enum State { CHECKING, PASSED, FAILED }

    /**
     * One check: the name and what the role needs beside it.
     *
     * @param bridgeIf      {@code he_bridge_if}, or null (the interface check is then skipped)
     * @param bridgeName    {@code he_mgmt_network}
     * @param hostAddress   for an ENGINE check: an address of this host, given to the role as
     *                      {@code he_host_address}/{@code he_host_ip} so that its host part passes and
     *                      only the engine name is judged (the host name has its own check); or null
     */
    record Request(Subject subject, String name, String bridgeIf, String bridgeName, String hostAddress) {
        /** A second guard behind the field rules: these values reach the role's shell tasks. */
        public Request {
            require(name, "[A-Za-z0-9][A-Za-z0-9.-]{0,252}", false);
            require(bridgeIf, "[A-Za-z0-9_.-]{1,15}", true);
            require(bridgeName, "[A-Za-z0-9_.-]{1,15}", true);
            require(hostAddress, "[0-9A-Fa-f.:]{2,45}", true);
        }

        private static void require(String value, String pattern, boolean optional) {
            if (value == null ? !optional : !value.matches(pattern)) {
                throw new IllegalArgumentException("refused before any run: " + value);
            }
        }
    }

    /**
     * What a check found.
     *
     * @param reason the failure as a short key ({@code unresolvable}, {@code resolvesToHost}, …), or null
     * @param detail the role's own message (or why the check could not run), untranslated; or null
     */
    record Result(State state, String reason, String detail) {
        public static final Result CHECKING = new Result(State.CHECKING, null, null);
        public static final Result PASSED = new Result(State.PASSED, null, null);
    }

    /** Starts the check unless it runs already or has passed; answers what is known now. */
    Result start(Request request);

    /**
     * The same for one user, whose checks are limited: while one of theirs for the same field
     * runs, another name for that field answers {@code busy} instead of queueing.
     */
    default Result start(Request request, String user) { return start(request); }

    /** {@link #await} for one user, with the same limit as {@link #start(Request, String)}. */
    default Result await(Request request, Duration wait, String user) { return await(request, wait); }

    /** What is known of this request, without starting anything. */
    Optional<Result> known(Request request);

    /** Starts the check if needed and waits for it at most {@code wait}; CHECKING when it is not done by then. */
    Result await(Request request, Duration wait);
}
