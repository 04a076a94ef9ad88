package hostedengine.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SIMULATOR ONLY — a test double of DNS. In simulation ({@code --simulate}) the simulator's
 * {@code validate_hostnames} and the pre-flight name checks look names up here first, then in
 * the real resolver, so the documentation names the README and the browser tests use resolve
 * without a DNS server. Real mode never reads it. The file is {@code <state>/simulator/hosts}, in
 * /etc/hosts format; a line may name {@code *.example.com} for every name under that domain not
 * listed on its own line. Reverse lookups give the first name of the address's line (for a
 * wildcard line: the name asked about).
 */
public final class SimulatedNameTable implements NameResolver {
    /** A name kept out of the table on purpose: checks of it fail ("does not resolve"). */
    public static final String UNRESOLVABLE = "unresolvable.example.com";
    /** Resolves, but its address maps back to another name: a pre-flight warning. */
    public static final String NO_REVERSE = "noreverse.example.com";

    private final Path file;
    private final NameResolver fallback;

    public SimulatedNameTable(Path file, NameResolver fallback) {
        this.file = file;
        this.fallback = fallback;
    }

    public Path file() { return file; }

    /**
     * Writes the table if there is none yet: the example names, and this host's name on an address
     * of its own (as DNS on a prepared hypervisor would have it).
     */
    public void seedIfMissing(String hostFqdn, Optional<String> hostAddress) throws IOException {
        if (Files.exists(file)) return;
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("""
                # SIMULATED NAME TABLE: a test double of DNS, read only in simulation (--simulate) by the
                # simulator's validate_hostnames and the pre-flight checks, before the real resolver.
                # /etc/hosts format; "*.example.com" stands for every other name under example.com.
                # %s is deliberately absent: checks of it fail. Names ending in .invalid never resolve.
                # %s resolves, but its address maps back to another name: a pre-flight warning.
                192.0.2.77   other.example.com %s
                192.0.2.10   *.example.com *.example.org *.example.net
                """.formatted(UNRESOLVABLE, NO_REVERSE, NO_REVERSE));
        if (hostAddress.isPresent() && !hostFqdn.isBlank() && !hostFqdn.equals("localhost")) {
            text.append("# this host, on its default-route interface\n")
                    .append(hostAddress.get()).append("   ").append(hostFqdn).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public List<String> forward(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals(UNRESOLVABLE) || n.endsWith(".invalid")) return List.of();
        Map<String, List<String>> table = read();
        if (table.containsKey(n)) return table.get(n);
        for (var e : table.entrySet()) {
            if (e.getKey().startsWith("*.") && n.endsWith(e.getKey().substring(1))) return e.getValue();
        }
        return fallback.forward(name);
    }

    @Override
    public Optional<String> reverse(String address) {
        for (String line : lines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 2 && f[0].equals(address)) return Optional.of(f[1]);
        }
        return fallback.reverse(address);
    }

    /** Reverse lookup of the address a name resolved to: a wildcard line gives the name back. */
    @Override
    public Optional<String> reverseOf(String name, String address) {
        for (String line : lines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 2 && f[0].equals(address)) {
                return Optional.of(f[1].startsWith("*.") ? name.toLowerCase(Locale.ROOT) : f[1]);
            }
        }
        return fallback.reverse(address);
    }

    private Map<String, List<String>> read() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (String line : lines()) {
            String[] f = line.split("\\s+");
            for (int i = 1; i < f.length; i++) {
                table.computeIfAbsent(f[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f[0]);
            }
        }
        return table;
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(l -> l.replaceFirst("#.*$", "").strip()).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
