package hostedengine.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.AnsibleTarget;
import hostedengine.deploy.Owner;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.RunOutcome;
import hostedengine.deploy.Runs;
import hostedengine.files.PrivateFiles;
import hostedengine.threads.Threads;
import hostedengine.wizard.RoleDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a host's facts through Ansible, on whichever host {@link AnsibleTarget} names: the
 * facts playbook ({@code playbooks/host_facts.yml}) and the role's {@code get_network_interfaces}
 * (the real role; the simulator in simulation, whose NIC list is labelled as such), so bonds,
 * teams and VLANs are filtered as the role will judge them. Each is a run ({@link Phase#HOST_FACTS},
 * {@link Phase#NETWORK_INTERFACES}) through {@link Runs}, like any phase: its own directory, events
 * and log, the target's SSH password through the runs' secrets channel; the answer is read from the
 * run's events. Readings are kept per host, in memory and in {@code <state>/facts/<host>.json}, and
 * read again only when asked ({@link #refresh}).
 */
public final class HostFactsCollector implements HostFactsSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostFactsCollector.class);
    /** Who starts these runs, as run.json records it: the server itself, not a user. */
    public static final String OWNER = Owner.server("host-facts");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Runs runs;
    private final Supplier<AnsibleTarget> target;
    private final Map<String, Object> runVars;
    private final boolean simulator;
    private final RoleDefaults role;
    private final Path cacheDir;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, HostReadings> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<HostReadings>> reading = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Threads.named("host-facts"));

    /**
     * @param runVars   more variables for the role's tag (the role itself and the simulator's speed come
     *                  from the runs' settings)
     * @param simulator true when the runs use the simulator role (the NIC list is then simulated)
     * @param timeout   the longest each run may take before it is canceled (an SSH host may be slow)
     */
    public HostFactsCollector(Runs runs, Supplier<AnsibleTarget> target, Map<String, Object> runVars,
                              boolean simulator, RoleDefaults role, Path stateDir, Clock clock, Duration timeout) {
        this.runs = runs;
        this.target = target;
        this.runVars = Map.copyOf(runVars);
        this.simulator = simulator;
        this.role = role;
        this.cacheDir = stateDir.resolve("facts");
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The last readings of the current host: from memory, else from its cache file. */
    @Override
    public Optional<HostReadings> current() {
        String key = key(target.get());
        HostReadings known = cache.get(key);
        if (known != null) return Optional.of(known);
        Optional<HostReadings> fromFile = readCache(key);
        fromFile.ifPresent(r -> cache.put(key, r));
        return fromFile;
    }

    @Override
    public boolean reading() {
        CompletableFuture<HostReadings> f = reading.get(key(target.get()));
        return f != null && !f.isDone();
    }

    /**
     * Reads the current host's facts again in the background, measuring free space in
     * {@code localVmDirPath} (which must already have passed its path rule); a read already under
     * way for that host is returned instead of starting another.
     */
    @Override
    public CompletableFuture<HostReadings> refresh(String localVmDirPath) {
        AnsibleTarget host = target.get();
        String key = key(host);
        return reading.compute(key, (k, running) -> running != null && !running.isDone() ? running
                : CompletableFuture.supplyAsync(() -> {
                    HostReadings r = collect(host, localVmDirPath);
                    cache.put(k, r);
                    return r;
                }, worker));
    }

    /** Reads now, on this thread: the facts playbook, then the role's get_network_interfaces. */
    public HostReadings collect(AnsibleTarget host, String localVmDirPath) {
        RunOutcome facts = run(Phase.HOST_FACTS, host, Map.of("he_local_vm_dir_path", localVmDirPath));
        Map<String, Object> vars = new LinkedHashMap<>(runVars);
        vars.put("he_just_collect_network_interfaces", true);
        RunOutcome nics = run(Phase.NETWORK_INTERFACES, host, vars);
        var raw = HostFactsPlaybook.raw(facts, nics, simulator, clock.instant(), host.label(), localVmDirPath);
        writeCache(key(host), raw);
        return HostFactsPlaybook.readings(raw, role);
    }

    private RunOutcome run(Phase phase, AnsibleTarget host, Map<String, Object> vars) {
        try {
            return runs.runToEnd(phase, OWNER, vars, Map.of(), host, timeout);
        } catch (RunConflict impossible) {
            // Read-only kinds are in conflict with nothing; kept readable should that ever change.
            throw new IllegalStateException(phase + " refused while " + impossible.runningId() + " runs", impossible);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the host's facts", e);
        }
    }

    @Override
    public void close() { worker.shutdownNow(); }

    /** A file name for the host: its label with anything but [A-Za-z0-9._-] replaced. */
    static String key(AnsibleTarget host) {
        return host.local() ? "localhost" : host.label().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void writeCache(String key, HostFactsPlaybook.Raw raw) {
        try {
            Files.createDirectories(cacheDir);
            PrivateFiles.writeAtomically(cacheDir.resolve(key + ".json"), JSON.writeValueAsBytes(raw));
        } catch (IOException e) {
            // the readings stay in memory; the next start reads the host again
            LOG.warn("could not keep the host readings in {}: {}", cacheDir, e.toString());
        }
    }

    private Optional<HostReadings> readCache(String key) {
        Path file = cacheDir.resolve(key + ".json");
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(HostFactsPlaybook.readings(JSON.readValue(file.toFile(), HostFactsPlaybook.Raw.class), role));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
