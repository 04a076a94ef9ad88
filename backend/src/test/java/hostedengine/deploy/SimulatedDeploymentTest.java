package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole deployment through the real ansible-playbook, the trigger playbook and the simulator role. */
class SimulatedDeploymentTest {
    @TempDir Path state;
    @TempDir Path localVmParent;
    Runs runs;

    @AfterEach void stop() { if (runs != null) runs.close(); }

    private Runs runs(Map<String, Object> simulatorVars) {
        runs = new Runs(state, RunSettings.simulator(PlaybookFiles.unpack(state), 50).withSimulatorVars(simulatorVars));
        return runs;
    }

    private Map<String, Object> vars() {
        var vars = new HashMap<String, Object>();
        vars.put("he_fqdn", "manager.example.com");
        vars.put("he_bridge_if", "eth0");
        vars.put("he_vm_mac_addr", "00:16:3e:12:34:56");
        vars.put("he_local_vm_dir_path", localVmParent.toString());
        vars.put("he_local_vm_dir_prefix", "localvm");
        vars.put("he_domain_type", "nfs");
        vars.put("he_storage_domain_addr", "storage.example.com");
        vars.put("he_storage_domain_path", "/exports/he");
        return vars;
    }

    private static Map<String, String> secrets(String password) {
        return Map.of("he_appliance_password", password, "he_admin_password", password);
    }

    /**
     * One whole deployment (a Prepare VM is most of this class's time), with a template-looking
     * password that must reach the role byte for byte and run nothing.
     */
    @Test
    void prepareVmThenFinishSucceedWithTheBootstrapDirectoryPassedOnAndATemplateLookingPasswordKeptLiteral() throws Exception {
        Path probe = Files.createDirectories(state.resolve("probe"));
        String password = "{{ lookup('pipe','touch " + state.resolve("pwned") + "') }}";
        var runs = runs(Map.of("he_simulator_probe_dir", probe.toString()));
        String prepare = runs.start(Phase.PREPARE_VM, "user:root", vars(), secrets(password));
        RunInfo prepared = awaitEnd(prepare);
        assertThat(prepared.status()).as(prepared.message()).isEqualTo(RunStatus.SUCCESSFUL);
        try (var files = Files.list(probe)) {
            var contents = files.map(SimulatedDeploymentTest::read).toList();
            assertThat(contents).as("the passwords as the role received them").hasSize(2).allMatch(password::equals);
        }
        assertThat(state.resolve("pwned")).doesNotExist();
        String localVmDir = prepared.localVmDir().orElseThrow();
        assertThat(Path.of(localVmDir)).isDirectory().startsWith(localVmParent);
        List<RunEvent> events = runs.page(prepare, 0, 100_000);
        assertThat(events).extracting(RunEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).filteredOn(e -> e.type().equals("task_start")).extracting(RunEvent::task)
                .contains("hosted_engine_simulator : Create directory for local VM");

        var finishVars = vars();
        finishVars.put("he_local_vm_dir", localVmDir);
        String finish = runs.start(Phase.FINISH, "user:root", finishVars, secrets(password));
        RunInfo finished = awaitEnd(finish);
        assertThat(finished.status()).as(finished.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(runs.page(finish, 0, 100_000)).extracting(RunEvent::tag)
                .contains("create_storage_domain", "create_target_vm", "final_clean");
        assertThat(state.resolve("pwned")).doesNotExist();
    }

    @Test
    void aFailureAtANamedTaskEndsThePhaseFailedWithThatTaskAndMessage() throws Exception {
        String task = "Install oVirt Hosted Engine packages";
        var runs = runs(Map.of("he_simulator_fail_at", task, "he_simulator_fail_msg", "No package ovirt-hosted-engine-setup available."));
        RunInfo done = awaitEnd(runs.start(Phase.PREPARE_VM, "user:root", vars(), secrets("Sim-pw-2")));
        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.failedTask()).endsWith(task);
        assertThat(done.message()).contains("No package ovirt-hosted-engine-setup available.");
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), Duration.ofMinutes(5));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
