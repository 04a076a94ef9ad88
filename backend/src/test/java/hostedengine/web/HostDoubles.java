package hostedengine.web;

import hostedengine.host.HostFactsSource;
import hostedengine.host.HostReadings;
import hostedengine.host.HostnameChecks;
import hostedengine.host.NameResolver;
import hostedengine.wizard.HostFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Instant doubles of the host for the web edge's HTTP tests: the facts as read on a fixed host,
 * the role's FQDN checks answering from a table, and a lab DNS. The real ones run Ansible and are
 * tested in the host and preflight packages.
 */
final class HostDoubles {
    private HostDoubles() {}

    /** The host's readings, as if the facts playbook had just read {@code facts} with this much free space. */
    static final class Readings implements HostFactsSource {
        private final HostFacts facts;
        private volatile long freeBytes;
        private volatile HostReadings current;
        final List<String> refreshedDirs = new CopyOnWriteArrayList<>();

        Readings(HostFacts facts, long freeBytes) {
            this.facts = facts;
            this.freeBytes = freeBytes;
            this.current = read("/var/tmp");
        }

        /** The free space the next reading finds. */
        void freeBytes(long bytes) { freeBytes = bytes; }

        @Override public Optional<HostReadings> current() { return Optional.of(current); }

        /** While held, a reading started stays under way (as a slow Ansible run would) until {@link #release}. */
        private volatile CompletableFuture<HostReadings> held;
        private volatile boolean holding;

        void hold() { holding = true; }

        void release() {
            holding = false;
            CompletableFuture<HostReadings> f = held;
            if (f != null) f.complete(current);
        }

        @Override public boolean reading() {
            CompletableFuture<HostReadings> f = held;
            return f != null && !f.isDone();
        }

        @Override public CompletableFuture<HostReadings> refresh(String localVmDirPath) {
            refreshedDirs.add(localVmDirPath);
            if (holding) {
                var f = new CompletableFuture<HostReadings>();
                held = f;
                f.thenRun(() -> current = read(localVmDirPath));
                return f.thenApply(r -> current);
            }
            current = read(localVmDirPath);
            return CompletableFuture.completedFuture(current);
        }

        private HostReadings read(String dir) {
            return new HostReadings(facts, Optional.of(true), Optional.of(true), "Etc/UTC (UTC+0000)",
                    Optional.of(List.of()), List.of(), Map.of(), List.of(), dir, Optional.of(freeBytes),
                    HostReadings.NicSource.SIMULATOR, null, Instant.parse("2025-06-01T09:00:00Z"), "localhost");
        }
    }

    /**
     * The role's FQDN checks: a name given a failure fails with it, a held name is being checked
     * until released, every other name passes at once.
     */
    static final class Hostnames implements HostnameChecks {
        private final Map<String, Result> failures = new ConcurrentHashMap<>();
        private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
        final List<Request> asked = new CopyOnWriteArrayList<>();

        /** {@code name} is being checked (as a slow Ansible run would be) until {@link #release}. */
        void hold(String name) { held.add(name); }

        void release(String name) { held.remove(name); }

        /** {@code name} fails as the role would fail it, with this reason key and the role's message. */
        void fail(String name, String reason, String message) {
            failures.put(name, new Result(State.FAILED, reason, message));
        }

        @Override public Result start(Request request) { return answer(request); }

        @Override public Optional<Result> known(Request request) {
            return asked.contains(request) ? Optional.of(result(request)) : Optional.empty();
        }

        /** A held check would hold the request that awaits it: no route may. */
        @Override public Result await(Request request, Duration wait) {
            if (held.contains(request.name())) throw new IllegalStateException("a request waited for a running name check");
            return answer(request);
        }

        private Result answer(Request request) {
            asked.add(request);
            return result(request);
        }

        private Result result(Request request) {
            if (held.contains(request.name())) return new Result(State.CHECKING, null, null);
            return failures.getOrDefault(request.name(), Result.PASSED);
        }
    }

    /** A lab's DNS: forward and reverse from one table of name → address. */
    static NameResolver labDns(Map<String, String> table) {
        return new NameResolver() {
            @Override public List<String> forward(String name) {
                String address = table.get(name);
                return address == null ? List.of() : List.of(address);
            }

            @Override public Optional<String> reverse(String address) {
                List<String> names = new ArrayList<>();
                table.forEach((n, a) -> { if (a.equals(address)) names.add(n); });
                return names.stream().sorted().findFirst();
            }
        };
    }
}
