package hostedengine.deploy;

import java.util.Map;

/**
 * How many tasks a tag is expected to run, for the progress bar. The real role reaches
 * most of its tasks through dynamic includes, so this is an estimate: the number of task
 * tasks {@code --list-tasks} names for the tag through playbooks/list_tasks.yml (collection 2.4.1), which is
 * exactly what the simulator runs; a real run may run more or fewer.
 */
public final class ExpectedTasks {
    private static final Map<String, Integer> LISTED = Map.of(
            "initial_clean", 22, "bootstrap_local_vm", 148, "create_storage_domain", 28,
            "create_target_vm", 121, "final_clean", 9, "iscsi_discover", 4, "iscsi_getdevices", 4,
            "fc_getdevices", 3, "get_network_interfaces", 38, "validate_hostnames", 29);

    private ExpectedTasks() {}

    public static int of(String tag) { return LISTED.getOrDefault(tag, 1); }
}
