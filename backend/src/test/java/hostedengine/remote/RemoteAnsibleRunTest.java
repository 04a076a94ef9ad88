package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.host.HostFactsCollector;
import hostedengine.host.HostReadings;
import hostedengine.host.HostnameChecks;
import hostedengine.host.LocalHostFacts;
import hostedengine.host.NameResolver;
import hostedengine.host.RoleHostnameChecks;
import hostedengine.host.SimulatedNameTable;
import hostedengine.testing.Await;
import hostedengine.testing.Required;
import hostedengine.testing.Sshd;
import hostedengine.wizard.RoleDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible over SSH through {@link RemoteAnsibleTarget}, against a real sshd on 127.0.0.1: a run
 * of the simulator's network-interfaces tag gathers the remote host's facts over SSH, and both
 * our check and Ansible's own {@code ssh} refuse the host once its key has changed.
 */
class RemoteAnsibleRunTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static Sshd sshd;

    @TempDir Path state;
    Runs runs;
    DeploymentTarget target;

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

    @BeforeEach
    void wire() throws IOException {
        Path playbooks = state.resolve("playbooks");
        copyTree(Path.of("../playbooks"), playbooks);
        target = new DeploymentTarget(state, TIMEOUT);
        runs = new Runs(state, RunSettings.simulator(playbooks, 50), target);
    }

    @AfterEach
    void close() {
        if (runs != null) runs.close();
    }

    @Test
    void aRunGathersTheRemoteHostsInterfacesOverSsh() throws Exception {
        confirm(RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port()));
        String logBefore = sshd.log();

        RunInfo done = awaitEnd(runs.start(Phase.NETWORK_INTERFACES, "root", Map.of(), Map.of()));

        assertThat(done.status()).as("%s %s", done.messageKey(), done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(done.results().get("otopi_host_net")).asList().isNotEmpty();
        Path runDir = state.resolve("runs").resolve(done.id());
        assertThat(Files.readString(runDir.resolve("target.json"))).contains("root@127.0.0.1:" + sshd.port());
        String command = Files.readString(runDir.resolve("1-get_network_interfaces/command.json"));
        assertThat(command).contains(state.resolve("remote/inventory.yml").toString()).doesNotContain("\"local\"");
        // Ansible really went through the sshd: it logged new logins by key.
        assertThat(sshd.log().substring(logBefore.length())).contains("Accepted publickey for root");
    }

    @Test
    void aRunStopsBeforeAnsibleStartsWhenTheHostKeyChanged() throws Exception {
        confirm(RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port()));
        String pinned = target.view().pinned().orElseThrow().fingerprint();
        sshd.restartWithNewHostKey();

        RunInfo done = awaitEnd(runs.start(Phase.NETWORK_INTERFACES, "root", Map.of(), Map.of()));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.messageKey()).isEqualTo("remote.problem.HOST_KEY_CHANGED");
        assertThat(done.message()).contains(pinned).contains(sshd.sshKeygenFingerprint());
        assertThat(Files.exists(state.resolve("runs").resolve(done.id()).resolve("1-get_network_interfaces/command.json")))
                .as("no playbook was started").isFalse();
    }

    @Test
    void aRunRefusesAHostWhoseKeyWasNeverConfirmed() throws Exception {
        target.connect(RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port()));
        assertThat(target.view().awaiting()).isPresent();

        RunInfo done = awaitEnd(runs.start(Phase.NETWORK_INTERFACES, "root", Map.of(), Map.of()));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.messageKey()).isEqualTo("remote.problem.HOST_KEY_NOT_CONFIRMED");
        assertThat(Files.exists(state.resolve("known_hosts"))).isFalse();
    }

    @Test
    void ansiblesOwnSshRefusesAChangedKeyThroughThePinnedKnownHosts() throws Exception {
        confirm(RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port()));
        Path ping = state.resolve("ping.yml");
        Files.writeString(ping, "- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n");
        var remote = (RemoteAnsibleTarget) target.get();

        assertThat(ansible(remote, ping).rc).as("the pinned key is accepted").isZero();
        sshd.restartWithNewHostKey();
        var refused = ansible(remote, ping);
        assertThat(refused.rc).isEqualTo(4);
        assertThat(refused.output).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
    }

    @Test
    void aPasswordLoginRunsAnsibleThroughSshpassAndThePasswordIsWrittenNowhere() throws Exception {
        Required.executable(RemoteAnsibleTarget.SSHPASS, "sshpass");
        String user = sshd.passwordUser();
        confirm(RemoteHostSshIntegrationTest.byPassword(user, sshd.password(), sshd.port()));

        RunInfo done = awaitEnd(runs.start(Phase.NETWORK_INTERFACES, "root", Map.of(), Map.of()));

        assertThat(done.status()).as("%s %s", done.messageKey(), done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(sshd.log()).contains("Accepted password for " + user);
        assertThat(filesContaining(state, sshd.password())).isEmpty();
    }

    @Test
    void factsAndNameChecksRunOverSshWithAPasswordThroughTheRunsSecretsChannel() throws Exception {
        Required.executable(RemoteAnsibleTarget.SSHPASS, "sshpass");
        String user = sshd.passwordUser();
        confirm(RemoteHostSshIntegrationTest.byPassword(user, sshd.password(), sshd.port()));
        // The host part of the role's check must pass (an address of the host's NIC) so only the engine name is judged.
        var local = LocalHostFacts.read(RoleDefaults.builtIn());
        var nic = local.defaultRouteNic().flatMap(local::nic).orElse(local.nics().get(0));
        String nicAddress = nic.addresses().get(0).replaceFirst("/.*", "");
        var table = new SimulatedNameTable(state.resolve("simulator/hosts"), NameResolver.SYSTEM);
        table.seedIfMissing("hv1.example.com", java.util.Optional.of(nicAddress));
        Duration wait = Duration.ofSeconds(150);

        HostReadings read;
        HostnameChecks.Result check;
        try (var collector = new HostFactsCollector(runs, target, Map.of(), true, RoleDefaults.builtIn(), state,
                Clock.systemUTC(), wait);
             var names = new RoleHostnameChecks(runs, target, Map.of("he_simulator_hosts_file", table.file().toString()), wait)) {
            read = collector.refresh("/var/tmp").get(wait.toSeconds() * 2, TimeUnit.SECONDS);
            check = names.await(new HostnameChecks.Request(HostnameChecks.Subject.ENGINE, SimulatedNameTable.UNRESOLVABLE,
                    null, "ovirtmgmt", nicAddress), wait);
        }

        assertThat(read.problem()).isNull();
        assertThat(read.target()).contains("127.0.0.1");
        assertThat(read.facts().vcpus()).isEqualTo(LocalHostFacts.countProcessors(Files.readString(Path.of("/proc/cpuinfo"))));
        assertThat(check.state()).isEqualTo(HostnameChecks.State.FAILED);
        assertThat(check.reason()).as(check.detail()).isEqualTo("unresolvable");
        assertThat(runs.list()).extracting(RunInfo::phase)
                .contains(Phase.HOST_FACTS, Phase.NETWORK_INTERFACES, Phase.VALIDATE_HOSTNAMES);
        for (RunInfo run : runs.list()) {
            assertThat(Files.readString(state.resolve("runs").resolve(run.id()).resolve("target.json")))
                    .contains(user + "@127.0.0.1:" + sshd.port());
        }
        assertThat(sshd.log()).contains("Accepted password for " + user);
        assertThat(filesContaining(state, sshd.password())).isEmpty();
    }

    private void confirm(RemoteHost host) throws IOException {
        HostKey offered = target.connect(host).awaiting().orElseThrow();
        assertThat(target.confirm(offered.fingerprint())).isTrue();
        assertThat(target.view().ready()).as("%s", target.view().problem()).isTrue();
    }

    private record Outcome(int rc, String output) {}

    private Outcome ansible(RemoteAnsibleTarget remote, Path playbook) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/ansible-playbook"));
        argv.addAll(remote.inventoryArguments());
        argv.add(playbook.toString());
        var pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(remote.environment());
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out);
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), Duration.ofSeconds(120));
    }

    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p) && new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(text)) found.add(p);
            }
        }
        return found;
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
