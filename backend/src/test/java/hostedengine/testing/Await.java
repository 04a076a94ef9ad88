package hostedengine.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests on something a user would see: a condition, or a value once it is there. Never a
 * fixed sleep. {@code what} says what is awaited, so a failure reads "run 42 ends: not seen within PT1M".
 */
public final class Await {
    private static final long POLL_MILLIS = 100;

    private Await() {}

    /** Returns once the condition holds; fails the test naming {@code what} when it does not within the timeout. */
    public static void until(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        value(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), timeout);
    }

    /** The probe's value as soon as it gives one; fails the test naming {@code what} when it gives none within the timeout. */
    public static <T> T value(String what, Supplier<Optional<T>> probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not seen within " + timeout);
            Thread.sleep(POLL_MILLIS);
        }
    }
}
