package hostedengine.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logged-in sessions, in memory, keyed by a digest of their id. A session unused for
 * longer than the idle timeout ({@code --idle-timeout}, 15 minutes by default) is gone:
 * the next request finds nothing and must log in again.
 */
public final class Sessions {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

    private record Entry(Session session, Instant lastSeen) {}

    private final Duration idleTimeout;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Entry> byDigest = new ConcurrentHashMap<>();

    public Sessions(Duration idleTimeout, Clock clock, SecureRandom random) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idle timeout must be positive");
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.random = random;
    }

    public Duration idleTimeout() { return idleTimeout; }

    /** A new session with a new id and CSRF token (never reuse an id from before login). */
    Session start(User user, String address) {
        Instant now = clock.instant();
        var session = new Session(Tokens.random(random), user, Tokens.random(random), address, now);
        byDigest.put(Tokens.digest(session.id()), new Entry(session, now));
        pruneExpired(now);
        return session;
    }

    /** The live session with this id, now marked as used; empty when unknown or idle too long. */
    Lookup find(String id) {
        if (!Tokens.wellFormed(id)) return Lookup.NONE;
        String key = Tokens.digest(id);
        Instant now = clock.instant();
        Entry entry = byDigest.get(key);
        if (entry == null) return Lookup.NONE;
        if (expired(entry, now)) {
            return byDigest.remove(key, entry) ? new Lookup(Optional.empty(), entry.session()) : Lookup.NONE;
        }
        byDigest.replace(key, entry, new Entry(entry.session(), now));
        return new Lookup(Optional.of(entry.session()), null);
    }

    /** Ends the session; returns it when it was live. */
    Optional<Session> end(String id) {
        if (!Tokens.wellFormed(id)) return Optional.empty();
        return Optional.ofNullable(byDigest.remove(Tokens.digest(id))).map(Entry::session);
    }

    /**
     * @param live    the session, when it is live
     * @param expired the session that has just run out of idle time (to be audited once), else null
     */
    record Lookup(Optional<Session> live, Session expired) {
        static final Lookup NONE = new Lookup(Optional.empty(), null);
    }

    /** Ends every session idle too long and returns them (each to be audited once, by its caller). */
    java.util.List<Session> expireIdle() {
        Instant now = clock.instant();
        var ended = new java.util.ArrayList<Session>();
        for (var e : byDigest.entrySet()) {
            if (expired(e.getValue(), now) && byDigest.remove(e.getKey(), e.getValue())) ended.add(e.getValue().session());
        }
        return ended;
    }

    /** Whether the user still has a live session (another browser, another tab's login). */
    boolean anyLive(String userName) {
        Instant now = clock.instant();
        return byDigest.values().stream().anyMatch(e -> !expired(e, now) && e.session().user().name().equals(userName));
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastSeen().plus(idleTimeout));
    }

    private void pruneExpired(Instant now) {
        byDigest.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
}
