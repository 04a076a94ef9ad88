package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostedEngineTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the product and {@code engine_update.yml}: every variable the product
 * writes is one the playbook reads, every one the playbook reads is written, defaulted in its
 * play or made by the playbook itself, and the task names the page's advice is keyed on are the
 * playbook's own. A renamed task or variable on either side fails here, not on an engine.
 */
class EngineUpdateContractTest {
    private static final Pattern VARIABLE = Pattern.compile("(?<![=\\w])he_[a-z0-9_]+\\b");
    private static final Pattern MADE_BY_PLAYBOOK = Pattern.compile("(?m)^\\s+(?:register: (he_[a-z0-9_]+)|(he_[a-z0-9_]+):)");
    private static final Pattern TASK_NAME = Pattern.compile("(?m)^\\s+- name: (.+)$");
    @TempDir Path state;

    private String playbook() throws Exception {
        return Files.readString(PlaybookFiles.unpack(state).resolve(Phase.ENGINE_UPDATE.playbook()));
    }

    @Test
    void theVariablesWrittenAreTheOnesThePlaybookReadsAndNoneIsLeftUnset() throws Exception {
        String playbook = playbook();
        Set<String> written = writtenVars();
        Set<String> read = new TreeSet<>();
        Matcher m = VARIABLE.matcher(playbook.replaceAll("(?m)^#.*$", ""));
        while (m.find()) read.add(m.group());
        Set<String> made = new TreeSet<>();
        Matcher d = MADE_BY_PLAYBOOK.matcher(playbook);
        while (d.find()) made.add(d.group(1) != null ? d.group(1) : d.group(2));

        assertThat(read).as("every variable the product writes is read by the playbook").containsAll(written);
        assertThat(made).as("the simulated engine VM's root and the waits have defaults in the play")
                .contains("he_engine_vm_root", "he_ha_tool", "he_ha_env", "he_update_poll_seconds", "he_update_wait_retries");
        Set<String> unset = new TreeSet<>(read);
        unset.removeAll(written);
        unset.removeAll(made);
        // The SSH passwords are named by the inventory only (EngineUpdateTarget), never by the playbook.
        assertThat(unset).as("read but neither written nor made by the playbook").isEmpty();
    }

    @Test
    void theStepsThePageExplainsAreThePlaybooksTaskNames() throws Exception {
        Set<String> tasks = new TreeSet<>();
        Matcher m = TASK_NAME.matcher(playbook());
        while (m.find()) tasks.add(m.group(1).strip());

        assertThat(tasks).containsAll(EngineUpdates.STEPS.keySet());
        assertThat(tasks).as("the task whose message says nothing was to update").contains("Say that there is nothing to update");
    }

    /** The variables EngineUpdates hands to a run, read back from a run it starts on the simulated engine VM. */
    private Set<String> writtenVars() throws Exception {
        try (var runs = new Runs(state, RunSettings.simulator(PlaybookFiles.unpack(state), 50))) {
            var vm = new EngineVm(state, java.time.Duration.ofSeconds(5), () -> java.util.Optional.of("engine.example.com"), null,
                    state.resolve("simulator/engine-vm"));
            var simulation = new BackupOperations.Simulation(state.resolve("playbooks/roles/hosted_engine_simulator/files/engine-backup"),
                    state.resolve("simulator/state.json"), state.resolve("simulator/engine-failures.json"));
            var audit = new AuditLog(state, Clock.systemUTC());
            var operations = new BackupOperations(runs, new BackupStore(state), vm,
                    () -> EngineBackupRunTest.engineRunningOn("host1.example.com"), audit, Clock.systemUTC(), simulation);
            var updates = new EngineUpdates(operations, runs, () -> new EngineUpdates.HaHost(AnsibleTarget.LOCAL,
                    HostedEngineTool.simulated(state.resolve("simulator/bin"), state.resolve("simulator/state.json"))),
                    state, audit, Clock.systemUTC(), EngineUpdates.Waits.SIMULATED);
            var started = (BackupOperations.Started) updates.start(new BackupOperations.Caller("user:root", "root", "192.0.2.1"),
                    new BackupOperations.Login("password", "Pw-1-engine-vm", "", ""), true);
            runs.awaitEnd(started.runId(), java.time.Duration.ofSeconds(60));
            Map<String, Object> vars = hostedengine.ansible.VarsFile.read(
                    state.resolve("runs").resolve(started.runId()).resolve("1-engine_update/vars.json"));
            Set<String> names = new TreeSet<>(vars.keySet());
            // What the run core adds to every run is not the product's contract with this playbook.
            names.removeIf(n -> n.equals("he_wizard_role") || n.startsWith("he_simulator_"));
            return names;
        }
    }
}
