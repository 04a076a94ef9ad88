package hostedengine.preflight;

import hostedengine.host.HostReadings;
import java.util.List;
import java.util.Optional;

/**
 * What the pre-flight checks judge, gathered beforehand (host facts through Ansible, name
 * lookups, the hosted-engine tool): the checks themselves do no I/O.
 *
 * @param engineAddresses  what the Engine VM FQDN resolves to (empty: it does not resolve)
 * @param engineReverse    the name the first of those addresses maps back to, if any
 * @param hostAddresses    what the Host FQDN resolves to
 * @param bridgeIf         the chosen bridge interface
 * @param memoryRequestedMb the Engine VM's memory (he_mem_size_MB)
 * @param deployed         hosted-engine --check-deployed says a deployment exists (empty: could not tell)
 * @param simulated        the simulator runs deployments: hypervisor-only checks are answered by it
 * @param notConnectedHost the remote deployment host that could not be asked about an earlier deployment
 *                         (the wizard is not connected to it), if so
 */
public record PreflightInputs(
        HostReadings readings,
        String engineFqdn,
        List<String> engineAddresses,
        Optional<String> engineReverse,
        String hostFqdn,
        List<String> hostAddresses,
        String bridgeIf,
        long memoryRequestedMb,
        Optional<Boolean> deployed,
        boolean simulated,
        Optional<String> notConnectedHost) {

    public PreflightInputs {
        engineAddresses = List.copyOf(engineAddresses);
        hostAddresses = List.copyOf(hostAddresses);
        notConnectedHost = notConnectedHost == null ? Optional.empty() : notConnectedHost;
    }

    /** Inputs of a deployment host that could be asked. */
    public PreflightInputs(HostReadings readings, String engineFqdn, List<String> engineAddresses, Optional<String> engineReverse,
                           String hostFqdn, List<String> hostAddresses, String bridgeIf, long memoryRequestedMb,
                           Optional<Boolean> deployed, boolean simulated) {
        this(readings, engineFqdn, engineAddresses, engineReverse, hostFqdn, hostAddresses, bridgeIf, memoryRequestedMb,
                deployed, simulated, Optional.empty());
    }
}
