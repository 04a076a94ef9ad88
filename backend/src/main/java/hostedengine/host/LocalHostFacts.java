package hostedengine.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;

import java.io.File;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the facts of the machine the server runs on, the same way the role measures them,
 * so that the wizard's limits and the role's pre-checks never disagree. The parsing is
 * split into pure functions over the files' text, tested with fixed samples.
 */
public final class LocalHostFacts {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalHostFacts() {}

    /** An IPv4 default route: the gateway and the interface it leaves through. */
    public record DefaultRoute(String gateway, String nic) {}

    public static HostFacts read(RoleDefaults role) {
        Optional<DefaultRoute> route = parseDefaultRoute(readOrEmpty(Path.of("/proc/net/route")));
        return new HostFacts(
                countProcessors(readOrEmpty(Path.of("/proc/cpuinfo"))),
                availableMemoryMb(readOrEmpty(Path.of("/proc/meminfo")), role),
                nics(),
                route.map(DefaultRoute::gateway),
                route.map(DefaultRoute::nic),
                hostFqdn(),
                new File("/var/tmp").getUsableSpace(),
                role);
    }

    // ---- pure parsing ------------------------------------------------------------------

    /**
     * vCPUs as the role counts them: {@code grep -c ^processor /proc/cpuinfo}
     * (tasks/pre_checks/validate_vcpus_count.yml).
     */
    public static int countProcessors(String cpuinfo) {
        return (int) cpuinfo.lines().filter(line -> line.startsWith("processor")).count();
    }

    /**
     * Memory the engine VM may take, in MiB, exactly as tasks/pre_checks/validate_memory_size.yml
     * computes {@code max_mem}: {@code free -m} column 4 (free) + column 6 (buff/cache)
     * − he_reserved_memory_MB + he_avail_memory_grace_MB. procps' free takes "free" from
     * MemFree and "buff/cache" from Buffers + Cached + SReclaimable, and {@code -m} truncates
     * each column to whole MiB separately; we do the same so the sums match to the MiB.
     */
    public static long availableMemoryMb(String meminfo, RoleDefaults role) {
        Map<String, Long> kib = parseMeminfoKib(meminfo);
        long freeMb = kib.getOrDefault("MemFree", 0L) / 1024;
        long buffCacheMb = (kib.getOrDefault("Buffers", 0L)
                + kib.getOrDefault("Cached", 0L)
                + kib.getOrDefault("SReclaimable", 0L)) / 1024;
        return freeMb + buffCacheMb - role.reservedMemoryMb() + role.memoryGraceMb();
    }

    /** /proc/meminfo as name → KiB. */
    static Map<String, Long> parseMeminfoKib(String meminfo) {
        return meminfo.lines()
                .map(line -> line.split(":\\s*", 2))
                .filter(parts -> parts.length == 2)
                .filter(parts -> parts[1].trim().split("\\s+")[0].matches("\\d+"))
                .collect(Collectors.toMap(parts -> parts[0],
                        parts -> Long.parseLong(parts[1].trim().split("\\s+")[0]),
                        (a, b) -> a));
    }

    /**
     * NICs from {@code ip -j addr show}: interfaces that are up and not loopback, with
     * their global and site addresses in CIDR form. Link-local IPv6 addresses (fe80::/10) are
     * left out: no engine VM address can share their subnet.
     */
    public static List<Nic> parseIpAddrJson(String json) throws IOException {
        List<Nic> nics = new ArrayList<>();
        for (JsonNode link : JSON.readTree(json)) {
            Set<String> flags = new HashSet<>();
            link.path("flags").forEach(f -> flags.add(f.asText()));
            if (flags.contains("LOOPBACK") || !flags.contains("UP")) continue;
            if ("DOWN".equals(link.path("operstate").asText())) continue;
            List<String> addresses = new ArrayList<>();
            for (JsonNode a : link.path("addr_info")) {
                String family = a.path("family").asText();
                if (!family.equals("inet") && !family.equals("inet6")) continue;
                if ("link".equals(a.path("scope").asText())) continue;
                addresses.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
            }
            nics.add(new Nic(link.path("ifname").asText(), addresses));
        }
        return nics;
    }

    /**
     * The IPv4 default route from /proc/net/route: destination and mask 0, flags UP and
     * GATEWAY, lowest metric first. Addresses there are hex in the kernel's (little-endian)
     * byte order: "010200C0" is 192.0.2.1.
     */
    public static Optional<DefaultRoute> parseDefaultRoute(String procNetRoute) {
        DefaultRoute best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : procNetRoute.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) continue;
            try {
                int flags = Integer.parseInt(f[3], 16);
                boolean upWithGateway = (flags & 0x3) == 0x3; // RTF_UP | RTF_GATEWAY
                long metric = Long.parseLong(f[6]);
                if (f[1].equals("00000000") && f[7].equals("00000000") && upWithGateway && metric < bestMetric) {
                    best = new DefaultRoute(littleEndianHexToIpv4(f[2]), f[0]);
                    bestMetric = metric;
                }
            } catch (NumberFormatException notARouteLine) {
                // skip it
            }
        }
        return Optional.ofNullable(best);
    }

    static String littleEndianHexToIpv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    // ---- reading the machine -----------------------------------------------------------

    /** {@code ip -j addr show}, or java.net.NetworkInterface when iproute2 is missing or too old. */
    public static List<Nic> nics() {
        Optional<String> ipJson = Command.output(COMMAND_TIMEOUT, "ip", "-j", "addr", "show");
        if (ipJson.isPresent()) {
            try {
                return parseIpAddrJson(ipJson.get());
            } catch (IOException notJson) {
                // iproute2 before 4.13 has no -j: fall through
            }
        }
        return nicsFromJava();
    }

    static List<Nic> nicsFromJava() {
        List<Nic> nics = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) continue;
                List<String> addresses = new ArrayList<>();
                for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                    InetAddress a = ia.getAddress();
                    if (a.isLinkLocalAddress()) continue;
                    String text = a.getHostAddress();
                    if (a instanceof Inet6Address) text = text.replaceFirst("%.*$", "");
                    addresses.add(text + "/" + ia.getNetworkPrefixLength());
                }
                nics.add(new Nic(ni.getName(), addresses));
            }
        } catch (SocketException e) {
            return List.of();
        }
        nics.sort(java.util.Comparator.comparing(Nic::name));
        return nics;
    }

    /** {@code hostname --fqdn}, as the role and FIELDS.md use it; the JDK's idea when that fails. */
    public static String hostFqdn() {
        Optional<String> fqdn = Command.output(COMMAND_TIMEOUT, "hostname", "--fqdn").map(String::trim);
        if (fqdn.isPresent() && !fqdn.get().isEmpty()) return fqdn.get();
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
