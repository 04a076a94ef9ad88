package hostedengine.engine;

import hostedengine.threads.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller for every viewer: however many pages watch, {@code hosted-engine --vm-status} (on
 * the deployment host chosen at each reading)
 * runs once per interval (5 s), never twice at once. It starts with the first subscriber and
 * stops with the last; each reading goes to every subscriber. A failed reading is a reading
 * too (its problem is shown), and polling goes on.
 */
public final class EngineStatePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineStatePoller.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    /** One reading: the host asked, and what its tool answered. */
    private record Asked(TargetHost on, ToolOutput out) {}

    private final Supplier<Asked> vmStatus;
    private final Supplier<TargetHost> where;
    private final Duration interval;
    private final Clock clock;
    private final Set<Consumer<StatusSnapshot>> subscribers = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Threads.named("engine-state-poller"));
    private ScheduledFuture<?> polling;
    private volatile StatusSnapshot latest;

    /** @param tool where hosted-engine runs: this host, or the deployment host chosen at each reading */
    public EngineStatePoller(EngineHost tool, Duration interval, Clock clock) {
        this(() -> {
            EngineHost host = tool.resolve();
            ToolOutput out = host.run("--vm-status", "--json");
            return new Asked(host.where().after(out), out);
        }, () -> tool.resolve().where(), interval, clock);
    }

    EngineStatePoller(Supplier<ToolOutput> vmStatus, Duration interval, Clock clock) {
        this(() -> new Asked(TargetHost.THIS_HOST, vmStatus.get()), () -> TargetHost.THIS_HOST, interval, clock);
    }

    private EngineStatePoller(Supplier<Asked> vmStatus, Supplier<TargetHost> where, Duration interval, Clock clock) {
        this.vmStatus = vmStatus;
        this.where = where;
        this.interval = interval;
        this.clock = clock;
    }

    /** Receives the latest reading now (if any) and every new one, until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<StatusSnapshot> subscriber) {
        subscribers.add(subscriber);
        StatusSnapshot now = latest;
        if (now != null) deliver(subscriber, now);
        synchronized (this) {
            if (polling == null) {
                polling = executor.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return () -> unsubscribe(subscriber);
    }

    private void unsubscribe(Consumer<StatusSnapshot> subscriber) {
        subscribers.remove(subscriber);
        synchronized (this) {
            if (subscribers.isEmpty() && polling != null) {
                polling.cancel(false);
                polling = null;
            }
        }
    }

    public boolean polling() {
        synchronized (this) {
            return polling != null;
        }
    }

    public int subscribers() { return subscribers.size(); }

    /**
     * The latest reading if it is younger than two intervals and of the host chosen now (the
     * choice may have changed on the host page), else a fresh one (bounded by the tool's timeout).
     */
    public StatusSnapshot current() {
        StatusSnapshot s = latest;
        if (s != null && Duration.between(s.time(), clock.instant()).compareTo(interval.multipliedBy(2)) < 0
                && s.on().equals(where.get())) {
            return s;
        }
        return readNow();
    }

    public Optional<StatusSnapshot> latest() { return Optional.ofNullable(latest); }

    /** Reads now and tells every subscriber: after an action, so the page need not wait a whole interval. */
    public StatusSnapshot readNow() {
        Asked asked = vmStatus.get();
        var snapshot = StatusSnapshot.of(clock.instant(), VmStatus.read(asked.out()), asked.on());
        publish(snapshot);
        return snapshot;
    }

    /** As {@link #readNow}, on the poller's thread, without making the caller wait. */
    public void refreshSoon() { executor.execute(this::poll); }

    private void poll() {
        try {
            readNow();
        } catch (RuntimeException e) {
            // A reading that fails in our code must not end the schedule: the next one may work.
            LOG.warn("reading the engine status failed", e);
        }
    }

    private synchronized void publish(StatusSnapshot snapshot) {
        latest = snapshot;
        for (var s : subscribers) deliver(s, snapshot);
    }

    private static void deliver(Consumer<StatusSnapshot> subscriber, StatusSnapshot snapshot) {
        try {
            subscriber.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.warn("a status subscriber failed", e);
        }
    }

    @Override public void close() { executor.shutdownNow(); }
}
