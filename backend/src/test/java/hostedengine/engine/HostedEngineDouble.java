package hostedengine.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's {@code hosted-engine} test double (playbooks/roles/hosted_engine_simulator/files)
 * with its JSON state in a test directory. Arrange a cluster, {@link #write()}, then run the
 * tool through {@link #tool()} as the server would.
 */
public final class HostedEngineDouble {
    public static final Path FILES = findFiles();
    public static final Map<String, Object> UP_GOOD = engine("up", "good", "Up", null);
    public static final Map<String, Object> LIVELINESS = engine("up", "bad", "Up", "failed liveliness check");
    public static final Map<String, Object> NOT_RUNNING = engine("down", "bad", "unknown", "vm not running on this host");
    public static final Map<String, Object> STATS_FAILED = engine("unknown", "unknown", "unknown", "failed to getVmStats");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateFile;
    private final Map<String, Object> state = new LinkedHashMap<>();
    private final List<Map<String, Object>> hosts = new ArrayList<>();

    /** Deployed, no hosts yet, this host is id 1, nothing running. */
    public HostedEngineDouble(Path dir) {
        this(dir.resolve("double/state.json"), true);
    }

    /**
     * The same, with its state in {@code stateFile}: e.g. where a simulated deployment over SSH
     * leaves a remote host's own double ({@code RunSettings.simulatedRemoteDir}).
     */
    public static HostedEngineDouble at(Path stateFile) { return new HostedEngineDouble(stateFile, true); }

    private HostedEngineDouble(Path stateFile, boolean deployed) {
        this.stateFile = stateFile;
        state.put("deployed", deployed);
        state.put("local_host_id", 1);
        state.put("vm_host_id", null);
        state.put("global_maintenance", false);
        state.put("hosts", hosts);
    }

    public static Map<String, Object> engine(String vm, String health, String detail, String reason) {
        var m = new LinkedHashMap<String, Object>();
        m.put("vm", vm);
        m.put("health", health);
        m.put("detail", detail);
        if (reason != null) m.put("reason", reason);
        return m;
    }

    /** Two hosts: host1 (this one, id 1) runs a healthy engine VM, host2 is ready to take over. */
    public HostedEngineDouble healthyTwoHosts() {
        host(1, "host1.example.com", UP_GOOD);
        host(2, "host2.example.com", NOT_RUNNING);
        return set("vm_host_id", 1);
    }

    public HostedEngineDouble host(int id, String hostname, Map<String, Object> engineStatus) {
        var h = new LinkedHashMap<String, Object>();
        h.put("host-id", id);
        h.put("host-ts", 5000 + id);
        h.put("hostname", hostname);
        h.put("score", 3400);
        h.put("engine-status", engineStatus);
        h.put("maintenance", false);
        h.put("stopped", false);
        h.put("live-data", true);
        h.put("state", "up".equals(engineStatus.get("vm")) ? "EngineUp" : "EngineDown");
        hosts.add(h);
        return this;
    }

    public HostedEngineDouble hostField(int id, String key, Object value) {
        hosts.stream().filter(h -> h.get("host-id").equals(id)).findFirst().orElseThrow().put(key, value);
        return this;
    }

    public HostedEngineDouble set(String key, Object value) {
        state.put(key, value);
        return this;
    }

    /** The given subcommand prints exactly this and exits so. */
    public HostedEngineDouble override(String command, String stdout, String stderr, int rc) {
        state.put("override", Map.of(command, Map.of("stdout", stdout, "stderr", stderr, "rc", rc)));
        return this;
    }

    public HostedEngineDouble write() {
        try {
            Files.createDirectories(stateFile.getParent());
            Files.writeString(stateFile, JSON.writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The state as the double left it (after actions). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> read() {
        try {
            return JSON.readValue(stateFile.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path stateFile() { return stateFile; }

    public HostedEngineTool tool() { return tool(Duration.ofSeconds(20)); }

    public HostedEngineTool tool(Duration timeout) {
        return HostedEngineTool.simulated(FILES, stateFile).withTimeout(timeout);
    }

    /** Copies the double's two commands into {@code binDir}, as the simulator's final_clean installs them. */
    public static void install(Path binDir) {
        try {
            Files.createDirectories(binDir);
            for (String name : List.of("hosted-engine", "ovirt-hosted-engine-cleanup")) {
                Files.copy(FILES.resolve(name), binDir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findFiles() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("playbooks/roles/hosted_engine_simulator/files");
            if (Files.isExecutable(candidate.resolve("hosted-engine"))) return candidate;
        }
        throw new IllegalStateException("the hosted-engine test double was not found above " + Path.of("").toAbsolutePath());
    }
}
