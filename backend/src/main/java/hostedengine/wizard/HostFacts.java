package hostedengine.wizard;

import java.util.List;
import java.util.Optional;

/**
 * What the wizard needs to know about the host it deploys on: the limits and defaults
 * of the VM step. Read for real by {@code hostedengine.host}; built by hand in tests.
 *
 * @param vcpus             {@code ^processor} lines of /proc/cpuinfo, as the role counts them
 * @param availableMemoryMb free + buff/cache − reserved + grace, as the role's
 *                          pre_checks/validate_memory_size.yml computes it
 * @param nics              interfaces that can carry the management bridge, with their addresses
 * @param defaultGateway    the IPv4 default gateway, when there is one
 * @param defaultRouteNic   the interface of the default route, when there is one
 * @param hostFqdn          {@code hostname --fqdn}
 * @param varTmpFreeBytes   free space in /var/tmp, where the bootstrap VM is unpacked
 * @param role              defaults and limits read from the installed role
 */
public record HostFacts(
        int vcpus,
        long availableMemoryMb,
        List<Nic> nics,
        Optional<String> defaultGateway,
        Optional<String> defaultRouteNic,
        String hostFqdn,
        long varTmpFreeBytes,
        RoleDefaults role) {

    public HostFacts {
        nics = List.copyOf(nics);
    }

    /** A network interface and its addresses in CIDR form ("192.168.1.5/24", "fd00::5/64"). */
    public record Nic(String name, List<String> addresses) {
        public Nic { addresses = List.copyOf(addresses); }
    }

    public Optional<Nic> nic(String name) {
        return nics.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
