package hostedengine.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunOutcome;
import hostedengine.host.HostReadings.NicSource;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code playbooks/host_facts.yml} and the role's {@code get_network_interfaces} printed,
 * kept raw (that is what the cache file holds) and turned into {@link HostReadings} by pure
 * functions, tested with fixed samples.
 */
public final class HostFactsPlaybook {
    public static final String PLAYBOOK = "host_facts.yml";
    /** The facts playbook's task names, in its order; each one's stdout is kept. */
    static final List<String> TASKS = List.of("Count processors", "Read memory", "Read CPU virtualization flags",
            "Get full hostname", "Read network addresses", "Read default route", "Read free space for the local VM",
            "Read clock synchronization", "Read time zone", "Find deployment tools", "Find engine appliance",
            "Read proxy settings", "Look for an earlier deployment");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostFactsPlaybook() {}

    /**
     * The raw readings: each task's stdout (absent when the command failed), the role's
     * {@code otopi_host_net} (null when the role did not give it), and where they came from.
     */
    public record Raw(Map<String, String> stdout, List<String> hostNet, NicSource nicSource, String problem,
                      String readAt, String target, String localVmDirPath) {}

    /** The raw readings out of the two runs' outcomes. */
    static Raw raw(RunOutcome facts, RunOutcome nics, boolean simulator, Instant readAt, String target,
                   String localVmDirPath) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String task : TASKS) facts.stdout(task).ifPresent(s -> out.put(task, s));
        List<String> hostNet = hostNet(nics).orElse(null);
        NicSource source = hostNet == null ? NicSource.UNFILTERED : simulator ? NicSource.SIMULATOR : NicSource.ROLE;
        String problem = null;
        if (!facts.succeeded()) problem = "the facts playbook failed: " + facts.problem();
        else if (hostNet == null) problem = "get_network_interfaces gave no interfaces: "
                + nics.firstFailure().map(RunEvent::message).orElse(String.valueOf(nics.problem()));
        return new Raw(out, hostNet, source, problem, readAt.toString(), target, localVmDirPath);
    }

    /**
     * {@code otopi_host_net} as the role sets it (task "Filter unsupported interface types",
     * ansible_facts; the wizard_events callback lifts otopi_* values into the event's "otopi").
     */
    static Optional<List<String>> hostNet(RunOutcome nics) {
        if (!nics.succeeded()) return Optional.empty();
        Optional<Object> found = nics.lastOtopi("otopi_host_net").filter(v -> v instanceof List<?>);
        if (found.isEmpty()) return Optional.empty();
        List<String> names = new ArrayList<>();
        // The real role's set_fact gives names; a registered result may hold dicts with "item".
        for (Object n : (List<?>) found.get()) {
            names.add(n instanceof Map<?, ?> m ? String.valueOf(m.get("item")) : String.valueOf(n));
        }
        return Optional.of(names);
    }

    public static HostReadings readings(Raw raw, RoleDefaults role) {
        Map<String, String> s = raw.stdout();
        List<Nic> all = parseIpBrief(s.getOrDefault("Read network addresses", ""));
        List<Nic> nics = raw.hostNet() == null ? all
                : raw.hostNet().stream().map(name -> all.stream().filter(n -> n.name().equals(name)).findFirst()
                        .orElse(new Nic(name, List.of()))).toList();
        Optional<String[]> route = parseDefaultRoute(s.getOrDefault("Read default route", ""));
        Optional<Long> free = parseDfAvailable(s.getOrDefault("Read free space for the local VM", ""));
        HostFacts facts = new HostFacts(
                parseInt(s.getOrDefault("Count processors", "")),
                s.containsKey("Read memory") ? availableMemoryMb(s.get("Read memory"), role) : 0,
                nics,
                route.map(r -> r[0]),
                route.map(r -> r[1]),
                s.getOrDefault("Get full hostname", "").strip().isEmpty() ? "localhost" : s.get("Get full hostname").strip(),
                free.orElse(0L),
                role);
        return new HostReadings(facts,
                s.containsKey("Read CPU virtualization flags")
                        ? Optional.of(!s.get("Read CPU virtualization flags").isBlank()) : Optional.empty(),
                parseNtpSynchronized(s.getOrDefault("Read clock synchronization", "")),
                parseTimeZone(s.getOrDefault("Read clock synchronization", ""), s.getOrDefault("Read time zone", "")),
                s.containsKey("Find deployment tools") ? Optional.of(missingTools(s.get("Find deployment tools")))
                        : Optional.empty(),
                lines(s.getOrDefault("Find engine appliance", "")),
                parseProxyEnvironment(s.getOrDefault("Read proxy settings", "")),
                lines(s.getOrDefault("Look for an earlier deployment", "")),
                raw.localVmDirPath(), free, raw.nicSource(), raw.problem(), Instant.parse(raw.readAt()), raw.target());
    }

    // ---- pure parsing ------------------------------------------------------------------

    /**
     * Memory the engine VM may take, in MiB, as tasks/pre_checks/validate_memory_size.yml computes
     * {@code max_mem} from {@code free -m}: column 4 (free) + column 6 (buff/cache) − reserved + grace.
     */
    static long availableMemoryMb(String freeM, RoleDefaults role) {
        for (String line : freeM.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 7 && f[0].equals("Mem:")) {
                return Long.parseLong(f[3]) + Long.parseLong(f[5]) - role.reservedMemoryMb() + role.memoryGraceMb();
            }
        }
        return 0;
    }

    /**
     * {@code ip -br addr show}: "eth0@if5  UP  192.0.2.2/24 fd00::2/64 fe80::1/64". Interfaces that are
     * not DOWN and not lo, with their addresses; link-local IPv6 (fe80::/10) left out, as no engine VM
     * address can share its subnet.
     */
    static List<Nic> parseIpBrief(String text) {
        List<Nic> nics = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) continue;
            String name = f[0].replaceFirst("@.*$", "");
            if (name.equals("lo") || f[1].equals("DOWN")) continue;
            List<String> addresses = new ArrayList<>();
            for (int i = 2; i < f.length; i++) {
                if (!f[i].contains("/") || f[i].toLowerCase(Locale.ROOT).matches("fe[89ab][0-9a-f]:.*")) continue;
                addresses.add(f[i]);
            }
            nics.add(new Nic(name, addresses));
        }
        return nics;
    }

    /** {@code ip -j -4 route show default}: [gateway, device] of the first route with a gateway. */
    static Optional<String[]> parseDefaultRoute(String json) {
        try {
            for (JsonNode r : JSON.readTree(json.isBlank() ? "[]" : json)) {
                if (r.hasNonNull("gateway") && r.hasNonNull("dev")) {
                    return Optional.of(new String[] {r.get("gateway").asText(), r.get("dev").asText()});
                }
            }
        } catch (IOException notJson) {
            // an iproute2 without -j: no default gateway offered
        }
        return Optional.empty();
    }

    /** {@code df -P -B1 DIR}: the "Available" column of the data line. */
    static Optional<Long> parseDfAvailable(String df) {
        List<String> lines = df.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) return Optional.empty();
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        return f.length >= 4 && f[3].matches("\\d{1,19}") ? Optional.of(Long.parseLong(f[3])) : Optional.empty();
    }

    /** {@code timedatectl show -p NTPSynchronized}: "NTPSynchronized=yes". */
    static Optional<Boolean> parseNtpSynchronized(String timedatectl) {
        for (String line : timedatectl.lines().toList()) {
            if (line.startsWith("NTPSynchronized=")) return Optional.of(line.endsWith("=yes"));
        }
        return Optional.empty();
    }

    static String parseTimeZone(String timedatectl, String dateAndZone) {
        for (String line : timedatectl.lines().toList()) {
            if (line.startsWith("Timezone=")) return line.substring("Timezone=".length()).strip();
        }
        List<String> l = lines(dateAndZone);
        if (l.size() >= 2) return l.get(1).replaceFirst("^.*/zoneinfo/", "") + " (" + l.get(0) + ")";
        return l.isEmpty() ? "" : l.get(0);
    }

    /** "missing:NAME" lines of the tools task. */
    static List<String> missingTools(String text) {
        return lines(text).stream().filter(l -> l.startsWith("missing:")).map(l -> l.substring(8)).toList();
    }

    /** "http_proxy=..." lines, names lower-cased (curl and Python read both cases). */
    static Map<String, String> parseProxyEnvironment(String env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0) out.putIfAbsent(line.substring(0, eq).toLowerCase(Locale.ROOT), line.substring(eq + 1));
        }
        return out;
    }

    private static int parseInt(String text) {
        String t = text.strip();
        return t.matches("\\d{1,6}") ? Integer.parseInt(t) : 0;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
