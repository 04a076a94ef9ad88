package hostedengine.preflight;

import hostedengine.host.HostReadings;
import hostedengine.wizard.HostFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-flight checks before Prepare VM, each decided from its inputs alone. Failures block
 * Prepare VM; warnings are shown and do not. Sources: the guide's prerequisites (ch. 2: names
 * resolving forward and back, 5 GB for the appliance, NTP), its troubleshooting chapter (ch. 3: an
 * existing or half-finished deployment, cleanup), and the role's own pre-checks (memory, CPU, proxy).
 */
public final class Preflight {
    /** The guide: "at least 5 GB" in the appliance's directory. */
    public static final long APPLIANCE_SPACE_BYTES = 5L * 1024 * 1024 * 1024;
    /** In the order the page lists them. */
    public static final List<String> IDS = List.of("engineFqdn", "hostFqdn", "diskSpace", "memory", "cpu", "clock",
            "tools", "appliance", "proxy", "deployment");

    private Preflight() {}

    public static List<Check> evaluate(PreflightInputs in) {
        HostReadings r = in.readings();
        List<Check> checks = new ArrayList<>();
        checks.add(engineFqdn(in.engineFqdn(), in.engineAddresses(), in.engineReverse(), hostAddresses(r.facts())));
        checks.add(hostFqdn(in.hostFqdn(), in.hostAddresses(), in.bridgeIf(), r.facts()));
        checks.add(diskSpace(r.localVmDirPath(), r.localVmDirFreeBytes()));
        checks.add(memory(r.facts().availableMemoryMb(), in.memoryRequestedMb()));
        checks.add(in.simulated() ? Check.simulated("cpu") : cpu(r.cpuVirtualization()));
        checks.add(clock(r.clockSynchronized(), r.timeZone()));
        checks.add(in.simulated() ? Check.simulated("tools") : tools(r.missingTools()));
        checks.add(in.simulated() ? Check.simulated("appliance") : appliance(r.appliances()));
        checks.add(proxy(r.proxyEnvironment(), in.engineFqdn()));
        checks.add(in.notConnectedHost().isPresent() ? notConnected(in.notConnectedHost().get())
                : deployment(in.deployed(), in.simulated() ? List.of() : r.earlierDeployment(), in.simulated()));
        return checks;
    }

    /** Forward to an address that is not this host's (failure otherwise); back to the same name (warning otherwise). */
    static Check engineFqdn(String fqdn, List<String> addresses, Optional<String> reverse, List<String> mine) {
        if (addresses.isEmpty()) return Check.failure("engineFqdn", "unresolvable", fqdn);
        for (String a : addresses) {
            if (mine.contains(a)) return Check.failure("engineFqdn", "resolvesToHost", fqdn, a);
        }
        String address = addresses.get(0);
        if (reverse.isEmpty()) return Check.warning("engineFqdn", "noReverse", fqdn, address);
        if (!sameName(reverse.get(), fqdn)) return Check.warning("engineFqdn", "reverseMismatch", fqdn, address, reverse.get());
        return Check.pass("engineFqdn", "ok", fqdn, address);
    }

    /** The host's name must resolve to an address on the chosen bridge interface. */
    static Check hostFqdn(String fqdn, List<String> addresses, String bridgeIf, HostFacts facts) {
        if (addresses.isEmpty()) return Check.failure("hostFqdn", "unresolvable", fqdn);
        List<String> onNic = facts.nic(bridgeIf).map(n -> n.addresses().stream().map(Preflight::bare).toList())
                .orElse(List.of());
        for (String a : addresses) {
            if (onNic.contains(a)) return Check.pass("hostFqdn", "ok", fqdn, a, bridgeIf);
        }
        return Check.failure("hostFqdn", "notOnNic", fqdn, String.join(", ", addresses), bridgeIf);
    }

    static Check diskSpace(String dir, Optional<Long> freeBytes) {
        if (freeBytes.isEmpty()) return Check.failure("diskSpace", "unknown", dir);
        String free = gib(freeBytes.get());
        if (freeBytes.get() < APPLIANCE_SPACE_BYTES) return Check.failure("diskSpace", "low", dir, free);
        return Check.pass("diskSpace", "ok", dir, free);
    }

    /** Memory as the role's validate_memory_size.yml counts it, against what the VM step asked for. */
    static Check memory(long availableMb, long requestedMb) {
        if (availableMb < requestedMb) return Check.failure("memory", "low", availableMb, requestedMb);
        return Check.pass("memory", "ok", availableMb, requestedMb);
    }

    static Check cpu(Optional<Boolean> virtualization) {
        if (virtualization.isEmpty()) return Check.warning("cpu", "unknown");
        return virtualization.get() ? Check.pass("cpu", "ok") : Check.failure("cpu", "missing");
    }

    static Check clock(Optional<Boolean> synchronized_, String timeZone) {
        if (synchronized_.isEmpty()) return Check.warning("clock", "unknown", timeZone);
        return synchronized_.get() ? Check.pass("clock", "ok", timeZone) : Check.warning("clock", "notSynchronized", timeZone);
    }

    static Check tools(Optional<List<String>> missing) {
        if (missing.isEmpty()) return Check.warning("tools", "unknown");
        if (!missing.get().isEmpty()) return Check.failure("tools", "missing", String.join(", ", missing.get()));
        return Check.pass("tools", "ok");
    }

    /** The role installs the appliance during the deployment when it is missing (it needs the repositories): a warning. */
    static Check appliance(List<String> files) {
        if (files.isEmpty()) return Check.warning("appliance", "missing");
        return Check.pass("appliance", "ok", String.join(", ", files));
    }

    /** The role fails when http(s)_proxy would be used for http(s)://he_fqdn/ (002_validate_hostname_tasks.yml). */
    static Check proxy(Map<String, String> env, String fqdn) {
        for (String name : List.of("https_proxy", "http_proxy")) {
            String proxy = env.getOrDefault(name, "");
            if (!proxy.isBlank() && !noProxyMatches(env.getOrDefault("no_proxy", ""), fqdn)) {
                return Check.failure("proxy", "applies", proxy, fqdn);
            }
        }
        return Check.pass("proxy", "ok", fqdn);
    }

    /** no_proxy as curl and Python read it: "*", an exact name, or a domain suffix (with or without a leading dot). */
    static boolean noProxyMatches(String noProxy, String fqdn) {
        String host = fqdn.toLowerCase(Locale.ROOT);
        for (String entry : noProxy.split(",")) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) continue;
            if (e.equals("*")) return true;
            String domain = e.startsWith(".") ? e.substring(1) : e;
            if (host.equals(domain) || host.endsWith("." + domain)) return true;
        }
        return false;
    }

    /** The guide, ch. 3: a deployed engine (go to the status page) or a half-finished one (clean up first). */
    static Check deployment(Optional<Boolean> deployed, List<String> traces, boolean simulated) {
        if (deployed.orElse(false)) return Check.failure("deployment", "deployed");
        if (!traces.isEmpty()) {
            return Check.failure("deployment", "traces", String.join(", ", traces.stream().map(t -> t.replaceFirst("^[a-z]+:", "")).toList()));
        }
        if (simulated) return Check.simulated("deployment");
        if (deployed.isEmpty()) return Check.warning("deployment", "unknown");
        return Check.pass("deployment", "ok");
    }

    /**
     * A remote deployment host the wizard is not connected to could not be asked: a failure (nothing
     * can be deployed there before connecting anyway), never this host's answer in its place.
     */
    static Check notConnected(String host) { return Check.failure("deployment", "hostNotConnected", host); }

    private static List<String> hostAddresses(HostFacts facts) {
        return facts.nics().stream().flatMap(n -> n.addresses().stream()).map(Preflight::bare).toList();
    }

    private static String bare(String cidr) { return cidr.replaceFirst("/.*$", ""); }

    private static boolean sameName(String a, String b) {
        return a.replaceFirst("\\.$", "").equalsIgnoreCase(b.replaceFirst("\\.$", ""));
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024 * 1024));
    }
}
