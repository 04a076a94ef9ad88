package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's failure trigger file: read per tag, only for a task the simulator runs there, loud when wrong. */
class SimulatedRoleFailureTest {
    /** The checkout's playbooks (surefire runs in backend/). */
    private static final Path PLAYBOOKS = Path.of("..", "playbooks");

    @TempDir Path dir;

    private Map<String, Object> varsFor(String json, String tag) throws Exception {
        Path file = dir.resolve("role-failure.json");
        Files.writeString(file, json);
        return SimulatedRoleFailure.varsFor(file, PLAYBOOKS, tag);
    }

    @Test
    void aTaskOfTheTagFailsWithTheRolesOwnMessage() throws Exception {
        String json = "{\"task\": \"Check storage domain free space\", \"message\": \"Error: the target storage domain contains only 40GiB\"}";
        assertThat(varsFor(json, "create_storage_domain")).containsEntry("he_simulator_fail_at", "Check storage domain free space")
                .containsEntry("he_simulator_fail_msg", "Error: the target storage domain contains only 40GiB");
        assertThat(varsFor(json, "bootstrap_local_vm")).as("another tag runs as usual").isEmpty();
    }

    @Test
    void aTaskOfTheRestoreFailsBootstrapLocalVmAsTheRoleWould() throws Exception {
        var vars = varsFor("{\"task\": \"Run engine-backup\", \"message\": \"Database 'engine' is not empty\"}", "bootstrap_local_vm");
        assertThat(vars).containsEntry("he_simulator_fail_at", "Run engine-backup")
                .containsEntry("he_simulator_fail_msg", "Database 'engine' is not empty");
        assertThat(varsFor("{\"task\": \"Run engine-backup\"}", "initial_clean")).as("not a task of that tag").isEmpty();
    }

    @Test
    void aTagInTheFileKeepsATaskNameTwoTagsShareToOne() throws Exception {
        String json = "{\"tag\": \"create_target_vm\", \"task\": \"Check address resolution\", \"message\": \"Unable to resolve address\"}";
        assertThat(varsFor(json, "create_target_vm")).containsEntry("he_simulator_fail_at", "Check address resolution");
        assertThat(varsFor(json, "validate_hostnames")).as("the FQDN checks run the same task name").isEmpty();
    }

    @Test
    void aTaskTheSimulatorNeverRunsFailsTheTagSayingSo() throws Exception {
        var vars = varsFor("{\"task\": \"Check storage domian free space\"}", "initial_clean");
        assertThat(vars).containsEntry("he_simulator_fail_at", "Force facts gathering");
        assertThat((String) vars.get("he_simulator_fail_msg")).contains("Check storage domian free space")
                .contains("does not run");
        assertThat(varsFor("{\"task\": ", "initial_clean").get("he_simulator_fail_msg").toString()).contains("cannot be read");
    }

    @Test
    void noFileOrNoTaskMeansNoFailure() throws Exception {
        assertThat(varsFor("{}", "bootstrap_local_vm")).isEmpty();
        assertThat(SimulatedRoleFailure.varsFor(dir.resolve("absent.json"), PLAYBOOKS, "bootstrap_local_vm")).isEmpty();
        assertThat(SimulatedRoleFailure.varsFor(null, PLAYBOOKS, "bootstrap_local_vm")).isEmpty();
    }
}
