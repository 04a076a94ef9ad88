package hostedengine.web;

import hostedengine.host.HostFactsSource;
import hostedengine.host.HostnameChecks;
import hostedengine.preflight.PreflightService;
import java.util.function.Supplier;

/**
 * The web edge's view of the host checks: facts read through Ansible (with their Refresh) and the
 * role's FQDN checks, the pre-flight checks before Prepare VM.
 *
 * @param localVmDirPath the directory measured for the appliance ({@code he_local_vm_dir_path})
 */
public record HostParts(HostFactsSource facts, HostnameChecks names, Supplier<String> localVmDirPath,
                        PreflightService preflight) {}
