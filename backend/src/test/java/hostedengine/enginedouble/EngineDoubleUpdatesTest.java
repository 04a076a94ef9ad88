package hostedengine.enginedouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.engineapi.EngineEvent;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import hostedengine.engineapi.EngineTrust;
import hostedengine.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine double's host updates (guide 6.3.5) read through the engine's SDK: the check and the
 * upgrade with their states and events, the engine's refusals, and the engine VM migrated away
 * from its host before that host goes to maintenance, as the {@code hosted-engine} state then says.
 */
class EngineDoubleUpdatesTest {
    private static final String PASSWORD = "Engine-admin-pw-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private Path heState;
    private EngineDouble engine;
    private EngineSession session;

    @BeforeEach
    void start() throws Exception {
        heState = dir.resolve("he-state.json");
        Files.writeString(heState, """
                {"deployed": true, "local_host_id": 1, "vm_host_id": 1, "global_maintenance": false,
                 "hosts": [{"host-id": 1, "hostname": "host1.example.com", "score": 3400, "state": "EngineUp",
                            "engine-status": {"vm": "up", "health": "good", "detail": "Up"}},
                           {"host-id": 2, "hostname": "host2.example.com", "score": 3400, "state": "EngineDown",
                            "engine-status": {"vm": "down", "health": "bad", "detail": "unknown"}}]}""");
        engine = new EngineDouble("engine.example.com", "host1.example.com", PASSWORD::equals, heState,
                Duration.ofMillis(150), Clock.systemUTC());
        engine.seedHostedEngineHost("host2.example.com");
        Path trust = EngineTrust.fromPem(engine.caPem()).writeStore(dir.resolve("engine-ca.p12"));
        session = EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust);
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        engine.close();
    }

    @Test
    void aCheckFindsTheUpdatesAskedForAndAnUpgradeGoesThroughMaintenanceAndARebootBackToUp() throws Exception {
        engine.offerUpdates(List.of("host2.example.com"));
        EngineHost host2 = host("host2.example.com");
        EngineHost host1 = host("host1.example.com");
        long before = latestEvent();
        session.checkForUpdates(host2.id());
        session.checkForUpdates(host1.id());
        Await.until("both checks done", () -> codes(before).stream().filter(c -> c == 885).count() == 2, Duration.ofSeconds(10));
        assertThat(codes(before)).containsSubsequence(884, 843, 885);
        assertThat(host("host2.example.com").updateAvailable()).isTrue();
        assertThat(host("host1.example.com").updateAvailable()).isFalse();
        assertThat(session.hostsCheckedForUpdates()).containsExactlyInAnyOrder(host1.id(), host2.id());

        long upgradeStart = latestEvent();
        session.upgrade(host2.id(), true);
        List<String> states = follow(host2.id(), "up");
        assertThat(states).containsSubsequence("preparing_for_maintenance", "maintenance", "installing", "reboot", "up");
        assertThat(codes(upgradeStart)).containsSubsequence(840, 600, 559, 888, 13).doesNotContain(841);
        assertThat(host("host2.example.com").updateAvailable()).isFalse();
        assertThat(engineVmHostId()).as("the engine VM did not run there").isEqualTo(1);
    }

    @Test
    void anUpgradeWithoutUpdatesOrFromAStateThatForbidsItIsRefusedWithTheEnginesWords() throws Exception {
        EngineHost host2 = host("host2.example.com");
        assertThatThrownBy(() -> session.upgrade(host2.id(), true)).isInstanceOfSatisfying(EngineProblem.class, p -> {
            assertThat(p.httpStatus()).isEqualTo(409);
            assertThat(p.engineMessage()).hasValue("Cannot upgrade Host. There are no available updates for the host.");
        });
        engine.unplug("host2.example.com");
        assertThatThrownBy(() -> session.checkForUpdates(host2.id())).isInstanceOfSatisfying(EngineProblem.class,
                p -> assertThat(p.engineMessage()).hasValue("Cannot check for updates on Host. Host status is illegal for this operation."));
    }

    @Test
    void theEngineVmMovesToAnotherHostedEngineHostBeforeItsHostGoesToMaintenance() throws Exception {
        engine.offerUpdates(List.of("*"));
        EngineHost host1 = host("host1.example.com");
        session.upgrade(host1.id(), true);
        follow(host1.id(), "up");
        assertThat(engineVmHostId()).isEqualTo(2);
        assertThat(session.events(0, "type=63", 10)).extracting(EngineEvent::description)
                .containsExactly("Migration completed (VM: HostedEngine, Source: host1.example.com, Destination: host2.example.com).");
        assertThat(heHost(2).get("state")).isEqualTo("EngineUp");
        assertThat(heHost(1).get("state")).isEqualTo("EngineDown");
    }

    @Test
    void withoutAnotherHostToTakeTheEngineVmItsHostIsNotSwitchedToMaintenance() throws Exception {
        engine.offerUpdates(List.of("*"));
        EngineHost host2 = host("host2.example.com");
        session.deactivate(host2.id());
        follow(host2.id(), "maintenance");
        EngineHost host1 = host("host1.example.com");
        assertThatThrownBy(() -> session.upgrade(host1.id(), true)).isInstanceOfSatisfying(EngineProblem.class,
                p -> assertThat(p.engineMessage().orElseThrow()).startsWith("Cannot switch the Host(s) to Maintenance mode."));
        assertThatThrownBy(() -> session.deactivate(host1.id())).isInstanceOf(EngineProblem.class);
        assertThat(host("host1.example.com").status()).isEqualTo("up");
        assertThat(engineVmHostId()).isEqualTo(1);
    }

    @Test
    void aHostInMaintenanceStaysThereAndAFailureOnRequestLeavesItInstallFailed() throws Exception {
        engine.offerUpdates(List.of("host2.example.com"));
        EngineHost host2 = host("host2.example.com");
        session.deactivate(host2.id());
        follow(host2.id(), "maintenance");
        session.upgrade(host2.id(), false);
        Await.until("upgrade done", () -> codes(0).contains(842), Duration.ofSeconds(10));
        assertThat(follow(host2.id(), "maintenance")).doesNotContain("up");

        engine.offerUpdates(List.of("host2.example.com"));
        engine.failUpgrade("host2.example.com", "Task Upgrade packages failed to execute.");
        long before = latestEvent();
        session.upgrade(host2.id(), true);
        follow(host2.id(), "install_failed");
        assertThat(session.events(before, "severity>=error", 10)).extracting(EngineEvent::code, EngineEvent::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(553, "Installing Host host2.example.com. Task Upgrade packages failed to execute."),
                        org.assertj.core.groups.Tuple.tuple(841, "Failed to upgrade Host host2.example.com (User: admin@internal-authz)."));
    }

    // ---- helpers --------------------------------------------------------

    private EngineHost host(String name) throws EngineProblem {
        return session.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    /** The states the host passes until it reaches {@code goal}. */
    private List<String> follow(String id, String goal) throws Exception {
        // Polled faster than the double's step, so no state is missed.
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seen.isEmpty() || !seen.get(seen.size() - 1).equals(goal)) {
            if (System.nanoTime() > deadline) throw new AssertionError(id + " never " + goal + ", only " + seen);
            String now = session.host(id).map(EngineHost::status).orElse("gone");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) seen.add(now);
            Thread.sleep(10);
        }
        return seen;
    }

    private long latestEvent() throws EngineProblem {
        return session.events(0, null, 1).stream().mapToLong(EngineEvent::id).max().orElse(0);
    }

    private List<Integer> codes(long after) {
        try {
            return session.events(after, null, 1000).stream().map(EngineEvent::code).toList();
        } catch (EngineProblem p) {
            throw new AssertionError(p);
        }
    }

    private Object engineVmHostId() throws Exception { return JSON.readValue(heState.toFile(), Map.class).get("vm_host_id"); }

    @SuppressWarnings("unchecked")
    private Map<String, Object> heHost(int id) throws Exception {
        var hosts = (List<Map<String, Object>>) JSON.readValue(heState.toFile(), Map.class).get("hosts");
        return hosts.stream().filter(h -> ((Number) h.get("host-id")).intValue() == id).findFirst().orElseThrow();
    }
}
