package hostedengine.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.StatusSnapshot;
import hostedengine.engine.VmStatus;
import hostedengine.engine.Diagnosis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a simulated final_clean the host has a hosted-engine command that reports a healthy, deployed engine. */
class SimulatorInstallsHostedEngineDoubleTest {
    @TempDir Path dir;

    @Test
    void finalCleanInstallsTheDoubleWithADeployedState() throws Exception {
        Path bin = dir.resolve("simulator/bin");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("he_wizard_role", "hosted_engine_simulator");
        vars.put("he_simulator_speed", 50);
        vars.put("he_simulator_bin_dir", bin.toString());
        vars.put("he_fqdn", Map.of("__ansible_unsafe", "manager.example.com"));
        vars.put("he_host_name", Map.of("__ansible_unsafe", "host1.example.com"));
        vars.put("he_smtp_server", Map.of("__ansible_unsafe", "smtp.example.com"));
        vars.put("he_dest_email", List.of(Map.of("__ansible_unsafe", "a@example.com"), Map.of("__ansible_unsafe", "b@example.com")));
        vars.put("he_local_vm_dir_path", dir.toString());
        Path v = AnsiblePlaybook.writeVars(dir, "vars.json", vars);
        var result = AnsiblePlaybook.run(List.of("-i", "localhost,", "-c", "local", "hosted_engine.yml", "--tags=final_clean",
                "--skip-tags=always", "-e", "@" + v), Map.of(), 120);
        assertThat(result.rc()).as(result.stdout() + result.stderr()).isZero();

        var tool = HostedEngineTool.simulated(bin, dir.resolve("simulator/state.json"));
        assertThat(tool.installed()).isTrue();
        assertThat(Files.isExecutable(bin.resolve("ovirt-hosted-engine-cleanup"))).isTrue();
        assertThat(tool.run("--check-deployed").stdout()).isEqualTo("The hosted engine has been deployed\n");
        var snapshot = StatusSnapshot.of(Instant.EPOCH, VmStatus.read(tool.run("--vm-status", "--json")));
        assertThat(snapshot.diagnosis()).contains(Diagnosis.ENGINE_UP);
        assertThat(snapshot.status().orElseThrow().engineHost().orElseThrow().hostname()).isEqualTo("host1.example.com");
        assertThat(tool.run("--get-shared-config", "destination-emails", "--type=broker").stdout())
                .isEqualTo("\ndestination-emails : a@example.com,b@example.com, type : broker\n\n");
        assertThat(tool.run("--get-shared-config", "smtp-server", "--type=broker").stdout()).contains("smtp.example.com");
    }

    @Test
    void initialCleanInstallsTheToolsButLeavesTheHostNotDeployed() throws Exception {
        Path bin = dir.resolve("simulator/bin");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("he_wizard_role", "hosted_engine_simulator");
        vars.put("he_simulator_speed", 50);
        vars.put("he_simulator_bin_dir", bin.toString());
        vars.put("he_simulator_state_file", dir.resolve("simulator/state.json").toString());
        vars.put("he_local_vm_dir_path", dir.toString());
        Path v = AnsiblePlaybook.writeVars(dir, "vars.json", vars);
        var result = AnsiblePlaybook.run(List.of("-i", "localhost,", "-c", "local", "hosted_engine.yml", "--tags=initial_clean",
                "--skip-tags=always", "-e", "@" + v), Map.of(), 120);
        assertThat(result.rc()).as(result.stdout() + result.stderr()).isZero();

        // as on a real host after the packages are installed: a failed attempt can be cleaned up
        var tool = HostedEngineTool.simulated(bin, dir.resolve("simulator/state.json"));
        assertThat(tool.installed()).isTrue();
        assertThat(Files.isExecutable(bin.resolve("ovirt-hosted-engine-cleanup"))).isTrue();
        assertThat(tool.run("--check-deployed").stdout()).isEqualTo("The hosted engine has not been deployed\n");
        assertThat(dir.resolve("simulator/state.json")).doesNotExist();
    }
}
