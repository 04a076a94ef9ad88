package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.Main;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.engine.TargetHost;
import hostedengine.engine.VmStatus;
import hostedengine.host.HostMode;
import hostedengine.testing.Await;
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
 * SIMULATION: a simulated Finish Deployment over SSH leaves the {@code hosted-engine} double and
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
        // The simulator's variables as Main.runSettings gives them (this host's bin directory and state file).
        var settings = RunSettings.simulator(playbooks, 50).withSimulatorVars(Map.of(
                "he_simulator_bin_dir", state.resolve("simulator/bin").toString(),
                "he_simulator_state_file", state.resolve("simulator/state.json").toString()));
        RunInfo done;
        try (var runs = new Runs(state, settings, target)) {
            String id = runs.start(Phase.FINISH, "root", Map.of("he_fqdn", "manager.example.com", "he_host_name", "hv1.example.com",
                    "he_domain_type", "nfs", "he_local_vm_dir", state.resolve("localvm").toString(),
                    "he_storage_domain_addr", "storage.example.com", "he_storage_domain_path", "/exports/he"), Map.of());
            done = Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), Duration.ofSeconds(180));
        }
        assertThat(done.status()).as("%s %s", done.messageKey(), done.message()).isEqualTo(RunStatus.SUCCESSFUL);

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
