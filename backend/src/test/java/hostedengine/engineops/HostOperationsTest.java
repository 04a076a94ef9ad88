package hostedengine.engineops;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostedEngineTool;
import hostedengine.enginedouble.EngineDouble;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding, removing and refusing hosts through the engine as runs: the real run core (wrapper,
 * events file, follower) starting engine tasks in their own JVMs against the engine double, the
 * hosted-engine double telling the HA agents' view.
 */
class HostOperationsTest {
    private static final String ADMIN_PASSWORD = "Engine-admin-pw-1";
    private static final String ROOT_PASSWORD = "New-host-root-pw-7";
    private static final HostOperations.Caller CALLER = new HostOperations.Caller("owner-1", "root", "192.0.2.7");
    @TempDir Path state;
    private EngineTaskFixture fixture;
    private EngineDouble engine;
    private Runs runs;
    private EngineLogins logins;
    private HostOperations operations;
    private HostedEngineTool tool;

    @BeforeEach
    void start() throws Exception {
        fixture = EngineTaskFixture.start(state, ADMIN_PASSWORD);
        engine = fixture.engine();
        runs = fixture.runs();
        logins = fixture.logins();
        operations = fixture.operations();
        tool = fixture.tool();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aHostIsAddedAsARunWithTheEnginesEventsAndEndsInVmStatusWithItsScore() throws Exception {
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var outcome = operations.add(CALLER, new HostOperations.NewHost("host2.example.com", "host2.example.com", "Default",
                ROOT_PASSWORD));
        assertThat(outcome).isInstanceOf(HostOperations.Started.class);
        RunInfo ended = ended(((HostOperations.Started) outcome).runId());
        List<RunEvent> events = events(ended.id());
        assertThat(ended.status()).as(log(events)).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(events).filteredOn(e -> e.type().equals("engine_event")).extracting(RunEvent::message)
                .contains("Installing Host host2.example.com. Gathering Facts.", "Status of host host2.example.com was set to Up.");
        assertThat(events).extracting(RunEvent::task).contains("Host state: installing", "Host state: up");
        assertThat(log(events)).contains("host2.example.com is host 2 with score 3400");
        assertThat(tool.run("--vm-status", "--json").stdout()).contains("host2.example.com");
        assertNoSecretIn(state);

        // and removed again: maintenance, undeploy, remove, each a step; it leaves --vm-status
        var removal = operations.act(CALLER, HostOperations.Operation.REMOVE, "host2.example.com");
        RunInfo removed = ended(((HostOperations.Started) removal).runId());
        assertThat(removed.status()).as(log(events(removed.id()))).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(removed.tags()).containsExactly("deactivate_host", "undeploy_hosted_engine", "remove_host");
        assertThat(tool.run("--vm-status", "--json").stdout()).doesNotContain("host2.example.com");
        assertThat(logins.session(CALLER.owner()).orElseThrow().hosts()).extracting(h -> h.name())
                .containsExactly("host1.example.com");
    }

    @Test
    void aWrongRootPasswordFailsTheRunWithTheEnginesOwnMessage() throws Exception {
        engine.fail("host3.example.com", "WRONG_ROOT_PASSWORD");
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var outcome = operations.add(CALLER, new HostOperations.NewHost("host3.example.com", "host3.example.com", "Default",
                "not-the-password"));
        RunInfo ended = ended(((HostOperations.Started) outcome).runId());
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.failedTask()).isEqualTo("Add the host to cluster Default with hosted engine deployed");
        assertThat(ended.message()).contains("SSH authentication failed");
    }

    @Test
    void anInstallationTheEngineGivesUpOnFailsWithItsLastError() throws Exception {
        engine.fail("host4.example.com", "INSTALL_FAILED");
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var outcome = operations.add(CALLER, new HostOperations.NewHost("host4.example.com", "host4.example.com", "Default",
                ROOT_PASSWORD));
        RunInfo ended = ended(((HostOperations.Started) outcome).runId());
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.failedTask()).isEqualTo("Host state: install_failed");
        assertThat(ended.message()).contains("installation failed. Task Configure VDSM failed to execute.");
    }

    @Test
    void badFieldsAreNamedAndNoRunStarts() throws Exception {
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var outcome = operations.add(CALLER, new HostOperations.NewHost("h;reboot", "{{ lookup('pipe','id') }}", "Gone", ""));
        assertThat(outcome).isEqualTo(new HostOperations.Invalid(Map.of("name", "hosts.error.name",
                "address", "hosts.error.address", "cluster", "hosts.error.cluster", "rootPassword", "hosts.error.required")));
        var taken = operations.add(CALLER, new HostOperations.NewHost("host1.example.com", "host1.example.com", "Default", null));
        assertThat(taken).isEqualTo(new HostOperations.Invalid(Map.of("name", "hosts.error.nameTaken",
                "address", "hosts.error.addressTaken")));
        assertThat(runs.list()).isEmpty();
    }

    @Test
    void theHostRunningTheEngineVmIsNeverRemovedAndASecondOperationWaitsItsTurn() throws Exception {
        assertThat(operations.act(CALLER, HostOperations.Operation.REMOVE, "host1.example.com"))
                .isEqualTo(new HostOperations.NoSession());
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        assertThat(operations.act(CALLER, HostOperations.Operation.REMOVE, "host1.example.com"))
                .isEqualTo(new HostOperations.Refused("hosts.error.runsEngineVm", null));
        var first = operations.add(CALLER, new HostOperations.NewHost("host5.example.com", "host5.example.com", "Default",
                ROOT_PASSWORD));
        var second = operations.add(CALLER, new HostOperations.NewHost("host5.example.com", "host5.example.com", "Default",
                ROOT_PASSWORD));
        assertThat(second).isEqualTo(new HostOperations.Busy(((HostOperations.Started) first).runId()));
        assertThat(Files.readString(state.resolve(AuditLog.FILE_NAME))).contains("\"action\":\"engine-host-operation\"")
                .contains("\"outcome\":\"refused\"").contains("host5.example.com");
    }

    @Test
    void aSessionTheEngineEndsMidRunFailsItAskingToLogInAgain() throws Exception {
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var outcome = operations.add(CALLER, new HostOperations.NewHost("host6.example.com", "host6.example.com", "Default",
                ROOT_PASSWORD));
        engine.revokeAll();
        RunInfo ended = ended(((HostOperations.Started) outcome).runId());
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.message()).contains("log in to the engine again");
    }

    @Test
    void aHostThatStoppedAnsweringIsRemovedOnlyAfterTheManualFenceConfirmation() throws Exception {
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var added = operations.add(CALLER, new HostOperations.NewHost("host7.example.com", "host7.example.com", "Default",
                ROOT_PASSWORD));
        assertThat(ended(((HostOperations.Started) added).runId()).status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(operations.act(CALLER, HostOperations.Operation.FORCE_REMOVE, "host7.example.com"))
                .isEqualTo(new HostOperations.Refused("hosts.error.forceRemoveUp", null));

        engine.unplug("host7.example.com");
        var forced = operations.act(CALLER, HostOperations.Operation.FORCE_REMOVE, "host7.example.com");
        RunInfo ended = ended(((HostOperations.Started) forced).runId());
        List<RunEvent> events = events(ended.id());
        assertThat(ended.status()).as(log(events)).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ended.tags()).containsExactly("confirm_rebooted", "remove_host");
        assertThat(events).extracting(RunEvent::message).contains("Manual fence for host host7.example.com was started.");
        assertThat(logins.session(CALLER.owner()).orElseThrow().hosts()).extracting(h -> h.name())
                .doesNotContain("host7.example.com");
        assertThat(tool.run("--vm-status", "--json").stdout()).doesNotContain("host7.example.com");
    }

    @Test
    void aReinstallGoesThroughMaintenanceAndAHostLeftNonOperationalFailsTheAdd() throws Exception {
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var added = operations.add(CALLER, new HostOperations.NewHost("host10.example.com", "host10.example.com", "Default",
                ROOT_PASSWORD));
        assertThat(ended(((HostOperations.Started) added).runId()).status()).isEqualTo(RunStatus.SUCCESSFUL);
        var reinstall = operations.act(CALLER, HostOperations.Operation.REINSTALL, "host10.example.com");
        RunInfo reinstalled = ended(((HostOperations.Started) reinstall).runId());
        List<RunEvent> events = events(reinstalled.id());
        assertThat(reinstalled.status()).as(log(events)).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(events).extracting(RunEvent::task).contains("Put the host into maintenance", "Host state: maintenance",
                "Reinstall the host with hosted engine deployed", "Host state: up");

        engine.fail("host11.example.com", "NON_OPERATIONAL");
        var stuck = operations.add(CALLER, new HostOperations.NewHost("host11.example.com", "host11.example.com", "Default",
                ROOT_PASSWORD));
        RunInfo failed = ended(((HostOperations.Started) stuck).runId());
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.failedTask()).isEqualTo("Host state: non_operational");
        assertThat(failed.message()).contains("moved to Non-Operational state");
    }

    @Test
    void aCanceledAddIsCanceledAndTheEngineKeepsWhatItWasAsked() throws Exception {
        logins.login(CALLER.owner(), ADMIN_PASSWORD);
        var added = operations.add(CALLER, new HostOperations.NewHost("host8.example.com", "host8.example.com", "Default",
                ROOT_PASSWORD));
        String id = ((HostOperations.Started) added).runId();
        hostedengine.testing.Await.until("the engine task has started", () -> !events(id).isEmpty(), Duration.ofSeconds(30));
        assertThat(runs.cancel(id)).isTrue();
        assertThat(ended(id).status()).isEqualTo(RunStatus.CANCELED);
    }

    private RunInfo ended(String id) throws InterruptedException { return fixture.ended(id); }

    private List<RunEvent> events(String id) { return fixture.events(id); }

    private static String log(List<RunEvent> events) { return EngineTaskFixture.log(events); }

    /** Neither password nor the session's token in any file the runs left. */
    private void assertNoSecretIn(Path dir) throws IOException, hostedengine.engineapi.EngineProblem {
        String token = logins.session(CALLER.owner()).orElseThrow().token();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(ROOT_PASSWORD).doesNotContain(ADMIN_PASSWORD).doesNotContain(token);
            }
        }
    }
}
