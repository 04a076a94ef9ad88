package hostedengine.deploy;

import hostedengine.threads.Threads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A run's ordered events: a bounded tail in memory, older ones read from the files on
 * demand, and the subscribers. A subscriber gets the history after its sequence number,
 * then live events, never a gap or a duplicate; one that falls behind is dropped and told,
 * so it can resume by id.
 */
final class EventLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventLog.class);
    interface History {
        List<RunEvent> read(long afterSeq, int limit);

        /** The events after {@code afterSeq} up to {@code upToSeq} in one pass, until {@code sink} answers false. */
        default void forEach(long afterSeq, long upToSeq, Predicate<RunEvent> sink) {
            for (long after = afterSeq; after < upToSeq; ) {
                List<RunEvent> page = read(after, 500);
                if (page.isEmpty()) return;
                for (RunEvent e : page) {
                    if (e.seq() > upToSeq || !sink.test(e)) return;
                    after = e.seq();
                }
            }
        }
    }

    private static final Object END = new Object();
    /** A subscriber that never catches up is still flushed this often (events). */
    private static final int FLUSH_EVERY = 256;
    private final int tailSize;
    private final int queueSize;
    private final History files;
    private final ArrayDeque<RunEvent> tail = new ArrayDeque<>();
    private final List<Sub> subs = new CopyOnWriteArrayList<>();
    private long last;
    /** The last event the subscribers were woken for. */
    private long wokenAt;
    private RunInfo ended;

    EventLog(History files, int tailSize, int queueSize) {
        this.files = files;
        this.tailSize = tailSize;
        this.queueSize = queueSize;
    }

    /**
     * The log of a run that has ended and is not followed: all its events are in the files.
     * Its last number comes from the run, or a subscriber would see no history at all.
     */
    static EventLog ofEnded(History files, RunInfo info, int tailSize, int queueSize) {
        EventLog log = new EventLog(files, tailSize, queueSize);
        synchronized (log) {
            log.last = info.events();
        }
        log.end(info);
        return log;
    }

    synchronized long last() { return last; }

    /** Adds an event and wakes the subscribers at once (see {@link #add} for many at a time). */
    void append(RunEvent event) {
        add(event);
        wake();
    }

    /**
     * Adds an event to every subscriber's queue without waking them: the follower adds all it read
     * in one go, then {@link #wake}s them once, so each subscriber writes the lot with one flush
     * rather than one flush per event (at 2,000 events/s to 50 viewers that was 100,000 writes a
     * second, bench/RESULTS.md section 2).
     */
    synchronized void add(RunEvent event) {
        if (event.seq() != last + 1) throw new IllegalStateException("event " + event.seq() + " after " + last);
        last = event.seq();
        tail.addLast(event);
        if (tail.size() > tailSize) tail.removeFirst();
        for (Sub sub : subs) {
            if (!sub.queue.offer(event)) {
                sub.dropped = true;
                subs.remove(sub);
                sub.wake(); // it must learn now that it was dropped
            }
        }
    }

    /** Wakes every subscriber to deliver what was {@link #add}ed since the last wake; nothing new, no one woken. */
    void wake() {
        synchronized (this) {
            if (last == wokenAt) return;
            wokenAt = last;
        }
        for (Sub sub : subs) sub.wake();
    }

    synchronized void end(RunInfo info) {
        ended = info;
        for (Sub sub : subs) {
            sub.endInfo = info; // before END is queued: the delivery thread reads it as soon as END arrives
            if (!sub.queue.offer(END)) sub.dropped = true;
            sub.wake();
        }
        subs.clear();
    }

    List<RunEvent> page(long afterSeq, int limit) {
        synchronized (this) {
            if (!tail.isEmpty() && afterSeq + 1 >= tail.getFirst().seq()) {
                List<RunEvent> out = new ArrayList<>();
                for (RunEvent e : tail) {
                    if (e.seq() > afterSeq && out.size() < limit) out.add(e);
                }
                return out;
            }
            if (afterSeq >= last) return List.of();
        }
        return files.read(afterSeq, limit);
    }

    /**
     * The events after {@code afterSeq} up to {@code upToSeq} (at most those the log has now), in
     * order, until {@code sink} answers false: from the tail when it holds them all, else in one
     * pass over the files (not page by page, which rereads them for every page).
     */
    void forEach(long afterSeq, long upToSeq, Predicate<RunEvent> sink) {
        List<RunEvent> fromTail = new ArrayList<>();
        long upTo;
        synchronized (this) {
            upTo = Math.min(upToSeq, last);
            if (afterSeq >= upTo) return;
            if (!tail.isEmpty() && afterSeq + 1 >= tail.getFirst().seq()) {
                for (RunEvent e : tail) if (e.seq() > afterSeq && e.seq() <= upTo) fromTail.add(e);
            } else {
                fromTail = null;
            }
        }
        if (fromTail == null) {
            files.forEach(afterSeq, upTo, sink);
            return;
        }
        for (RunEvent e : fromTail) if (!sink.test(e)) return;
    }

    Subscription subscribe(long afterSeq, RunListener listener, String name) {
        Sub sub = new Sub(listener, Math.max(0, afterSeq));
        synchronized (this) {
            sub.boundary = last;
            if (ended != null) {
                sub.endInfo = ended;
                sub.queue.offer(END);
            } else {
                subs.add(sub);
            }
        }
        Thread t = Threads.named("run-subscriber-" + name).newThread(sub::deliver);
        sub.thread = t; // before it starts and before any wake: an unpark then is kept for its first wait
        t.start();
        return () -> {
            sub.closed = true;
            subs.remove(sub);
            t.interrupt();
        };
    }

    private final class Sub {
        final RunListener listener;
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(queueSize);
        volatile long boundary;
        volatile boolean dropped;
        volatile boolean closed;
        volatile RunInfo endInfo;
        long delivered;
        volatile Thread thread;

        Sub(RunListener listener, long after) {
            this.listener = listener;
            this.delivered = after;
        }

        /** Ends the delivery thread's wait (or its next one, if it is not waiting yet: never lost). */
        void wake() {
            Thread t = thread;
            if (t != null) LockSupport.unpark(t);
        }

        void deliver() {
            try {
                // History first: everything up to what the log held when we subscribed, in one pass,
                // then page by page for whatever that pass did not give (it never repeats an event).
                forEach(delivered, boundary, e -> {
                    if (closed || e.seq() <= delivered) return !closed;
                    listener.onEvent(e);
                    delivered = e.seq();
                    if (delivered % FLUSH_EVERY == 0) listener.flush();
                    return true;
                });
                while (!closed && delivered < boundary) {
                    List<RunEvent> page = page(delivered, 500);
                    if (page.isEmpty()) break;
                    for (RunEvent e : page) {
                        if (e.seq() > boundary) break;
                        listener.onEvent(e);
                        delivered = e.seq();
                    }
                }
                while (!closed) {
                    // Whatever is waiting goes out together: the listener flushes once the queue is empty.
                    Object next = queue.poll();
                    if (next == null) {
                        listener.flush();
                        // Until the log wakes us for what it added (or 200 ms, to notice a close).
                        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
                        if (Thread.interrupted()) throw new InterruptedException();
                        continue;
                    }
                    if (next == END) {
                        listener.flush();
                        listener.onEnd(endInfo);
                        return;
                    }
                    if (next instanceof RunEvent e) {
                        if (e.seq() > delivered) {
                            listener.onEvent(e);
                            delivered = e.seq();
                            if (delivered % FLUSH_EVERY == 0) listener.flush();
                        }
                    } else if (dropped) {
                        listener.onDropped(delivered);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A failing listener ends only its own subscription; it is told, so it can close its client.
                LOG.warn("a subscriber of the run's events failed", e);
                subs.remove(this);
                try {
                    listener.onDropped(delivered);
                } catch (RuntimeException again) {
                    LOG.warn("a failed subscriber could not be dropped cleanly", again);
                }
            }
        }
    }
}
