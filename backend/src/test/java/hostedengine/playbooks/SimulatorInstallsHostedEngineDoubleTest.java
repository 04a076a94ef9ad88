package hostedengine.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.StatusSnapshot;
import hostedengine.engine.VmStatus;
import hostedengine.engine.Diagnosis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
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
        assertThat(dir.resolve("simulator/engine-admin.json")).as("no he_admin_password: no admin file").doesNotExist();
    }

    @Test
    void finalCleanLeavesAHashOfTheAdminPasswordAndThePasswordNowhere() throws Exception {
        String password = "Adm1n-{{ not a template }}-pw";
        Path bin = dir.resolve("simulator/bin");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("he_wizard_role", "hosted_engine_simulator");
        vars.put("he_simulator_speed", 50);
        vars.put("he_simulator_bin_dir", bin.toString());
        vars.put("he_fqdn", Map.of("__ansible_unsafe", "manager.example.com"));
        vars.put("he_admin_password", Map.of("__ansible_unsafe", password));
        vars.put("he_local_vm_dir_path", dir.toString());
        Path v = AnsiblePlaybook.writeVars(Files.createDirectories(dir.resolve("vars")), "vars.json", vars);
        var result = AnsiblePlaybook.run(List.of("-i", "localhost,", "-c", "local", "hosted_engine.yml", "--tags=final_clean",
                "--skip-tags=always", "-vvv", "-e", "@" + v), Map.of(), 120);
        assertThat(result.rc()).as(result.stdout() + result.stderr()).isZero();

        Path admin = dir.resolve("simulator/engine-admin.json");
        assertThat(Files.getPosixFilePermissions(admin)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode check = new ObjectMapper().readTree(admin.toFile());
        assertThat(check.path("algorithm").asText()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(check.path("iterations").asInt()).isEqualTo(210000);
        byte[] salt = Base64.getDecoder().decode(check.path("salt").asText());
        assertThat(salt).hasSize(16);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 210000, 256)).getEncoded();
        assertThat(Base64.getDecoder().decode(check.path("hash").asText())).isEqualTo(derived);

        assertThat(result.stdout() + result.stderr()).doesNotContain(password);
        try (var files = Files.walk(dir.resolve("simulator"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(password);
            }
        }
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
