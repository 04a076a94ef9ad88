package hostedengine.deploy;

import java.util.List;

/** A phase and the role tags it runs, in order (FIELDS.md, "Flow"). */
public enum Phase {
    PREPARE_VM(true, "initial_clean", "bootstrap_local_vm"),
    FINISH(true, "create_storage_domain", "create_target_vm", "final_clean"),
    ISCSI_DISCOVER(false, "iscsi_discover"),
    ISCSI_GETDEVICES(false, "iscsi_getdevices"),
    FC_GETDEVICES(false, "fc_getdevices"),
    NETWORK_INTERFACES(false, "get_network_interfaces"),
    VALIDATE_HOSTNAMES(false, "validate_hostnames");

    private final boolean deployment;
    private final List<String> tags;

    Phase(boolean deployment, String... tags) {
        this.deployment = deployment;
        this.tags = List.of(tags);
    }

    /** True for the deployment chain (Prepare VM, Finish): at most one at a time per host. */
    public boolean deployment() { return deployment; }

    public List<String> tags() { return tags; }
}
