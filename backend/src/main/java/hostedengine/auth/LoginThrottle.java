package hostedengine.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing, per user name and per client address. The first
 * {@value #FREE_FAILURES} failures cost nothing; after that each attempt must wait
 * 30 s, then 1 min, 2 min, ... up to 15 min after the last failure. Nothing sleeps: a
 * refused attempt is answered at once with how long to wait. A success clears the
 * user's count; an address's count fades an hour after its last failure.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Bounds memory when someone sprays random names from many addresses. */
    static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant last) {}

    private final Clock clock;
    private final Map<String, Failures> failures = new HashMap<>();

    public LoginThrottle(Clock clock) { this.clock = clock; }

    /** How long this attempt must still wait; empty when it may go ahead. */
    public synchronized Optional<Duration> waitBefore(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Failures f = failures.get(key);
            if (f == null || f.count() < FREE_FAILURES) continue;
            Duration left = Duration.between(now, f.last().plus(delay(f.count())));
            if (left.compareTo(wait) > 0) wait = left;
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> e.getValue().last().plus(FORGET_AFTER).isBefore(now));
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
        while (failures.size() > MAX_TRACKED) {
            failures.entrySet().stream().min(Comparator.comparing(e -> e.getValue().last()))
                    .ifPresent(e -> failures.remove(e.getKey()));
        }
    }

    public synchronized void succeeded(String user) {
        failures.remove(userKey(user));
    }

    /** The wait after {@code count} failures: none up to the free ones, then doubling from 30 s, at most 15 min. */
    static Duration delay(int count) {
        if (count < FREE_FAILURES) return Duration.ZERO;
        int doublings = Math.min(count - FREE_FAILURES, 10);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static String userKey(String user) {
        String u = user == null ? "" : user;
        return "user:" + (u.length() > 256 ? u.substring(0, 256) : u);
    }

    private static String addressKey(String address) { return "address:" + address; }
}
