package hostedengine.deploy;

import java.util.Map;

/**
 * How many tasks a tag is expected to run, for the progress bar. The real role reaches
 * most of its tasks through dynamic includes, so this is an estimate: the number of task
 * lines {@code --list-tasks} shows for the tag (ENVIRONMENT.md, collection 2.4.1), which is
 * exactly what the simulator runs; a real run may run more or fewer.
 */
public final class ExpectedTasks {
    private static final Map<String, Integer> LISTED = Map.of(
            "initial_clean", 23, "bootstrap_local_vm", 149, "create_storage_domain", 29,
            "create_target_vm", 122, "final_clean", 10, "iscsi_discover", 5, "iscsi_getdevices", 5,
            "fc_getdevices", 4, "get_network_interfaces", 39, "validate_hostnames", 30);

    private ExpectedTasks() {}

    public static int of(String tag) { return LISTED.getOrDefault(tag, 1); }
}
