package hostedengine.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A client that follows a whole run: counts events, gaps and repeats, and when the last one and the end came. */
final class RunCollector implements SseStream.Listener {
    private final CountDownLatch end = new CountDownLatch(1);
    private final long stopAtSeq;
    private final CountDownLatch reached = new CountDownLatch(1);
    volatile long lastSeq;
    volatile long events;
    volatile long repeated;
    volatile long missing;
    volatile long lastEventNanos;
    volatile long endNanos;
    volatile long reachedNanos;
    volatile String endData;
    volatile Throwable error;

    /** {@code stopAtSeq}: {@link #awaitSeq} returns once this event has come (0: never). */
    RunCollector(long stopAtSeq) { this.stopAtSeq = stopAtSeq; }

    @Override
    public void event(String type, String id, String data, long arrivedNanos) {
        if ("run-event".equals(type)) {
            long seq = Long.parseLong(id);
            if (seq <= lastSeq) {
                repeated++;
                return;
            }
            if (seq != lastSeq + 1) missing += seq - lastSeq - 1;
            lastSeq = seq;
            events++;
            lastEventNanos = arrivedNanos;
            if (stopAtSeq > 0 && seq >= stopAtSeq && reachedNanos == 0) {
                reachedNanos = arrivedNanos;
                reached.countDown();
            }
        } else if ("run-end".equals(type)) {
            endData = data;
            endNanos = arrivedNanos;
            end.countDown();
        }
    }

    @Override
    public void ended(Throwable e) {
        error = e;
        end.countDown();
        reached.countDown();
    }

    boolean awaitEnd(long seconds) throws InterruptedException { return end.await(seconds, TimeUnit.SECONDS); }

    boolean awaitSeq(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS) && reachedNanos > 0;
    }
}
