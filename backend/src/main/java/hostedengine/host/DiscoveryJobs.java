package hostedengine.host;

import hostedengine.threads.Threads;
import hostedengine.wizard.StorageDevices;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Storage discovery in the background, one job per user: the page asks, shows "Retrieving
 * targets…" and polls, so a discovery that takes a minute never holds a request open. Asking
 * again for the same thing while it runs joins the running job (a double click starts one run);
 * asking for something else replaces it, and the replaced job's answer is dropped. The last
 * outcome is kept in memory for the page: the result itself goes to the user's draft through
 * {@code onFound}.
 */
public final class DiscoveryJobs implements AutoCloseable {
    /** What is being discovered. */
    public enum Kind { ISCSI_TARGETS, ISCSI_LUNS, FC_LUNS }

    public enum State { RUNNING, FOUND, EMPTY, FAILED }

    /** Where one user's discovery is; {@code problem} only when FAILED. */
    public record Status(Kind kind, String key, State state, StorageDiscoveryException problem, long generation) {}

    /** The lookup itself, e.g. a call on {@link StorageDiscovery}. */
    public interface Lookup { StorageDevices run() throws StorageDiscoveryException; }

    private final Map<String, Status> byOwner = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.named("storage-discovery"));
    private long generations;

    /**
     * Starts a discovery for {@code owner}, unless the same one ({@code kind} and {@code key})
     * runs already. {@code onFound} gets the devices found (not called when replaced).
     *
     * @return true when a new job started, false when the running one was joined
     */
    public synchronized boolean start(String owner, Kind kind, String key, Lookup lookup, Consumer<StorageDevices> onFound) {
        Status now = byOwner.get(owner);
        if (now != null && now.state() == State.RUNNING && now.kind() == kind && now.key().equals(key)) return false;
        long generation = ++generations;
        byOwner.put(owner, new Status(kind, key, State.RUNNING, null, generation));
        workers.execute(() -> {
            Status outcome;
            try {
                StorageDevices found = lookup.run();
                boolean empty = kind == Kind.ISCSI_TARGETS ? found.targets().isEmpty() : found.luns().isEmpty();
                synchronized (this) {
                    if (!current(owner, generation)) return;
                    onFound.accept(found);
                    outcome = new Status(kind, key, empty ? State.EMPTY : State.FOUND, null, generation);
                }
            } catch (StorageDiscoveryException failed) {
                outcome = new Status(kind, key, State.FAILED, failed, generation);
            } catch (RuntimeException unexpected) {
                outcome = new Status(kind, key, State.FAILED, new StorageDiscoveryException(String.valueOf(unexpected)), generation);
            }
            synchronized (this) {
                if (current(owner, generation)) byOwner.put(owner, outcome);
            }
        });
        return true;
    }

    /** Records that a discovery could not start (e.g. an invalid portal), for the page to say why. */
    public synchronized void refuse(String owner, Kind kind, StorageDiscoveryException why) {
        byOwner.put(owner, new Status(kind, "", State.FAILED, why, ++generations));
    }

    /** The user's running discovery or its last outcome. */
    public Optional<Status> status(String owner) { return Optional.ofNullable(byOwner.get(owner)); }

    /** Forgets a finished outcome (its message has been read, or the portal changed); a running job stays. */
    public synchronized void forget(String owner) {
        Status now = byOwner.get(owner);
        if (now != null && now.state() != State.RUNNING) byOwner.remove(owner);
    }

    private boolean current(String owner, long generation) {
        Status now = byOwner.get(owner);
        return now != null && now.generation() == generation;
    }

    @Override
    public void close() { workers.shutdownNow(); }
}
