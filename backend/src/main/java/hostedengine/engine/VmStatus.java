package hostedengine.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as {@code hosted-engine --vm-status --json} reports it: every host, and whether
 * the cluster is in global maintenance. {@link #read} never throws: whatever the tool printed
 * becomes either a status or a {@link StatusProblem}.
 */
public record VmStatus(List<HostStatus> hosts, boolean globalMaintenance) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public VmStatus {
        hosts = List.copyOf(hosts);
    }

    /** The host whose engine VM is up, if one reports so. */
    public Optional<HostStatus> engineHost() {
        return hosts.stream().filter(HostStatus::runsEngineVm).findFirst();
    }

    public Optional<HostStatus> host(String hostname) {
        return hosts.stream().filter(h -> h.hostname().equalsIgnoreCase(hostname)).findFirst();
    }

    /** Either a status or the problem that kept it from being read, with the tool's own words. */
    public record Reading(Optional<VmStatus> status, Optional<StatusProblem> problem, String output) {
        static Reading of(VmStatus s) { return new Reading(Optional.of(s), Optional.empty(), ""); }

        static Reading failed(StatusProblem p, ToolOutput out) {
            return new Reading(Optional.empty(), Optional.of(p), out.combined());
        }
    }

    /** Reads the tool's answer; the order of checks follows the dispatcher (HOSTED-ENGINE-CLI.md §0, §1). */
    public static Reading read(ToolOutput out) {
        if (out.notConnected()) return Reading.failed(StatusProblem.HOST_NOT_CONNECTED, out);
        if (out.missing()) return Reading.failed(StatusProblem.TOOL_MISSING, out);
        if (out.timedOut()) return Reading.failed(StatusProblem.TIMEOUT, out);
        String stdout = out.stdout().strip();
        if (stdout.startsWith("You must run deploy first")) return Reading.failed(StatusProblem.NOT_DEPLOYED, out);
        if (stdout.startsWith("It seems like a previous attempt to deploy")) {
            return Reading.failed(StatusProblem.PREVIOUS_ATTEMPT, out);
        }
        if (stdout.startsWith("The hosted engine configuration has not been retrieved from shared storage")) {
            return Reading.failed(StatusProblem.CONF_NOT_RETRIEVED, out);
        }
        if (stdout.startsWith("{'") || out.stderr().contains("Cannot connect to the HA daemon")
                || out.stderr().contains("Traceback (most recent call last)")) {
            return Reading.failed(StatusProblem.BROKER_UNREACHABLE, out);
        }
        if (out.stderr().contains("please make sure your storage is reachable")) {
            return Reading.failed(StatusProblem.STORAGE_UNREACHABLE, out);
        }
        if (out.exitCode() != 0) return Reading.failed(StatusProblem.FAILED, out);
        try {
            return Reading.of(parse(JSON.readTree(stdout)));
        } catch (Exception notJson) {
            return Reading.failed(StatusProblem.NOT_JSON, out);
        }
    }

    static VmStatus parse(JsonNode root) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        var hosts = new ArrayList<HostStatus>();
        boolean global = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if ("global_maintenance".equals(e.getKey())) global = e.getValue().asBoolean(false);
            else if (e.getValue().isObject()) hosts.add(host(e.getKey(), e.getValue()));
        }
        hosts.sort(Comparator.comparingInt(HostStatus::hostId));
        return new VmStatus(hosts, global);
    }

    private static HostStatus host(String key, JsonNode h) {
        int id = h.path("host-id").asInt(parseInt(key));
        String extra = h.path("extra").asText("");
        return new HostStatus(id, h.path("hostname").asText(""), h.path("host-ts").asLong(0), h.path("score").asInt(0),
                engine(h.get("engine-status")), h.path("maintenance").asBoolean(false), h.path("stopped").asBoolean(false),
                h.path("crc32").asText(""), h.path("conf_on_shared_storage").asBoolean(true),
                h.path("local_conf_timestamp").asLong(0), extra, h.path("live-data").asBoolean(true), agentState(extra));
    }

    /** The object, or (older clients) the same object as a JSON string; anything else is unknown. */
    private static EngineStatus engine(JsonNode node) {
        try {
            if (node != null && node.isTextual()) node = JSON.readTree(node.asText());
        } catch (Exception e) {
            return EngineStatus.UNKNOWN;
        }
        if (node == null || !node.isObject()) return EngineStatus.UNKNOWN;
        JsonNode reason = node.get("reason");
        return new EngineStatus(node.path("vm").asText("unknown"), node.path("health").asText("unknown"),
                node.path("detail").asText("unknown"), reason == null || reason.isNull() ? null : reason.asText());
    }

    private static String agentState(String extra) {
        for (String line : extra.split("\n")) {
            if (line.startsWith("state=")) return line.substring("state=".length()).strip();
        }
        return "";
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
