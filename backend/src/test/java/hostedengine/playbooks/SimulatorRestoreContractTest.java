package hostedengine.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's restore is the real role's: the tasks of restore_backup.yml and
 * restore_host_redeploy.yml (listed through list_tasks.yml) are those of the generated
 * vars/main/restore.yml, in order; the restore runs where 03_engine_initial_tasks.yml includes it;
 * restore_host_redeploy.yml runs once per item of its include's loop; the pause after a failed
 * restore has the role's condition and message. A drift fails here until
 * tools/generate_tasks.py is run again (or the simulator taught the new shape).
 */
class SimulatorRestoreContractTest {
    static final Path ROLE = SimulatorPauseContractTest.ROLE;
    static final Path SIMULATOR = SimulatorPauseContractTest.SIMULATOR;
    static final String PAUSE_BEFORE_ENGINE_SETUP = "Allow the user to connect to the bootstrap engine VM and change configuration";

    @BeforeEach
    void roleIsInstalled() {
        Required.tool(Files.isDirectory(ROLE), "the ovirt.ovirt role (" + ROLE + ")", "ansible");
    }

    @Test
    void restoreTaskNamesAreTheRealRolesInTheRealOrder() throws IOException {
        Restore generated = Restore.read();
        assertThat(generated.tasks.get("restore_backup"))
                .containsExactlyElementsOf(AnsiblePlaybook.listRealTasks("list_restore_backup"));
        assertThat(generated.tasks.get("restore_host_redeploy"))
                .containsExactlyElementsOf(AnsiblePlaybook.listRealTasks("list_restore_host_redeploy"));
    }

    @Test
    void theRestoreRunsRightAfterThePauseBeforeEngineSetupAsIn03EngineInitialTasks() throws IOException {
        Restore generated = Restore.read();
        List<String> bootstrap = PlaybookContractTest.simulatorTasks().get("bootstrap_local_vm");
        assertThat(bootstrap.get(generated.includeIndex)).isEqualTo("include_tasks");
        assertThat(bootstrap.get(generated.includeIndex - 1)).isEqualTo("include_tasks");
        assertThat(bootstrap.get(generated.includeIndex - 2)).isEqualTo(PAUSE_BEFORE_ENGINE_SETUP);

        String initial = Files.readString(ROLE.resolve("tasks/bootstrap_local_vm/03_engine_initial_tasks.yml"));
        String fromPause = initial.substring(initial.indexOf("- name: " + PAUSE_BEFORE_ENGINE_SETUP + "\n"));
        List<String> includes = Pattern.compile("include_tasks: (\\S+)").matcher(fromPause).results().map(m -> m.group(1)).toList();
        assertThat(includes).startsWith("../pause_execution.yml", "../restore_backup.yml");
        String restoreBlock = fromPause.substring(fromPause.indexOf("../pause_execution.yml"), fromPause.indexOf("rescue:"));
        assertThat(names(restoreBlock)).containsExactly("Restore a backup");
        assertThat(restoreBlock).contains("when: he_restore_from_file is defined and he_restore_from_file");
    }

    @Test
    void restoreHostRedeployRunsOncePerItemOfItsIncludesLoop() throws IOException {
        Restore generated = Restore.read();
        String backup = Files.readString(ROLE.resolve("tasks/restore_backup.yml"));
        String include = backup.substring(backup.indexOf("- name: " + generated.hostRedeployInclude + "\n"));
        include = include.substring(0, include.indexOf("\n- name:", 1));
        assertThat(include).contains("include_tasks: restore_host_redeploy.yml").contains("loop:");
        assertThat(Pattern.compile("^    - \\{", Pattern.MULTILINE).matcher(include).results().count())
                .isEqualTo(generated.hostRedeployRounds);
    }

    @Test
    void theSimulatorsRestoreStepFilesNameRealRestoreTasks() throws IOException {
        Restore generated = Restore.read();
        String simulator = Files.readString(SIMULATOR.resolve("vars/main/simulator.yml"));
        String files = simulator.substring(simulator.indexOf("he_sim_restore_step_files:\n"));
        files = files.substring(0, files.indexOf("\n\n"));
        List<String> named = Pattern.compile("^  \"(.+)\": step_restore_\\w+\\.yml$", Pattern.MULTILINE).matcher(files)
                .results().map(m -> m.group(1)).toList();
        assertThat(named).hasSize(9);
        List<String> all = new ArrayList<>(generated.tasks.get("restore_backup"));
        all.addAll(generated.tasks.get("restore_host_redeploy"));
        assertThat(all).containsAll(named);
    }

    @Test
    void afterAFailedRestoreTheSimulatorPausesUnderTheRolesConditionWithTheRolesMessage() throws IOException {
        String backup = Files.readString(ROLE.resolve("tasks/restore_backup.yml"));
        for (String line : List.of("register: engine_restore_out", "ignore_errors: true", "when: engine_restore_out.rc != 0",
                "- include_tasks: pause_execution.yml")) {
            assertThat(backup).as("role").contains(line);
        }
        String run = Files.readString(SIMULATOR.resolve("tasks/step_restore_run.yml"));
        assertThat(run).contains("register: engine_restore_out", "ignore_errors: true");
        for (String file : List.of("step_restore_failure_notice.yml", "step_restore_pause.yml")) {
            assertThat(Files.readString(SIMULATOR.resolve("tasks/" + file))).as(file).contains("when: engine_restore_out.rc != 0");
        }

        String roleMessage = folded(backup, "        msg: >-\n", 10)
                .replace("{{ hostvars[he_ansible_host_name]['local_vm_ip']['stdout_lines'][0] }}", "{{ he_sim_local_vm_ip }}");
        String simulatorMessage = folded(Files.readString(SIMULATOR.resolve("vars/main/simulator.yml")), "he_sim_failed_restore_message: >-\n", 2);
        assertThat(simulatorMessage).isEqualTo(roleMessage).contains("{{ engine_restore_out.stderr }}");
    }

    /** A folded block scalar after {@code head}, indented {@code indent}: its paragraphs, words single-spaced. */
    private static String folded(String yaml, String head, int indent) {
        int at = yaml.indexOf(head);
        assertThat(at).as(head).isNotNegative();
        List<String> paragraphs = new ArrayList<>();
        var paragraph = new StringBuilder();
        for (String line : yaml.substring(at + head.length()).split("\n", -1)) {
            if (line.isBlank()) {
                paragraphs.add(paragraph.toString().strip());
                paragraph.setLength(0);
            } else if (line.length() - line.stripLeading().length() >= indent) {
                paragraph.append(' ').append(line.strip());
            } else {
                break;
            }
        }
        paragraphs.add(paragraph.toString().strip());
        return String.join("\n", paragraphs).replaceAll(" +", " ").strip();
    }

    private static List<String> names(String yaml) {
        return Pattern.compile("^\\s*- name: (.+)$", Pattern.MULTILINE).matcher(yaml).results().map(m -> m.group(1).strip()).toList();
    }

    /** The generated vars/main/restore.yml. */
    record Restore(Map<String, List<String>> tasks, int includeIndex, String hostRedeployInclude, int hostRedeployRounds) {
        static final Pattern LIST = Pattern.compile("^  ([a-z_]+):$");
        static final Pattern NAME = Pattern.compile("^    - (\".*\")$");

        static Restore read() throws IOException {
            List<String> lines = Files.readAllLines(SIMULATOR.resolve("vars/main/restore.yml"));
            Map<String, List<String>> tasks = new LinkedHashMap<>();
            List<String> current = null;
            boolean inTasks = false;
            for (String line : lines) {
                if (!line.startsWith(" ") && !line.startsWith("#")) inTasks = line.equals("he_sim_restore_tasks:");
                Matcher list = LIST.matcher(line);
                Matcher name = NAME.matcher(line);
                if (inTasks && list.matches()) {
                    current = new ArrayList<>();
                    tasks.put(list.group(1), current);
                } else if (inTasks && name.matches() && current != null) {
                    current.add(AnsiblePlaybook.JSON.readValue(name.group(1), String.class));
                }
            }
            return new Restore(tasks, Integer.parseInt(value(lines, "he_sim_restore_include_index: ")),
                    AnsiblePlaybook.JSON.readValue(value(lines, "  include: "), String.class),
                    Integer.parseInt(value(lines, "  rounds: ")));
        }

        private static String value(List<String> lines, String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("vars/main/restore.yml has no " + prefix.strip())).substring(prefix.length());
        }
    }
}
