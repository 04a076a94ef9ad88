package hostedengine.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.VarsFile;
import hostedengine.wizard.RoleDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads a host's facts through Ansible, on whichever host {@link AnsibleTarget} names: the
 * facts playbook ({@code playbooks/host_facts.yml}) and the role's {@code get_network_interfaces}
 * (the real role; the simulator in simulation, whose NIC list is labelled as such), so bonds,
 * teams and VLANs are filtered as the role will judge them. Readings are kept per host, in memory
 * and in {@code <state>/facts/<host>.json}, and read again only when asked ({@link #refresh}).
 */
public final class HostFactsCollector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlaybookRunner runner;
    private final Supplier<AnsibleTarget> target;
    private final Map<String, Object> roleVars;
    private final boolean simulator;
    private final RoleDefaults role;
    private final Path cacheDir;
    private final Clock clock;
    private final Map<String, HostReadings> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<HostReadings>> reading = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "host-facts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param roleVars  what the trigger playbook needs to run the role's tag: {@code he_wizard_role}
     *                  and, in simulation, the simulator's variables
     * @param simulator true when {@code roleVars} choose the simulator (the NIC list is then simulated)
     */
    public HostFactsCollector(PlaybookRunner runner, Supplier<AnsibleTarget> target, Map<String, Object> roleVars,
                              boolean simulator, RoleDefaults role, Path stateDir, Clock clock) {
        this.runner = runner;
        this.target = target;
        this.roleVars = Map.copyOf(roleVars);
        this.simulator = simulator;
        this.role = role;
        this.cacheDir = stateDir.resolve("facts");
        this.clock = clock;
    }

    /** The last readings of the current host: from memory, else from its cache file. */
    public Optional<HostReadings> current() {
        String key = key(target.get());
        HostReadings known = cache.get(key);
        if (known != null) return Optional.of(known);
        Optional<HostReadings> fromFile = readCache(key);
        fromFile.ifPresent(r -> cache.put(key, r));
        return fromFile;
    }

    /** True while the current host's facts are being read. */
    public boolean reading() {
        CompletableFuture<HostReadings> f = reading.get(key(target.get()));
        return f != null && !f.isDone();
    }

    /**
     * Reads the current host's facts again in the background, measuring free space in
     * {@code localVmDirPath} (which must already have passed its path rule); a read already under
     * way for that host is returned instead of starting another.
     */
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
        var facts = runner.run(HostFactsPlaybook.PLAYBOOK, host, Map.of("he_local_vm_dir_path", localVmDirPath), List.of());
        Map<String, Object> vars = new LinkedHashMap<>(roleVars);
        vars.put("he_just_collect_network_interfaces", true);
        var nics = runner.run("hosted_engine.yml", host, vars, List.of("get_network_interfaces"));
        var raw = HostFactsPlaybook.raw(facts, nics, simulator, clock.instant(), host.label(), localVmDirPath);
        writeCache(key(host), raw);
        return HostFactsPlaybook.readings(raw, role);
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
            VarsFile.writeAtomically(cacheDir.resolve(key + ".json"), JSON.writeValueAsBytes(raw));
        } catch (IOException e) {
            // the readings stay in memory; the next start reads the host again
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
