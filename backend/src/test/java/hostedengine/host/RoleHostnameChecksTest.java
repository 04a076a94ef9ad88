package hostedengine.host;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.host.HostnameChecks.Request;
import hostedengine.host.HostnameChecks.Result;
import hostedengine.host.HostnameChecks.State;
import hostedengine.host.HostnameChecks.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The role's validate_hostnames, run for real on this machine (and the simulator's, with its
 * simulated name table), as the FQDN fields use it.
 */
class RoleHostnameChecksTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    static Path dir;
    static RoleHostnameChecks real;
    static RoleHostnameChecks simulated;
    static String myAddress;
    static String myNic;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("names");
        real = new RoleHostnameChecks(HostFactsCollectorIntegrationTest.runs(dir.resolve("real"), false),
                () -> AnsibleTarget.LOCAL, Map.of(), WAIT);
        var table = new SimulatedNameTable(dir.resolve("hosts"), NameResolver.SYSTEM);
        var facts = LocalHostFacts.read(hostedengine.wizard.RoleDefaults.builtIn());
        var nic = facts.defaultRouteNic().flatMap(facts::nic).orElse(facts.nics().get(0));
        myNic = nic.name();
        myAddress = nic.addresses().get(0).replaceFirst("/.*", "");
        table.seedIfMissing("hv1.example.com", Optional.of(myAddress));
        simulated = new RoleHostnameChecks(HostFactsCollectorIntegrationTest.runs(dir.resolve("simulated"), true),
                () -> AnsibleTarget.LOCAL, Map.of("he_simulator_hosts_file", table.file().toString()), WAIT);
    }

    @AfterAll
    static void stop() throws IOException {
        real.close();
        simulated.close();
        HostFactsCollectorIntegrationTest.OPENED.forEach(hostedengine.deploy.Runs::close);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theRealRoleFailsAnEngineNameThatDoesNotResolveAndSaysWhy() {
        Result r = real.await(new Request(Subject.ENGINE, "unresolvable.invalid", null, "ovirtmgmt", myAddress), WAIT);
        assertThat(r.state()).isEqualTo(State.FAILED);
        assertThat(r.reason()).isEqualTo("unresolvable");
        assertThat(r.detail()).isEqualTo("Unable to resolve address");
    }

    @Test
    void theRealRoleAcceptsAHostAddressOnTheChosenInterface() {
        Result r = real.await(new Request(Subject.HOST, myAddress, myNic, "ovirtmgmt", null), WAIT);
        assertThat(r).isEqualTo(new Result(State.PASSED, null, null));
    }

    @Test
    void theRealRoleRefusesAHostNameThatResolvesElsewhere() {
        // 192.0.2.255 is no address of this machine's (TEST-NET broadcast): "does not resolves locally"
        Result r = real.await(new Request(Subject.HOST, "192.0.2.255", myNic, "ovirtmgmt", null), WAIT);
        assertThat(r.state()).isEqualTo(State.FAILED);
        assertThat(r.reason()).isEqualTo("notThisHost");
        assertThat(r.detail()).contains("does not resolves locally");
    }

    @Test
    void theSimulatorResolvesThroughItsNameTableAndFailsWhereTheRoleWould() {
        assertThat(simulated.await(new Request(Subject.ENGINE, "manager.example.com", null, "ovirtmgmt", myAddress), WAIT).state())
                .isEqualTo(State.PASSED);
        Result unresolvable = simulated.await(new Request(Subject.ENGINE, SimulatedNameTable.UNRESOLVABLE, null,
                "ovirtmgmt", myAddress), WAIT);
        assertThat(unresolvable.reason()).isEqualTo("unresolvable");
        assertThat(simulated.await(new Request(Subject.HOST, "hv1.example.com", myNic, "ovirtmgmt", null), WAIT).state())
                .isEqualTo(State.PASSED);
        Result engineOnHost = simulated.await(new Request(Subject.ENGINE, "hv1.example.com", null, "ovirtmgmt", myAddress), WAIT);
        assertThat(engineOnHost.reason()).isEqualTo("resolvesToHost");
    }

    @Test
    void aUserRunsOneCheckPerFieldAndNobodyQueuesMany() throws InterruptedException {
        try (var limited = new RoleHostnameChecks(HostFactsCollectorIntegrationTest.runs(dir.resolve("limits"), true),
                () -> AnsibleTarget.LOCAL, Map.of("he_simulator_hosts_file", dir.resolve("hosts").toString()), WAIT)) {
            var first = new Request(Subject.ENGINE, "a1.example.com", null, "ovirtmgmt", myAddress);
            assertThat(limited.start(first, "alice").state()).isEqualTo(State.CHECKING);
            // Typing another name while hers runs queues nothing; the other field has its own check.
            assertThat(limited.start(new Request(Subject.ENGINE, "a2.example.com", null, "ovirtmgmt", myAddress), "alice"))
                    .isEqualTo(RoleHostnameChecks.BUSY);
            assertThat(limited.start(new Request(Subject.HOST, "hv1.example.com", myNic, "ovirtmgmt", null), "alice").state())
                    .isEqualTo(State.CHECKING);
            // The same name asked by another user is the same check, not a new run.
            assertThat(limited.start(first, "bob").state()).isEqualTo(State.CHECKING);
            assertThat(limited.start(new Request(Subject.ENGINE, "c1.example.com", null, "ovirtmgmt", myAddress), "carol").state())
                    .isEqualTo(State.CHECKING);
            assertThat(limited.start(new Request(Subject.ENGINE, "d1.example.com", null, "ovirtmgmt", myAddress), "dave").state())
                    .isEqualTo(State.CHECKING);
            // Four wait or run: a fifth user's is refused until they end.
            var fifth = new Request(Subject.ENGINE, "e1.example.com", null, "ovirtmgmt", myAddress);
            assertThat(limited.start(fifth, "erin")).isEqualTo(RoleHostnameChecks.BUSY);
            assertThat(limited.await(first, WAIT, "alice").state()).isEqualTo(State.PASSED);
            hostedengine.testing.Await.until("the four checks end", () -> java.util.stream.Stream.of("c1", "d1")
                    .allMatch(n -> limited.known(new Request(Subject.ENGINE, n + ".example.com", null, "ovirtmgmt", myAddress))
                            .map(r -> r.state() != State.CHECKING).orElse(false))
                    && limited.known(new Request(Subject.HOST, "hv1.example.com", myNic, "ovirtmgmt", null))
                            .map(r -> r.state() != State.CHECKING).orElse(false), WAIT);
            assertThat(limited.await(fifth, WAIT, "erin").state()).isEqualTo(State.PASSED);
        }
    }

    @Test
    void aPassedCheckIsKeptAndAFailedOneIsCheckedAgain() {
        var ok = new Request(Subject.ENGINE, "kept.example.com", null, "ovirtmgmt", myAddress);
        assertThat(simulated.await(ok, WAIT).state()).isEqualTo(State.PASSED);
        assertThat(simulated.start(ok).state()).isEqualTo(State.PASSED);
        var bad = new Request(Subject.ENGINE, "again.invalid", null, "ovirtmgmt", myAddress);
        assertThat(simulated.await(bad, WAIT).state()).isEqualTo(State.FAILED);
        assertThat(simulated.start(bad).state()).isEqualTo(State.CHECKING);
        assertThat(simulated.known(bad)).isPresent();
    }

    @Test
    void valuesThatFailTheWhitelistNeverReachARun() {
        assertThatThrownBy(() -> new Request(Subject.ENGINE, "a.example.com;id", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Request(Subject.HOST, "$(id).example.com", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Request(Subject.HOST, "h.example.com", "eth0 lo", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Request(Subject.HOST, "{{ lookup('pipe','id') }}", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRolesMessagesBecomeReasons() {
        assertThat(RoleHostnameChecks.reason("The he_fqdn proposed for the engine VM resolves on this host")).isEqualTo("resolvesToHost");
        assertThat(RoleHostnameChecks.reason("The resolved address doesn't resolve on the selected interface")).isEqualTo("notOnInterface");
        assertThat(RoleHostnameChecks.reason("hostname 'h' doesn't uniquely match the interface 'eth0' selected")).isEqualTo("notUnique");
        assertThat(RoleHostnameChecks.reason("Your system is configured to use a proxy, please add")).isEqualTo("proxy");
        assertThat(RoleHostnameChecks.reason("localhost is not a valid address")).isEqualTo("localhost");
        assertThat(RoleHostnameChecks.reason("something new")).isEqualTo("other");
    }
}
