package hostedengine.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * What came of a login attempt.
 *
 * @param status  what happened
 * @param session the new session when {@link Status#LOGGED_IN}
 * @param retryAfter how long to wait when {@link Status#THROTTLED}
 */
public record LoginResult(Status status, Optional<Session> session, Duration retryAfter) {
    public enum Status {
        LOGGED_IN,
        /** Wrong name or password, or the account may not log in; never which. */
        REFUSED,
        /** Too many failures: try again after {@code retryAfter}. */
        THROTTLED,
        /** Passwords cannot be checked on this host (PAM broken); the server log says why. */
        UNAVAILABLE
    }

    static LoginResult loggedIn(Session session) { return new LoginResult(Status.LOGGED_IN, Optional.of(session), Duration.ZERO); }

    static LoginResult refused() { return new LoginResult(Status.REFUSED, Optional.empty(), Duration.ZERO); }

    static LoginResult throttled(Duration retryAfter) { return new LoginResult(Status.THROTTLED, Optional.empty(), retryAfter); }

    static LoginResult unavailable() { return new LoginResult(Status.UNAVAILABLE, Optional.empty(), Duration.ZERO); }
}
