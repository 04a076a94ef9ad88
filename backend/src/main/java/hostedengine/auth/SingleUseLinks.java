package hostedengine.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use login links for the console: on a headless host the operator who started
 * the server opens {@code https://HOST:PORT/login/once/<token>} and is logged in as that
 * user. A token works once, for {@value #VALID_MINUTES} minutes, and only its digest is kept.
 */
public final class SingleUseLinks {
    static final long VALID_MINUTES = 10;
    public static final Duration VALIDITY = Duration.ofMinutes(VALID_MINUTES);

    private record Grant(User user, Instant until) {}

    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Grant> byDigest = new ConcurrentHashMap<>();

    public SingleUseLinks(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new token that logs in as {@code user} once within the validity. */
    String issue(User user) {
        String token = Tokens.random(random);
        Instant now = clock.instant();
        byDigest.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
        byDigest.put(Tokens.digest(token), new Grant(user, now.plus(VALIDITY)));
        return token;
    }

    /** The user of a valid, unused token; the token is spent whether or not it was still valid. */
    Optional<User> redeem(String token) {
        if (!Tokens.wellFormed(token)) return Optional.empty();
        Grant grant = byDigest.remove(Tokens.digest(token));
        if (grant == null || !clock.instant().isBefore(grant.until())) return Optional.empty();
        return Optional.of(grant.user());
    }
}
