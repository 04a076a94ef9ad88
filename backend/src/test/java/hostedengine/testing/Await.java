package hostedengine.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in tests on something a user would see: a condition, or a value once it is there. Never a fixed sleep. */
public final class Await {
    private static final long POLL_MILLIS = 100;

    private Await() {}

    /** Returns once the condition holds; fails the test when it does not within the timeout. */
    public static void until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        value(() -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), timeout);
    }

    /** The probe's value as soon as it gives one; fails the test when it gives none within the timeout. */
    public static <T> T value(Supplier<Optional<T>> probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            if (System.nanoTime() > deadline) throw new AssertionError("not seen within " + timeout);
            Thread.sleep(POLL_MILLIS);
        }
    }
}
