package hostedengine.host;

import hostedengine.wizard.HostFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read about one host by the facts playbook and the role's get_network_interfaces:
 * the wizard's {@link HostFacts} (limits and defaults of the VM step) and what the pre-flight
 * checks need besides. An unknown reading is an empty Optional, never a guess.
 *
 * @param facts              the VM step's facts (NICs as the role filters them)
 * @param cpuVirtualization  the CPU shows vmx or svm
 * @param clockSynchronized  systemd's NTPSynchronized
 * @param timeZone           e.g. "Etc/UTC (UTC+0000)"
 * @param missingTools       deployment commands not found on the host (empty: all there)
 * @param appliances         engine appliance OVA files found under /usr/share/ovirt-engine-appliance
 * @param proxyEnvironment   http_proxy, https_proxy, no_proxy (lower-cased names) as the host's environment has them
 * @param earlierDeployment  traces of an earlier deployment: "config:PATH", "vm:NAME", "localvm:PATH"
 * @param localVmDirPath     the directory measured for the appliance ({@code he_local_vm_dir_path})
 * @param localVmDirFreeBytes free bytes there, when known
 * @param nicSource          who filtered the NIC list: the real role, the simulator, or nobody (the role failed)
 * @param problem            why part of the facts could not be read, or null
 * @param readAt             when the playbooks ran
 * @param target             the host, as an administrator reads it
 */
public record HostReadings(
        HostFacts facts,
        Optional<Boolean> cpuVirtualization,
        Optional<Boolean> clockSynchronized,
        String timeZone,
        Optional<List<String>> missingTools,
        List<String> appliances,
        Map<String, String> proxyEnvironment,
        List<String> earlierDeployment,
        String localVmDirPath,
        Optional<Long> localVmDirFreeBytes,
        NicSource nicSource,
        String problem,
        Instant readAt,
        String target) {

    /** Who decided which NICs can carry the management bridge. */
    public enum NicSource { ROLE, SIMULATOR, UNFILTERED }

    public HostReadings {
        appliances = List.copyOf(appliances);
        // A proxy URL's credentials are shown nowhere (the facts playbook masks them already; a cache may predate it).
        var withoutCredentials = new java.util.LinkedHashMap<String, String>();
        proxyEnvironment.forEach((k, v) -> withoutCredentials.put(k, withoutCredentials(v)));
        proxyEnvironment = Map.copyOf(withoutCredentials);
        earlierDeployment = List.copyOf(earlierDeployment);
    }

    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("://[^/@\\s]*@");

    /** {@code http://user:pass@proxy:3128} as {@code http://********@proxy:3128}. */
    public static String withoutCredentials(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceAll("://********@");
    }
}
