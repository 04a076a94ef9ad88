package hostedengine.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The simulator's pause is the real role's tasks/pause_execution.yml: the same task names, module
 * arguments and timeout, after the same debug tasks (read as text: no Ansible run needed; the
 * runs themselves are in deploy/RunPauseTest).
 */
class SimulatorPauseContractTest {
    static final Path ROLE = Path.of("/usr/lib/python3/dist-packages/ansible_collections/ovirt/ovirt/roles/hosted_engine_setup");
    static final Path SIMULATOR = AnsiblePlaybook.PLAYBOOKS.resolve("roles/hosted_engine_simulator");
    static final Pattern NAME = Pattern.compile("^\\s*- name: (.+)$", Pattern.MULTILINE);

    @Test
    void theSimulatorsLockFileAndWaitAreTheRolesOwn() throws IOException {
        Required.tool(Files.isDirectory(ROLE), "the ovirt.ovirt role (" + ROLE + ")", "ansible");
        String real = Files.readString(ROLE.resolve("tasks/pause_execution.yml"));
        String simulated = Files.readString(SIMULATOR.resolve("tasks/step_pause_execution.yml"));
        assertThat(names(simulated)).containsExactlyElementsOf(names(real));
        // every simulated pause plays that file: the role's pauses in bootstrap_local_vm, and the one after a failed restore
        assertThat(Files.readString(SIMULATOR.resolve("tasks/step_pause.yml")))
                .contains("ansible.builtin.import_tasks: step_pause_execution.yml");
        assertThat(Files.readString(SIMULATOR.resolve("tasks/step_restore_pause.yml")))
                .contains("ansible.builtin.include_tasks: step_pause_execution.yml");
        for (String line : List.of("suffix: _he_setup_lock", "delegate_to: localhost", "register: he_setup_lock_file",
                "state: absent", "timeout: 86400", "path: \"{{ he_setup_lock_file.path }}\"")) {
            assertThat(real).as("role").contains(line);
            assertThat(simulated).as("simulator").contains(line);
        }
    }

    @Test
    void everyDebugTaskBeforeASimulatedPauseIsTheRolesAndPrecedesItsInclude() throws IOException {
        Required.tool(Files.isDirectory(ROLE), "the ovirt.ovirt role (" + ROLE + ")", "ansible");
        String bootstrap = Files.readString(ROLE.resolve("tasks/bootstrap_local_vm/03_engine_initial_tasks.yml"))
                + Files.readString(ROLE.resolve("tasks/bootstrap_local_vm/05_add_host.yml"));
        String simulator = Files.readString(SIMULATOR.resolve("vars/main/simulator.yml"));
        Matcher pauses = Pattern.compile("^    \"(.+)\": (before_engine_setup|host|failed_add_host)$", Pattern.MULTILINE)
                .matcher(simulator);
        int found = 0;
        while (pauses.find()) {
            found++;
            String debug = "- name: " + pauses.group(1) + "\n";
            int at = bootstrap.indexOf(debug);
            assertThat(at).as(pauses.group(1)).isNotNegative();
            String after = bootstrap.substring(at, Math.min(bootstrap.length(), at + 600));
            assertThat(after).as("the include after " + pauses.group(1)).contains("include_tasks: ../pause_execution.yml");
        }
        assertThat(found).isEqualTo(3);
    }

    private static List<String> names(String yaml) {
        return NAME.matcher(yaml).results().map(m -> m.group(1).strip()).toList();
    }
}
