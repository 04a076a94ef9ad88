package hostedengine.engineapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.enginedouble.EngineDouble;
import hostedengine.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's engine client (the engine's own Java SDK underneath) against the engine double:
 * every answer the double gives is read by the same code that reads a real engine, so its
 * shapes are the SDK's (the API model's) and its failures arrive as the SDK reports them.
 */
class EngineDoubleContractTest {
    private static final String PASSWORD = "Engine-admin-pw-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private EngineDouble engine;
    private Path trust;
    private Path heState;

    @BeforeEach
    void start() throws Exception {
        heState = dir.resolve("he-state.json");
        Files.writeString(heState, """
                {"deployed": true, "local_host_id": 1, "vm_host_id": 1, "global_maintenance": false,
                 "hosts": [{"host-id": 1, "hostname": "host1.example.com", "score": 3400, "state": "EngineUp"}]}""");
        engine = new EngineDouble("engine.example.com", "host1.example.com", PASSWORD::equals, heState,
                Duration.ofMillis(40), Clock.systemUTC());
        trust = EngineTrust.fromPem(engine.caPem()).writeStore(dir.resolve("engine-ca.p12"));
    }

    @AfterEach
    void stop() { engine.close(); }

    private EngineSession session() throws EngineProblem {
        return EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust);
    }

    @Test
    void theSdkReadsTheDoublesRootClustersAndFirstHost() throws Exception {
        try (var s = session()) {
            assertThat(s.version()).isEqualTo("4.5.6-1.el9");
            assertThat(s.clusters()).extracting(EngineCluster::name).containsExactly("Default");
            assertThat(s.hosts()).singleElement().satisfies(h -> {
                assertThat(h.name()).isEqualTo("host1.example.com");
                assertThat(h.status()).isEqualTo("up");
                assertThat(h.hostedEngine()).isTrue();
                assertThat(h.score()).isEqualTo(3400);
            });
        }
    }

    @Test
    void eachWayALoginFailsHasItsKind() throws Exception {
        assertThatThrownBy(() -> EngineSession.open(engine.apiUrl(), "admin@internal", "wrong", trust))
                .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.WRONG_PASSWORD));

        try (var other = new EngineDouble("engine.example.com", "h", PASSWORD::equals, heState, Duration.ofMillis(40), Clock.systemUTC())) {
            Path otherCa = EngineTrust.fromPem(other.caPem()).writeStore(dir.resolve("other-ca.p12"));
            assertThatThrownBy(() -> EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, otherCa))
                    .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.UNTRUSTED));
        }

        String closed = engine.apiUrl().replaceFirst(":\\d+/", ":" + hostedengine.testing.Sshd.freePort() + "/");
        assertThatThrownBy(() -> EngineSession.open(closed, "admin@internal", PASSWORD, trust))
                .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.UNREACHABLE));

        engine.down(true);
        assertThatThrownBy(() -> EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust))
                .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.NOT_AN_ENGINE));
    }

    @Test
    void anAddedHostedEngineHostInstallsComesUpAndJoinsTheHostedEngineStatus() throws Exception {
        try (var s = session()) {
            long before = s.events(0, null, 1000).stream().mapToLong(EngineEvent::id).max().orElse(0);
            EngineHost added = s.addHostedEngineHost("host2.example.com", "192.168.122.11", "Default", "Root-pw-2");
            assertThat(added.status()).isEqualTo("installing");

            EngineHost up = Await.value("host2 up", () -> get(s, added.id()).filter(h -> h.status().equals("up")), Duration.ofSeconds(10));
            assertThat(up.hostedEngine()).isTrue();
            assertThat(up.score()).isEqualTo(3400);
            assertThat(s.events(before, "host.name=host2.example.com", 100)).extracting(EngineEvent::description)
                    .contains("Installing Host host2.example.com. Gathering Facts.", "Host host2.example.com installed",
                            "Status of host host2.example.com was set to Up.");
            assertThat(heHosts()).contains("host2.example.com");

            s.deactivate(added.id());
            Await.value("host2 in maintenance", () -> get(s, added.id()).filter(h -> h.status().equals("maintenance")), Duration.ofSeconds(10));
            s.reinstall(added.id(), false);
            assertThat(heHosts()).doesNotContain("host2.example.com");
            Await.value("host2 up without hosted engine", () -> get(s, added.id())
                    .filter(h -> h.status().equals("up") && !h.hostedEngine()), Duration.ofSeconds(10));
            s.deactivate(added.id());
            Await.value("host2 in maintenance again", () -> get(s, added.id()).filter(h -> h.status().equals("maintenance")), Duration.ofSeconds(10));
            s.remove(added.id(), false);
            assertThat(s.host(added.id())).isEmpty();
            assertThat(s.hosts()).extracting(EngineHost::name).containsExactly("host1.example.com");
        }
    }

    @Test
    void theEnginesRefusalsArriveWithItsOwnWords() throws Exception {
        engine.fail("192.168.122.12", "WRONG_ROOT_PASSWORD");
        engine.fail("192.168.122.13", "INSTALL_FAILED");
        try (var s = session()) {
            assertThatThrownBy(() -> s.addHostedEngineHost("host1.example.com", "192.168.122.20", "Default", "pw"))
                    .isInstanceOfSatisfying(EngineProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(EngineProblem.Kind.REFUSED);
                        assertThat(p.httpStatus()).isEqualTo(409);
                        assertThat(p.engineMessage()).hasValue(
                                "Cannot add Host. The Host name is already in use, please choose a unique name and try again.");
                    });
            assertThatThrownBy(() -> s.addHostedEngineHost("host3.example.com", "192.168.122.12", "Default", "pw"))
                    .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.engineMessage().orElseThrow())
                            .startsWith("Cannot add Host. SSH authentication failed"));
            String up = s.hosts().get(0).id();
            assertThatThrownBy(() -> s.remove(up, false))
                    .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.engineMessage().orElseThrow())
                            .isEqualTo("Cannot remove Host. Host is operational. Please switch Host to Maintenance mode first."));

            EngineHost failing = s.addHostedEngineHost("host4.example.com", "192.168.122.13", "Default", "pw");
            Await.value("host4 install_failed", () -> get(s, failing.id()).filter(h -> h.status().equals("install_failed")), Duration.ofSeconds(10));
            assertThat(s.events(0, "severity>=error", 10)).extracting(EngineEvent::code, EngineEvent::description)
                    .contains(org.assertj.core.groups.Tuple.tuple(505,
                            "Host host4.example.com installation failed. Task Configure VDSM failed to execute."));
        }
    }

    @Test
    void aRevokedOrExpiredTokenIsReplacedOnceByTheSdkAndCloseRevokesIt() throws Exception {
        try (var s = session()) {
            engine.revokeAll();
            assertThat(s.hosts()).hasSize(1);
            engine.tokenLifetime(Duration.ZERO);
            engine.revokeAll();
            // Every new token is stale at once: the SDK logs in again once, then gives up.
            assertThatThrownBy(s::hosts).isInstanceOf(EngineProblem.class);
            engine.tokenLifetime(Duration.ofHours(1));
            assertThat(s.hosts()).hasSize(1);
            assertThat(engine.activeTokens()).isEqualTo(1);
        }
        assertThat(engine.activeTokens()).isZero();
    }

    private static java.util.Optional<EngineHost> get(EngineSession s, String id) {
        try {
            return s.host(id);
        } catch (EngineProblem p) {
            throw new AssertionError(p);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> heHosts() throws Exception {
        var state = JSON.readValue(heState.toFile(), Map.class);
        return ((List<Map<String, Object>>) state.get("hosts")).stream().map(h -> h.get("hostname")).map(Object.class::cast).toList();
    }
}
