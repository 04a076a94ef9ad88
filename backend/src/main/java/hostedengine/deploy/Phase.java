package hostedengine.deploy;

import java.util.List;

/**
 * What a run runs: its kind. Each constant names its playbook (a file of the playbooks
 * directory), its steps, and how it shares the host with other runs. A step of a tagged
 * kind is one role tag ({@code --tags STEP --skip-tags always}, FIELDS.md, "Flow"); a kind
 * without tags runs its whole playbook as one step named after the file. A new kind (a day-2
 * operation) is one more constant here, plus its titles in the message bundles.
 */
public enum Phase {
    PREPARE_VM(Sharing.EXCLUSIVE, Phase.TRIGGER, "initial_clean", "bootstrap_local_vm"),
    FINISH(Sharing.EXCLUSIVE, Phase.TRIGGER, "create_storage_domain", "create_target_vm", "final_clean"),
    ISCSI_DISCOVER(Sharing.BESIDE_EACH_OTHER, Phase.TRIGGER, "iscsi_discover"),
    ISCSI_GETDEVICES(Sharing.BESIDE_EACH_OTHER, Phase.TRIGGER, "iscsi_getdevices"),
    FC_GETDEVICES(Sharing.BESIDE_EACH_OTHER, Phase.TRIGGER, "fc_getdevices"),
    NETWORK_INTERFACES(Sharing.READ_ONLY, Phase.TRIGGER, "get_network_interfaces"),
    VALIDATE_HOSTNAMES(Sharing.READ_ONLY, Phase.TRIGGER, "validate_hostnames"),
    HOST_FACTS(Sharing.READ_ONLY, "host_facts.yml"),
    // Day 2, through the deployed engine's API (guide 5.5–5.7, 7.2.4): each step is one engine task
    // (hostedengine.engineops), not a playbook, but a run like any other.
    ADD_HOST(Sharing.ENGINE, null, "add_host"),
    REINSTALL_HOST(Sharing.ENGINE, null, "reinstall_host"),
    REMOVE_HOST(Sharing.ENGINE, null, "deactivate_host", "undeploy_hosted_engine", "remove_host"),
    FORCE_REMOVE_HOST(Sharing.ENGINE, null, "confirm_rebooted", "remove_host"),
    // Guide 6.3.5: the hosts updated one at a time with the engine's upgrade action (docs/engine.md).
    UPGRADE_HOSTS(Sharing.ENGINE, null, "upgrade_hosts"),
    // Day 2, on the engine VM over SSH (guide 7.1): a playbook of ours, the run's target the engine VM.
    ENGINE_BACKUP(Sharing.ENGINE_VM, "engine_backup.yml"),
    // Guide 5.3: engine-upgrade-check on the engine VM, which changes nothing there.
    ENGINE_UPGRADE_CHECK(Sharing.ENGINE_VM, "engine_upgrade_check.yml"),
    // Guide 5.3: the engine's update, on the engine VM with the hosted-engine steps on the deployment host.
    ENGINE_UPDATE(Sharing.ENGINE_VM, "engine_update.yml");

    /** The trigger playbook that runs the role one tag at a time (playbooks/README.md). */
    static final String TRIGGER = "hosted_engine.yml";

    /** How many ended runs of each read-only kind are kept: they come by the dozen and change nothing. */
    public static final int READ_ONLY_KEPT = 20;

    /** How a kind shares the host with the runs already running. */
    public enum Sharing {
        /** A deployment: at most one at a time per host, and nothing but read-only runs beside it. */
        EXCLUSIVE,
        /** Discovery: logs in to storage through the bootstrap engine, so never during a deployment; beside each other. */
        BESIDE_EACH_OTHER,
        /** Reads the host and changes nothing: runs beside anything, even a deployment. */
        READ_ONLY,
        /**
         * Changes the engine's hosts through its API: one at a time (two adds of one host must not
         * race), and never during a deployment (which makes the engine).
         */
        ENGINE,
        /**
         * Works on the engine VM over SSH (a backup): one at a time, never during a deployment,
         * and always given the engine VM as its target, never the deployment host.
         */
        ENGINE_VM
    }

    private final Sharing sharing;
    private final String playbook;
    private final List<String> tags;
    private final boolean tagged;

    /** @param playbook the playbook's file; null for an engine task, whose steps are its tasks */
    Phase(Sharing sharing, String playbook, String... tags) {
        this.sharing = sharing;
        this.playbook = playbook;
        this.tagged = playbook != null && tags.length > 0;
        this.tags = tags.length > 0 ? List.of(tags) : List.of(playbook.replaceFirst("\\.ya?ml$", ""));
    }

    /** True for a day-2 kind whose steps are engine tasks (hostedengine.engineops), run by the JVM, not Ansible. */
    public boolean engineTask() { return sharing == Sharing.ENGINE; }

    /** True for a day-2 kind that runs a playbook on the engine VM (its target is given at start). */
    public boolean onEngineVm() { return sharing == Sharing.ENGINE_VM; }

    /** True for the deployment chain (Prepare VM, Finish): at most one at a time per host. */
    public boolean deployment() { return sharing == Sharing.EXCLUSIVE; }

    /** True for kinds that only read the host: never in conflict, and only the last few are kept. */
    public boolean readOnly() { return sharing == Sharing.READ_ONLY; }

    public Sharing sharing() { return sharing; }

    /** True when a run of this kind may not start while one of {@code running} runs (and the other way round). */
    public boolean conflictsWith(Phase running) {
        if (readOnly() || running.readOnly()) return false;
        if (engineTask() && running.engineTask()) return true;
        if (onEngineVm() && running.onEngineVm()) return true;
        // An engine update and a host run (an update of the hosts among them) never overlap.
        if (this == ENGINE_UPDATE && running.engineTask() || running == ENGINE_UPDATE && engineTask()) return true;
        return deployment() || running.deployment();
    }

    /** The playbook's file name in the playbooks directory; null for an engine task. */
    public String playbook() { return playbook; }

    /**
     * The run's steps, in order: the role tags of a tagged kind, else the one step that runs the
     * whole playbook (named after it). Each step is one {@code <n>-<step>} directory of the run.
     */
    public List<String> tags() { return tags; }

    /** True when each step is passed to Ansible as {@code --tags STEP --skip-tags always}. */
    public boolean tagged() { return tagged; }

    /** How many ended runs of this kind are kept; 0 keeps them all (deployments and discoveries). */
    public int kept() { return readOnly() ? READ_ONLY_KEPT : 0; }
}
