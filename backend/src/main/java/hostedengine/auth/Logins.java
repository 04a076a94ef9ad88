package hostedengine.auth;

import hostedengine.auth.AuditLog.Action;
import hostedengine.auth.AuditLog.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out, as the web edge sees it: password logins (throttled, audited),
 * single-use console links, looking up the session of a request, and logout. The one
 * door into this package for the web edge.
 */
public final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    /** Recorded instead of a name that is no account: people type passwords into the name field. */
    static final String UNKNOWN_USER = "(unknown user)";

    private final Authenticator authenticator;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final java.util.List<java.util.function.Consumer<String>> leftListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.Consumer<Session>> endListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SingleUseLinks links;
    private final AuditLog audit;

    public Logins(Authenticator authenticator, Sessions sessions, LoginThrottle throttle, SingleUseLinks links, AuditLog audit) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.throttle = throttle;
        this.links = links;
        this.audit = audit;
    }

    public AuditLog audit() { return audit; }

    public Duration idleTimeout() { return sessions.idleTimeout(); }

    /** A password login from {@code address}; the password is used once and kept nowhere. */
    public LoginResult login(String name, String password, String address) {
        Optional<Duration> wait = throttle.waitBefore(name, address);
        if (wait.isPresent()) {
            audit.record(Action.LOGIN, Outcome.REFUSED, auditName(name), address,
                    Map.of("method", "password", "reason", "throttled", "waitSeconds", String.valueOf(wait.get().toSeconds())));
            return LoginResult.throttled(wait.get());
        }
        Optional<User> user;
        try {
            user = authenticator.authenticate(name, password);
        } catch (Authenticator.Unavailable e) {
            LOG.error("Logins cannot be checked: {}", e.getMessage());
            audit.record(Action.LOGIN, Outcome.FAILURE, auditName(name), address, Map.of("method", "password", "reason", "unavailable"));
            return LoginResult.unavailable();
        }
        if (user.isEmpty()) {
            throttle.failed(name, address);
            audit.record(Action.LOGIN, Outcome.FAILURE, auditName(name), address, Map.of("method", "password", "reason", "refused"));
            return LoginResult.refused();
        }
        throttle.succeeded(name, address);
        reapIdle(); // sessions that ran out are told as ended before a new one starts (start prunes them silently)
        Session session = sessions.start(user.get(), address);
        audit.record(Action.LOGIN, Outcome.SUCCESS, user.get().name(), address, Map.of("method", "password",
                "permission", Permission.mayOperate(user.get()) ? "operate" : "view"));
        return LoginResult.loggedIn(session);
    }

    /**
     * Issues the console link's token for the account that started the server (root
     * under systemd); empty when that account cannot be found.
     */
    public Optional<String> issueSingleUseLink(String accountName) {
        return authenticator.lookup(accountName).map(links::issue);
    }

    /** Logs in with a single-use token; a second use, an expired or an unknown token is refused. */
    public LoginResult redeem(String token, String address) {
        // The server's own link, else one the command line filed (its account looked up now).
        Optional<User> user = links.redeem(token).or(() -> links.redeemFiled(token).flatMap(authenticator::lookup));
        if (user.isEmpty()) {
            audit.record(Action.LOGIN, Outcome.FAILURE, "", address, Map.of("method", "single-use link", "reason", "invalid or used"));
            return LoginResult.refused();
        }
        reapIdle();
        Session session = sessions.start(user.get(), address);
        audit.record(Action.LOGIN, Outcome.SUCCESS, user.get().name(), address, Map.of("method", "single-use link",
                "permission", Permission.mayOperate(user.get()) ? "operate" : "view"));
        return LoginResult.loggedIn(session);
    }

    /** The live session with this id (from the cookie); an idle one ends here, audited once. */
    public Optional<Session> session(String id, String address) {
        Sessions.Lookup found = sessions.find(id);
        if (found.expired() != null) expired(found.expired(), address);
        reapIdle();
        return found.live();
    }

    public void logout(String id, String address) {
        sessions.end(id).ifPresent(s -> {
            audit.record(Action.LOGOUT, Outcome.SUCCESS, s.user().name(), address, Map.of());
            ended(s);
            left(s.user().name());
        });
    }

    /**
     * Called with a user's name when their last session ends (logout or idle expiry): what was
     * kept in memory for them (passwords typed into the wizard, a session with the engine) goes.
     */
    public void onUserLeft(java.util.function.Consumer<String> listener) { leftListeners.add(listener); }

    /**
     * Called with each session as it ends (logout or idle expiry), before {@link #onUserLeft}: what
     * belongs to that one login (its live streams) ends with it.
     */
    public void onSessionEnded(java.util.function.Consumer<Session> listener) { endListeners.add(listener); }

    /**
     * Ends the sessions idle too long, each audited once; called on every request, and now and then
     * by whoever must see an expiry without a request (an open stream sends none).
     */
    public void reapIdle() {
        for (Session s : sessions.expireIdle()) expired(s, s.address());
    }

    private void expired(Session s, String address) {
        audit.record(Action.SESSION_EXPIRED, Outcome.SUCCESS, s.user().name(), address,
                Map.of("idleMinutes", String.valueOf(sessions.idleTimeout().toMinutes())));
        ended(s);
        left(s.user().name());
    }

    private void ended(Session s) {
        for (var listener : endListeners) {
            try {
                listener.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("a session-end listener failed", e);
            }
        }
    }

    private void left(String userName) {
        if (sessions.anyLive(userName)) return;
        for (var listener : leftListeners) listener.accept(userName);
    }

    private String auditName(String typed) {
        if (typed == null || typed.isEmpty()) return "";
        return authenticator.lookup(typed).map(User::name).orElse(UNKNOWN_USER);
    }
}
