package hostedengine.auth;

import java.time.Instant;

/**
 * One login: its secret id (the cookie's value), the user, the CSRF token every
 * state-changing request must echo, and where and when it began. Sessions live in
 * memory only; a restart of the server logs everyone out (drafts stay: they belong to
 * the user, not the session).
 */
public record Session(String id, User user, String csrfToken, String address, Instant started) {
    @Override
    public String toString() {
        return "Session[user=" + user.name() + ", address=" + address + ", started=" + started + "]";
    }
}
