package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.Main;
import hostedengine.deploy.RunSettings;
import hostedengine.engine.TargetHost;
import hostedengine.engine.VmStatus;
import hostedengine.host.HostMode;
import hostedengine.testing.Required;
import hostedengine.testing.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIMULATION: a simulated Finish Deployment (its final_clean tag) over SSH leaves the {@code hosted-engine} double and
 * its deployed state on the remote host, in that host's own directory
 * ({@link RunSettings#simulatedRemoteDir}), and none on this host; the day-2 tool of the chosen
 * host ({@link Main#dayTwoHost}) then reads the remote host's status through SSH.
 */
class RemoteSimulatedDeploymentTest {
    static Sshd sshd;

    @TempDir Path state;

    @BeforeAll
    static void startSshd(@TempDir Path dir) throws Exception {
        Sshd.assumeAvailable();
        Required.executable(Path.of("/usr/bin/ansible-playbook"), "ansible");
        sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @Test
    void aRemoteDeploymentLeavesItsDoubleOnTheRemoteHostAndTheStatusIsRead() throws Exception {
        Path playbooks = state.resolve("playbooks");
        copyTree(Path.of("../playbooks"), playbooks);
        var target = new DeploymentTarget(state, Duration.ofSeconds(10));
        HostKey offered = target.connect(RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port())).awaiting().orElseThrow();
        assertThat(target.confirm(offered.fingerprint())).isTrue();
        // The simulator's variables as Main.runSettings gives them (this host's bin directory and state file),
        // then as a run on the remote host gets them (TagLauncher: settings.simulatorVars(target)).
        var settings = RunSettings.simulator(playbooks, 50).withSimulatorVars(Map.of(
                "he_simulator_bin_dir", state.resolve("simulator/bin").toString(),
                "he_simulator_state_file", state.resolve("simulator/state.json").toString()));
        var remote = target.get();
        var vars = new java.util.HashMap<String, Object>(settings.simulatorVars(remote));
        vars.putAll(Map.of("he_wizard_role", RunSettings.SIMULATOR_ROLE, "he_simulator_speed", 50,
                "he_fqdn", "manager.example.com", "he_host_name", "hv1.example.com"));
        Path varsFile = state.resolve("vars.json");
        Files.writeString(varsFile, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(vars));
        // The last tag of Finish Deployment, whose last step installs the double (a whole Finish over this
        // machine's slow SSH logins takes minutes; the phase's other tags install nothing).
        var argv = new java.util.ArrayList<String>(java.util.List.of("/usr/bin/ansible-playbook"));
        argv.addAll(remote.inventoryArguments());
        argv.addAll(java.util.List.of(settings.playbook().toString(), "--tags", "final_clean", "--skip-tags", "always",
                "-e", "@" + varsFile));
        var pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(remote.environment());
        pb.environment().put("ANSIBLE_ROLES_PATH", settings.rolesPath().toString());
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        String label = "root@127.0.0.1:" + sshd.port();
        Path remoteDir = RunSettings.simulatedRemoteDir(state.resolve("simulator"), label);
        assertThat(remoteDir.resolve("bin/hosted-engine")).isExecutable();
        assertThat(Files.readString(remoteDir.resolve("state.json"))).contains("\"deployed\": true").contains("hv1.example.com");
        assertThat(state.resolve("simulator/state.json")).as("this host stays undeployed").doesNotExist();
        assertThat(state.resolve("simulator/bin/hosted-engine")).doesNotExist();

        var dayTwo = Main.dayTwoHost(state, HostMode.simulatorRequested(), target).resolve();
        assertThat(dayTwo.where()).isEqualTo(TargetHost.remote(label));
        var status = VmStatus.read(dayTwo.run("--vm-status", "--json"));
        assertThat(status.problem()).isEmpty();
        assertThat(status.status().orElseThrow().engineHost().orElseThrow().hostname()).isEqualTo("hv1.example.com");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else if (!p.toString().endsWith(".pyc")) Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
