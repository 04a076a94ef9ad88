package hostedengine.auth;

import java.util.Optional;

/**
 * Checks a name and password against the system's accounts. The product uses
 * {@link PamAuthenticator}; tests of the web edge use a test double.
 */
public interface Authenticator {
    /**
     * The account when the name and password are right and the account may log in now;
     * empty for any refusal (unknown user, wrong password, expired or locked account),
     * which the caller must not tell apart to the person logging in.
     *
     * @throws Unavailable when the check itself cannot run (PAM missing or broken)
     */
    Optional<User> authenticate(String name, String password) throws Unavailable;

    /** The account by name without a password: for the single-use link of the user who started the server. */
    Optional<User> lookup(String name);

    /** The system cannot check passwords at all; the message is for the server's log and the administrator. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) { super(message, cause); }
    }
}
