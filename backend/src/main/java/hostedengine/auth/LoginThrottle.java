package hostedengine.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing without letting a third party lock an account out. Failures are
 * counted per account and client address together, per client address, and per account across
 * every address. The first {@value #FREE_FAILURES} failures of a pair or an address cost nothing;
 * after that each attempt from there must wait 30 s, then 1 min, 2 min, ... up to 15 min after
 * the last failure. An account guessed at from many addresses (password spraying) slows down for
 * everyone only after {@value #ACCOUNT_FREE_FAILURES} failures, and never by more than
 * {@link #ACCOUNT_MAX_DELAY}: whoever guesses at root from elsewhere cannot keep root's
 * administrator out for longer. Nothing sleeps: a refused attempt is answered at once with how
 * long to wait. A success clears its pair and the account's count; counts fade an hour after
 * their last failure. (The console's single-use link is not a password login: never throttled.)
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final int ACCOUNT_FREE_FAILURES = 20;
    static final Duration ACCOUNT_MAX_DELAY = Duration.ofMinutes(2);
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
        Duration wait = longer(Duration.ZERO, left(now, failures.get(pairKey(user, address)), FREE_FAILURES, MAX_DELAY));
        wait = longer(wait, left(now, failures.get(addressKey(address)), FREE_FAILURES, MAX_DELAY));
        wait = longer(wait, left(now, failures.get(userKey(user)), ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY));
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> e.getValue().last().plus(FORGET_AFTER).isBefore(now));
        for (String key : new String[] {pairKey(user, address), userKey(user), addressKey(address)}) {
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
        while (failures.size() > MAX_TRACKED) {
            failures.entrySet().stream().min(Comparator.comparing(e -> e.getValue().last()))
                    .ifPresent(e -> failures.remove(e.getKey()));
        }
    }

    /** The account logged in from {@code address}: its own slowdown and that pair's are over. */
    public synchronized void succeeded(String user, String address) {
        failures.remove(userKey(user));
        failures.remove(pairKey(user, address));
    }

    private static Duration left(Instant now, Failures f, int free, Duration max) {
        if (f == null || f.count() < free) return Duration.ZERO;
        Duration d = delay(f.count() - free + FREE_FAILURES);
        if (d.compareTo(max) > 0) d = max;
        return Duration.between(now, f.last().plus(d));
    }

    private static Duration longer(Duration a, Duration b) { return b.compareTo(a) > 0 ? b : a; }

    /** The wait after {@code count} failures: none up to the free ones, then doubling from 30 s, at most 15 min. */
    static Duration delay(int count) {
        if (count < FREE_FAILURES) return Duration.ZERO;
        int doublings = Math.min(count - FREE_FAILURES, 10);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static String userKey(String user) { return "user:" + name(user); }

    private static String pairKey(String user, String address) { return "pair:" + address + "\u0000" + name(user); }

    private static String name(String user) {
        String u = user == null ? "" : user;
        return u.length() > 256 ? u.substring(0, 256) : u;
    }

    private static String addressKey(String address) { return "address:" + address; }
}
