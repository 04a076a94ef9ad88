package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.testing.Required;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide 5.3's first step as a run on the simulated engine VM: engine-upgrade-check's two answers,
 * its error, and an answer it is not known to give, each read from the run as the tool printed it.
 */
class UpdateCheckTest {
    @TempDir Path state;
    Runs runs;
    BackupOperations operations;

    @BeforeAll
    static void tools() { Required.executable(Path.of("/usr/bin/ansible-playbook"), "ansible"); }

    @BeforeEach
    void wire() throws Exception {
        runs = new Runs(state, RunSettings.simulator(PlaybookFiles.unpack(state), 50));
        var vm = new EngineVm(state, Duration.ofSeconds(10), () -> Optional.of("engine.example.com"), null,
                state.resolve("simulator/engine-vm"));
        operations = new BackupOperations(runs, new BackupStore(state), vm,
                () -> EngineBackupRunTest.engineRunningOn("host1.example.com"), new AuditLog(state, Clock.systemUTC()),
                Clock.systemUTC(), new BackupOperations.Simulation(
                        state.resolve("playbooks/roles/hosted_engine_simulator/files/engine-backup"),
                        state.resolve("simulator/state.json"), state.resolve("simulator/engine-failures.json")));
    }

    @AfterEach
    void close() { if (runs != null) runs.close(); }

    private UpdateCheck check(String answer) throws Exception {
        Files.createDirectories(state.resolve("simulator"));
        Files.writeString(state.resolve("simulator/engine-failures.json"), "{\"engine_upgrade_check\": " + answer + "}");
        var started = operations.checkForUpdates(new BackupOperations.Caller("user:root", "root", "192.0.2.9"),
                new BackupOperations.Login("password", "Engine-vm-root-pw-2", "", ""));
        String id = ((BackupOperations.Started) started).runId();
        RunInfo done = runs.awaitEnd(id, Duration.ofSeconds(90)).orElseThrow();
        assertThat(done.phase()).isEqualTo(Phase.ENGINE_UPGRADE_CHECK);
        return operations.lastUpdateCheck().orElseThrow();
    }

    @Test
    void theToolsAnswersAreReadAsItPrintedThem() throws Exception {
        var none = check("{\"available\": false}");
        assertThat(none.verdict()).isEqualTo(UpdateCheck.Verdict.NONE);
        assertThat(none.rc()).isEqualTo(1);
        assertThat(none.stdout()).contains("No upgrade is available for the setup package.");

        var available = check("{\"available\": true, \"packages\": [\"ovirt-engine-setup-4.5.7-1.el9\"]}");
        assertThat(available.verdict()).isEqualTo(UpdateCheck.Verdict.AVAILABLE);
        assertThat(available.stdout()).contains("ovirt-engine-setup-4.5.7-1.el9").contains("Upgrade available.");

        var error = check("{\"error\": \"Cannot download repomd.xml: All mirrors were tried\"}");
        assertThat(error.verdict()).isEqualTo(UpdateCheck.Verdict.ERROR);
        assertThat(error.rc()).isEqualTo(2);
        assertThat(error.stderr()).isEqualTo("Error: Cannot download repomd.xml: All mirrors were tried");

        var odd = check("{\"raw\": {\"stdout\": \"Segmentation fault\\n\", \"rc\": 0}}");
        assertThat(odd.verdict()).as("exit 0 without the tool's sentence is not called an update").isEqualTo(UpdateCheck.Verdict.UNEXPECTED);
        assertThat(odd.stdout()).isEqualTo("Segmentation fault");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"engine-update-check\"")
                .doesNotContain("Engine-vm-root-pw-2");
    }
}
