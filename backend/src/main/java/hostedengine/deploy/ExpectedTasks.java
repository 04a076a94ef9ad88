package hostedengine.deploy;

import java.util.Map;

/**
 * How many tasks a step (a tag, or an untagged playbook) is expected to run, for the progress bar. The real role reaches
 * most of its tasks through dynamic includes, so this is an estimate: the number of task
 * tasks {@code --list-tasks} names for the tag through playbooks/list_tasks.yml (collection 2.4.1), which is
 * exactly what the simulator runs; a real run may run more or fewer.
 */
public final class ExpectedTasks {
    private static final Map<String, Integer> LISTED = Map.ofEntries(
            Map.entry("initial_clean", 22), Map.entry("bootstrap_local_vm", 148), Map.entry("create_storage_domain", 28),
            Map.entry("create_target_vm", 121), Map.entry("final_clean", 9), Map.entry("iscsi_discover", 4),
            Map.entry("iscsi_getdevices", 4), Map.entry("fc_getdevices", 3), Map.entry("get_network_interfaces", 38),
            Map.entry("validate_hostnames", 29),
            // playbooks/host_facts.yml: all its tasks, no includes, so this one is exact
            Map.entry("host_facts", 13),
            // engine tasks (hostedengine.engineops): their tasks and the host states they usually pass
            Map.entry("add_host", 6), Map.entry("reinstall_host", 9), Map.entry("deactivate_host", 6),
            Map.entry("undeploy_hosted_engine", 8), Map.entry("remove_host", 4), Map.entry("confirm_rebooted", 3));

    private ExpectedTasks() {}

    public static int of(String tag) { return LISTED.getOrDefault(tag, 1); }
}
