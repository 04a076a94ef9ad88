package hostedengine.engineops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineSession;
import hostedengine.enginedouble.EngineDouble;
import hostedengine.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updating the hosts (guide 6.3.5) as a run: the real run core starting the engine task in its own
 * JVM against the engine double, with the hosted-engine double telling where the engine VM runs.
 * host1 runs the engine VM; host2 is a second hosted-engine host.
 */
class HostUpdatesRunTest {
    private static final String ADMIN_PASSWORD = "Engine-admin-pw-1";
    private static final HostOperations.Caller CALLER = new HostOperations.Caller("owner-1", "root", "192.0.2.7");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path state;
    private EngineTaskFixture fixture;
    private Path heState;
    private EngineDouble engine;
    private Runs runs;
    private EngineLogins logins;
    private HostOperations operations;

    @BeforeEach
    void start() throws Exception {
        fixture = EngineTaskFixture.start(state, ADMIN_PASSWORD);
        heState = fixture.heState();
        engine = fixture.engine();
        runs = fixture.runs();
        logins = fixture.logins();
        operations = fixture.operations();
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theEngineVmsHostIsUpdatedLastAfterItsEngineVmMovedToTheOtherHost() throws Exception {
        addSecondHost();
        engine.offerUpdates(List.of("*"));
        var outcome = operations.upgrade(CALLER, List.of("host1.example.com", "host2.example.com"));
        RunInfo ended = ended(outcome);
        List<RunEvent> events = events(ended.id());
        assertThat(ended.status()).as(log(events)).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ended.tags()).containsExactly("upgrade_hosts");
        List<String> tasksThenMessages = events.stream().filter(e -> e.type().equals("task_start") || e.type().equals("ok"))
                .map(e -> e.type().equals("ok") ? e.message() : e.task()).toList();
        assertThat(tasksThenMessages).as(log(events)).containsSubsequence(
                "Update host2.example.com",
                "Upgrade host2.example.com (the engine's upgrade action, with a reboot)",
                "Update host1.example.com",
                "Move the engine VM away from host1.example.com",
                "engine VM moved from host1.example.com to host2.example.com",
                "Upgrade host1.example.com (the engine's upgrade action, with a reboot)",
                "Activate host1.example.com again (it was up before the update)",
                "host1.example.com is up");
        assertThat(events).extracting(RunEvent::message).contains("Host host2.example.com upgrade was completed successfully and will be rebooted.",
                "Migration completed (VM: HostedEngine, Source: host1.example.com, Destination: host2.example.com).");
        assertThat(JSON.readValue(heState.toFile(), Map.class).get("vm_host_id")).isEqualTo(2);
        assertThat(session().hosts()).allSatisfy(h -> {
            assertThat(h.status()).isEqualTo("up");
            assertThat(h.updateAvailable()).isFalse();
        });
    }

    @Test
    void anUpgradeTheEngineFailsLeavesTheHostInstallFailedWithTheEnginesMessage() throws Exception {
        addSecondHost();
        engine.offerUpdates(List.of("host2.example.com"));
        engine.failUpgrade("host2.example.com", "Task Upgrade packages failed to execute.");
        RunInfo ended = ended(operations.upgrade(CALLER, List.of()));
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.failedTask()).isEqualTo("Host host2.example.com: install_failed");
        assertThat(ended.message()).contains("Installing Host host2.example.com. Task Upgrade packages failed to execute.")
                .contains("Failed to upgrade Host host2.example.com");
        assertThat(host("host2.example.com").status()).isEqualTo("install_failed");
    }

    @Test
    void aHostInMaintenanceIsUpdatedAndLeftThereAndOneWithoutUpdatesIsSkipped() throws Exception {
        EngineHost host2 = addSecondHost();
        engine.offerUpdates(List.of("host2.example.com"));
        session().deactivate(host2.id());
        Await.until("host2 in maintenance", () -> status("host2.example.com").equals("maintenance"), Duration.ofSeconds(10));
        RunInfo ended = ended(operations.upgrade(CALLER, List.of("host2.example.com", "host1.example.com")));
        List<RunEvent> events = events(ended.id());
        assertThat(ended.status()).as(log(events)).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(events).extracting(RunEvent::message).contains(
                "host2.example.com was in maintenance before the update and is left in maintenance",
                "host1.example.com has no updates available (the engine's last check found none): skipped");
        assertThat(events).extracting(RunEvent::task).doesNotContain("Move the engine VM away from host1.example.com");
        assertThat(host("host2.example.com").status()).isEqualTo("maintenance");
        assertThat(host("host2.example.com").updateAvailable()).isFalse();
        assertThat(JSON.readValue(heState.toFile(), Map.class).get("vm_host_id")).isEqualTo(1);
    }

    @Test
    void unknownHostsNothingToUpdateNoSessionAndASecondRunAreRefused() throws Exception {
        assertThat(operations.upgrade(CALLER, List.of("host9.example.com")))
                .isEqualTo(new HostOperations.Invalid(Map.of("host", "hosts.error.unknownHost")));
        assertThat(operations.upgrade(CALLER, List.of("h;reboot")))
                .isEqualTo(new HostOperations.Invalid(Map.of("host", "hosts.error.unknownHost")));
        assertThat(operations.upgrade(CALLER, List.of())).isEqualTo(new HostOperations.Refused("hosts.updates.nothing", null));
        assertThat(operations.upgrade(new HostOperations.Caller("owner-2", "alice", "192.0.2.8"), List.of()))
                .isEqualTo(new HostOperations.NoSession());
        assertThat(runs.list()).isEmpty();

        engine.offerUpdates(List.of("host1.example.com"));
        assertThat(operations.checkForUpdates(CALLER)).isEqualTo(new HostOperations.Checked(1));
        Await.until("the check is done", () -> checked().size() == 1, Duration.ofSeconds(10));
        var first = operations.upgrade(CALLER, List.of("host1.example.com"));
        assertThat(operations.upgrade(CALLER, List.of("host1.example.com")))
                .isEqualTo(new HostOperations.Busy(((HostOperations.Started) first).runId()));
        // The engine VM has nowhere to go: the engine's refusal is the run's failure.
        RunInfo ended = ended(first);
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.message()).contains("Cannot switch the Host(s) to Maintenance mode.");
        assertThat(Files.readString(state.resolve(AuditLog.FILE_NAME))).contains("\"operation\":\"upgrade\"")
                .contains("\"operation\":\"check-updates\"");
    }

    // ---- helpers --------------------------------------------------------

    /** host2 added through the engine (as the hosts page would) and up, so it joins the hosted-engine state with a score. */
    private EngineHost addSecondHost() throws Exception {
        EngineHost added = session().addHostedEngineHost("host2.example.com", "host2.example.com", "Default", "Root-pw-2");
        Await.until("host2 up", () -> status("host2.example.com").equals("up"), Duration.ofSeconds(10));
        return added;
    }

    private EngineSession session() { return logins.session(CALLER.owner()).orElseThrow(); }

    private EngineHost host(String name) throws Exception {
        return session().hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private String status(String name) {
        try {
            return host(name).status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private java.util.Set<String> checked() {
        try {
            return session().hostsCheckedForUpdates();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private RunInfo ended(HostOperations.Outcome outcome) throws InterruptedException {
        assertThat(outcome).isInstanceOf(HostOperations.Started.class);
        return fixture.ended(((HostOperations.Started) outcome).runId());
    }

    private List<RunEvent> events(String id) { return fixture.events(id); }

    private static String log(List<RunEvent> events) { return EngineTaskFixture.log(events); }
}
