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
            entry.put("engine-status", Map.of("vm", "down", "health", "bad", "detail", "unknown", "reason", "vm not running on this host"));
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
