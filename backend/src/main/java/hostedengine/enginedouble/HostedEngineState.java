package hostedengine.enginedouble;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hosted-engine} double's state file, shared with the engine double as the real
 * engine and HA agents share the storage's metadata: a hosted-engine host that comes up in the
 * engine appears in {@code --vm-status} (score 3400, ready to take the engine VM); one that is
 * undeployed or removed leaves it. Each change reads the file, changes it, and renames a new one in.
 */
final class HostedEngineState {
    private static final Logger LOG = LoggerFactory.getLogger(HostedEngineState.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The broker's engine-status where the VM runs, and everywhere else (as the hosted-engine double writes them). */
    private static final Map<String, Object> UP_GOOD = Map.of("vm", "up", "health", "good", "detail", "Up");
    private static final Map<String, Object> NOT_RUNNING = Map.of("vm", "down", "health", "bad", "detail", "unknown",
            "reason", "vm not running on this host");
    private final Path file;

    HostedEngineState(Path file) { this.file = file; }

    synchronized void join(EngineModel.Host h) {
        change(state -> {
            List<Map<String, Object>> hosts = hosts(state);
            if (hosts.stream().anyMatch(x -> h.name.equals(x.get("hostname")))) return;
            int id = hosts.stream().mapToInt(x -> ((Number) x.get("host-id")).intValue()).max().orElse(0) + 1;
            var entry = new LinkedHashMap<String, Object>();
            entry.put("host-id", id);
            entry.put("host-ts", 1000 + id);
            entry.put("hostname", h.name);
            entry.put("score", 3400);
            entry.put("engine-status", NOT_RUNNING);
            entry.put("maintenance", false);
            entry.put("stopped", false);
            entry.put("live-data", true);
            entry.put("state", "EngineDown");
            hosts.add(entry);
        });
    }

    synchronized void leave(EngineModel.Host h) {
        change(state -> hosts(state).removeIf(x -> h.name.equals(x.get("hostname"))));
    }

    /** The host's score as the HA agents report it, when the double knows the host. */
    synchronized Optional<Integer> score(String hostname) {
        return read().flatMap(s -> hosts(s).stream().filter(x -> hostname.equals(x.get("hostname"))).findFirst())
                .map(x -> ((Number) x.getOrDefault("score", 0)).intValue());
    }

    /** The host running the engine VM ({@code vm_host_id}), when the state names one the double knows. */
    synchronized Optional<String> engineVmHost() {
        return read().flatMap(s -> {
            Object vmHost = s.get("vm_host_id");
            if (!(vmHost instanceof Number id)) return Optional.empty();
            return hosts(s).stream().filter(x -> x.get("host-id") instanceof Number n && n.intValue() == id.intValue())
                    .map(x -> String.valueOf(x.get("hostname"))).findFirst();
        });
    }

    /**
     * The HA agents migrated the engine VM to {@code hostname}: it runs there, up and healthy, and
     * nowhere else, so {@code hosted-engine --vm-status} says what the engine says. States and
     * scores follow as the {@code hosted-engine} double sets them.
     */
    synchronized void moveEngineVm(String hostname) {
        change(state -> {
            var target = hosts(state).stream().filter(x -> hostname.equals(x.get("hostname"))).findFirst();
            if (target.isEmpty()) return;
            state.put("vm_host_id", target.get().get("host-id"));
            boolean global = Boolean.TRUE.equals(state.get("global_maintenance"));
            for (Map<String, Object> h : hosts(state)) {
                boolean runs = h == target.get();
                h.put("engine-status", runs ? UP_GOOD : NOT_RUNNING);
                if (Boolean.TRUE.equals(h.get("maintenance"))) continue;
                h.put("state", global ? "GlobalMaintenance" : runs ? "EngineUp" : "EngineDown");
            }
        });
    }

    synchronized boolean globalMaintenance() {
        return read().map(s -> Boolean.TRUE.equals(s.get("global_maintenance"))).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hosts(Map<String, Object> state) {
        Object hosts = state.get("hosts");
        if (!(hosts instanceof List)) {
            hosts = new ArrayList<Map<String, Object>>();
            state.put("hosts", hosts);
        }
        return (List<Map<String, Object>>) hosts;
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> read() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), LinkedHashMap.class));
        } catch (IOException e) {
            LOG.warn("the hosted-engine double's state {} cannot be read", file, e);
            return Optional.empty();
        }
    }

    private void change(java.util.function.Consumer<Map<String, Object>> edit) {
        Optional<Map<String, Object>> state = read();
        if (state.isEmpty()) return; // nothing deployed there: nothing to share
        edit.accept(state.get());
        try {
            PrivateFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state.get()));
        } catch (IOException e) {
            LOG.warn("the hosted-engine double's state {} cannot be written", file, e);
        }
    }
}
