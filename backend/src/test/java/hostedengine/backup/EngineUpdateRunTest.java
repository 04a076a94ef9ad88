package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.AnsibleTarget;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.StatusSnapshot;
import hostedengine.testing.Required;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's update (guide 5.3) as a run of the real playbook with Ansible, on the simulated
 * engine VM (the doubles of engine-upgrade-check, dnf, engine-setup and needs-restarting) and
 * the hosted-engine double of the deployment host: the guide's order, the maintenance modes
 * before and after, the engine VM restarted only when a kernel came, and at each failing step
 * the run stopped there with the tool's words and global maintenance left on.
 */
class EngineUpdateRunTest {
    static final String FQDN = "engine.example.com";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path state;
    Runs runs;
    Path haState;
    final AtomicReference<StatusSnapshot> status = new AtomicReference<>(EngineBackupRunTest.engineRunningOn("host1.example.com"));

    private static final BackupOperations.Caller ROOT = new BackupOperations.Caller("user:root", "root", "192.0.2.9");
    private static final BackupOperations.Login PASSWORD = new BackupOperations.Login("password", "Engine-vm-root-pw-1", "", "");

    @BeforeAll
    static void tools() {
        Required.executable(Path.of("/usr/bin/ansible-playbook"), "ansible");
    }

    @BeforeEach
    void wire() throws Exception {
        runs = new Runs(state, RunSettings.simulator(PlaybookFiles.unpack(state), 50));
        Path bin = Files.createDirectories(state.resolve("simulator/bin"));
        Files.copy(state.resolve("playbooks/roles/hosted_engine_simulator/files/hosted-engine"), bin.resolve("hosted-engine"),
                StandardCopyOption.REPLACE_EXISTING);
        bin.resolve("hosted-engine").toFile().setExecutable(true);
        haState = state.resolve("simulator/state.json");
        writeHaState(false);
    }

    @AfterEach
    void close() {
        if (runs != null) runs.close();
    }

    private EngineUpdates updates() {
        var vm = new EngineVm(state, Duration.ofSeconds(10), () -> Optional.of(FQDN), null, state.resolve("simulator/engine-vm"));
        var simulation = new BackupOperations.Simulation(state.resolve("playbooks/roles/hosted_engine_simulator/files/engine-backup"),
                haState, state.resolve("simulator/engine-failures.json"));
        var audit = new AuditLog(state, Clock.systemUTC());
        var operations = new BackupOperations(runs, new BackupStore(state), vm, status::get, audit, Clock.systemUTC(), simulation);
        var tool = HostedEngineTool.simulated(state.resolve("simulator/bin"), haState);
        return new EngineUpdates(operations, runs, () -> new EngineUpdates.HaHost(AnsibleTarget.LOCAL, tool), state, audit,
                Clock.systemUTC(), new EngineUpdates.Waits(0.2, 20));
    }

    private void failures(String json) throws Exception {
        Files.createDirectories(state.resolve("simulator"));
        Files.writeString(state.resolve("simulator/engine-failures.json"), json);
    }

    private static final String AVAILABLE = "\"engine_upgrade_check\": {\"available\": true, \"packages\": [\"ovirt-engine-setup-4.5.7-1.el9\"]}";

    @Test
    void anAvailableUpdateRunsInTheGuidesOrderAndEndsWithAHealthyEngineOutOfMaintenance() throws Exception {
        failures("{" + AVAILABLE + ", \"engine_update\": {\"kernel\": true}}");

        RunInfo done = awaitEnd(start(true));

        assertThat(done.status()).as("%s %s", done.messageKey(), done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(done.phase()).isEqualTo(Phase.ENGINE_UPDATE);
        assertThat(ran(done.id())).containsSubsequence("Run engine-upgrade-check", "Set global maintenance",
                "Update the setup packages", "Run engine-setup", "Update the remaining packages",
                "Check whether the engine VM must restart", "Shut down the engine VM", "Wait for the engine VM to stop",
                "Start the engine VM", "Leave global maintenance", "Wait until the engine is healthy");
        String log = logOf(done.id());
        assertThat(log).contains("Execution of setup completed successfully").contains("Reboot is required");
        JsonNode ha = JSON.readTree(haState.toFile());
        assertThat(ha.path("global_maintenance").asBoolean()).isFalse();
        assertThat(ha.path("vm_host_id").asInt()).isEqualTo(1);
        assertThat(SimulatedEngineVm.engineVersion(state.resolve("simulator/engine-vm"))).isEqualTo("4.5.7-1.el9");
        var result = updates().last().orElseThrow();
        assertThat(result.state()).isEqualTo(EngineUpdates.State.UPDATED);
        // The engine VM's root password went to Ansible only through the secrets channel.
        assertThat(Files.readString(state.resolve("runs").resolve(done.id()).resolve("1-engine_update/vars.json")))
                .doesNotContain("Engine-vm-root-pw-1");
    }

    @Test
    void withoutAKernelUpdateTheEngineVmIsNotRestarted() throws Exception {
        failures("{" + AVAILABLE + "}");

        RunInfo done = awaitEnd(start(true));

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ran(done.id())).contains("Run engine-setup").doesNotContain("Shut down the engine VM", "Start the engine VM");
        assertThat(logOf(done.id())).contains("Reboot should not be necessary");
    }

    @Test
    void noUpdateAvailableChangesNothingAndSaysSo() throws Exception {
        RunInfo done = awaitEnd(start(true));

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ran(done.id())).contains("Run engine-upgrade-check").doesNotContain("Set global maintenance", "Run engine-setup");
        assertThat(updates().last().orElseThrow().state()).isEqualTo(EngineUpdates.State.NOTHING_TO_UPDATE);
        assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isFalse();
    }

    @Test
    void aFailingEngineSetupStopsThereWithItsWordsAndLeavesGlobalMaintenanceOn() throws Exception {
        failures("{" + AVAILABLE + ", \"engine_update\": {\"fail_at\": \"engine_setup\", \"message\": \"Engine schema refresh failed\"}}");

        RunInfo done = awaitEnd(start(true));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        var result = updates().last().orElseThrow();
        assertThat(result.state()).isEqualTo(EngineUpdates.State.FAILED);
        assertThat(result.step()).isEqualTo("engineSetup");
        assertThat(result.message()).contains("[ ERROR ] Failed to execute stage 'Misc configuration': Engine schema refresh failed");
        assertThat(result.output()).contains("Rolling back database schema");
        assertThat(result.stopped()).isTrue();
        assertThat(ran(done.id())).doesNotContain("Update the remaining packages", "Leave global maintenance");
        assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isTrue();
    }

    @Test
    void aPackageManagerFailureStopsAtItsStepWithTheToolsError() throws Exception {
        for (String step : List.of("setup_packages", "packages")) {
            writeHaState(false);
            failures("{" + AVAILABLE + ", \"engine_update\": {\"fail_at\": \"" + step + "\", \"message\": \"Failed to download metadata for repo 'ovirt-45'\"}}");
            Files.deleteIfExists(state.resolve("simulator/engine-vm/var/lib/engine-update-double/state.json"));

            RunInfo done = awaitEnd(start(true));

            var result = updates().last().orElseThrow();
            assertThat(done.status()).isEqualTo(RunStatus.FAILED);
            assertThat(result.step()).isEqualTo(step.equals("packages") ? "packages" : "setupPackages");
            assertThat(result.message()).isEqualTo("Error: Failed to download metadata for repo 'ovirt-45'");
            assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isTrue();
        }
    }

    @Test
    void aFailingHostedEngineStepStopsThereWithTheToolsWordsAndGlobalMaintenanceAsItWas() throws Exception {
        failures("{" + AVAILABLE + ", \"engine_update\": {\"kernel\": true}}");
        // Each hosted-engine command the update runs, failing as the tool fails when VDSM does not answer.
        var cases = Map.of("--vm-status", "haState", "--set-maintenance", "globalMaintenance", "--vm-shutdown", "restart");
        for (var c : cases.entrySet()) {
            writeHaState(false);
            Files.deleteIfExists(state.resolve("simulator/engine-vm/var/lib/engine-update-double/state.json"));
            var ha = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(haState.toFile());
            ha.putObject("override").putObject(c.getKey()).put("stderr", "Failed communicating with VDSM: [Errno 111] Connection refused\n")
                    .put("rc", 1);
            Files.write(haState, JSON.writeValueAsBytes(ha));

            RunInfo done = awaitEnd(start(true));

            var result = updates().last().orElseThrow();
            assertThat(done.status()).as(c.getKey()).isEqualTo(RunStatus.FAILED);
            assertThat(result.step()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(result.message()).as(c.getKey()).isEqualTo("Failed communicating with VDSM: [Errno 111] Connection refused");
            boolean packagesTouched = Files.exists(state.resolve("simulator/engine-vm/var/lib/engine-update-double/state.json"));
            assertThat(packagesTouched).as("the engine VM changed before " + c.getKey()).isEqualTo(c.getKey().equals("--vm-shutdown"));
        }
    }

    @Test
    void globalMaintenanceAlreadyOnIsKeptAndSaid() throws Exception {
        writeHaState(true);
        failures("{" + AVAILABLE + "}");

        RunInfo done = awaitEnd(start(true));

        assertThat(done.status()).as(done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ran(done.id())).contains("Keep global maintenance, which was already on", "Run engine-setup")
                .doesNotContain("Set global maintenance", "Leave global maintenance");
        assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isTrue();
    }

    @Test
    void anUnexpectedCheckAnswerStopsBeforeAnythingChanges() throws Exception {
        failures("{\"engine_upgrade_check\": {\"raw\": {\"stdout\": \"Traceback (most recent call last):\\n\", \"stderr\": \"KeyError: 'x'\\n\", \"rc\": 3}}}");

        RunInfo done = awaitEnd(start(true));

        var result = updates().last().orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.step()).isEqualTo("check");
        assertThat(result.output()).contains("Traceback (most recent call last):").contains("KeyError: 'x'");
        assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isFalse();
    }

    @Test
    void withoutARecentBackupTheUpdateAsksForOneOrAConsciousChoiceWhichIsAudited() throws Exception {
        failures("{" + AVAILABLE + "}");

        var refused = updates().start(ROOT, PASSWORD, false);

        assertThat(refused).isEqualTo(new BackupOperations.Invalid(Map.of("withoutBackup", "update.backupFirst")));
        assertThat(runs.list()).isEmpty();
        String id = start(true);
        awaitEnd(id);
        String audit = Files.readString(state.resolve("audit.log"));
        assertThat(audit.lines().filter(l -> l.contains("\"engine-update\"")).toList()).satisfiesExactly(
                refusal -> assertThat(refusal).contains("\"outcome\":\"refused\"").contains("\"backup\":\"none\""),
                started -> assertThat(started).contains("\"outcome\":\"success\"").contains("\"backup\":\"skipped\"").contains(id));
    }

    @Test
    void aSecondUpdateOrAHostUpdateWhileOneRunsIsRefusedNamingTheRunningOne() throws Exception {
        failures("{" + AVAILABLE + ", \"engine_update\": {\"seconds\": 3}}");
        String first = start(true);

        var second = updates().start(ROOT, PASSWORD, true);

        assertThat(second).isEqualTo(new BackupOperations.Busy(first));
        // Nor do the hosts' update or any other host run start beside it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.start(Phase.UPGRADE_HOSTS, "user:root", Map.of(), Map.of()))
                .isInstanceOf(hostedengine.deploy.RunConflict.class).hasMessageContaining(first);
        awaitEnd(first);
    }

    @Test
    void cancelBetweenStepsStopsTheRunAndLeavesGlobalMaintenanceOnWithTheBanner() throws Exception {
        failures("{" + AVAILABLE + ", \"engine_update\": {\"seconds\": 20}}");
        String id = start(true);
        awaitTask(id, "Update the setup packages");

        assertThat(runs.cancel(id)).isTrue();
        RunInfo done = awaitEnd(id);

        assertThat(done.status()).isEqualTo(RunStatus.CANCELED);
        assertThat(ran(id)).doesNotContain("Run engine-setup");
        assertThat(updates().last().orElseThrow().stopped()).isTrue();
        assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isTrue();
    }

    @Test
    void aServerRestartInTheMiddleFollowsTheUpdateToItsEndWithoutLosingAStep() throws Exception {
        failures("{" + AVAILABLE + ", \"engine_update\": {\"seconds\": 2}}");
        String id = start(true);
        awaitTask(id, "Update the setup packages");

        // The server stops (its runs go on, owned by their wrapper) and a new one takes them up.
        runs.close();
        runs = new Runs(state, RunSettings.simulator(PlaybookFiles.unpack(state), 50));
        runs.recover();
        RunInfo done = awaitEnd(id);

        assertThat(done.status()).as(done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ran(id)).containsSubsequence("Update the setup packages", "Run engine-setup", "Leave global maintenance",
                "Wait until the engine is healthy");
        assertThat(updates().last().orElseThrow().state()).isEqualTo(EngineUpdates.State.UPDATED);
    }

    @Test
    void anEngineVmThatCannotBeReachedStartsNothing() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var vm = new EngineVm(state, Duration.ofSeconds(5), () -> Optional.of(FQDN), new EngineVm.Address("127.0.0.1", closed, "root"),
                state.resolve("simulator/engine-vm"));
        var audit = new AuditLog(state, Clock.systemUTC());
        var operations = new BackupOperations(runs, new BackupStore(state), vm, status::get, audit, Clock.systemUTC(), null);
        var updates = new EngineUpdates(operations, runs, () -> new EngineUpdates.HaHost(AnsibleTarget.LOCAL,
                HostedEngineTool.simulated(state.resolve("simulator/bin"), haState)), state, audit, Clock.systemUTC(),
                new EngineUpdates.Waits(0.2, 5));

        var outcome = updates.start(ROOT, PASSWORD, true);

        assertThat(outcome).isInstanceOf(BackupOperations.Unreachable.class);
        assertThat(((BackupOperations.Unreachable) outcome).label()).contains("127.0.0.1");
        assertThat(runs.list()).isEmpty();
        assertThat(JSON.readTree(haState.toFile()).path("global_maintenance").asBoolean()).isFalse();
    }

    private String start(boolean withoutBackup) {
        var outcome = updates().start(ROOT, PASSWORD, withoutBackup);
        assertThat(outcome).isInstanceOf(BackupOperations.Started.class);
        return ((BackupOperations.Started) outcome).runId();
    }

    private void writeHaState(boolean global) throws Exception {
        var hosts = List.of(
                Map.of("host-id", 1, "hostname", "host1.example.com", "score", 3400, "state", global ? "GlobalMaintenance" : "EngineUp",
                        "engine-status", Map.of("vm", "up", "health", "good", "detail", "Up")),
                Map.of("host-id", 2, "hostname", "host2.example.com", "score", 3400, "state", global ? "GlobalMaintenance" : "EngineDown",
                        "engine-status", Map.of("vm", "down", "health", "bad", "detail", "unknown", "reason", "vm not running on this host")));
        var ha = Map.of("deployed", true, "conf_on_shared_storage", true, "local_host_id", 1, "vm_host_id", 1,
                "global_maintenance", global, "vmid", "6c7e5c0e-0000-4000-8000-000000000001", "hosts", hosts,
                "shared_config", Map.of("he_local", Map.of("fqdn", FQDN, "host_id", "1")));
        Files.write(haState, JSON.writeValueAsBytes(ha));
    }

    private List<String> ran(String id) {
        return runs.outcome(id).orElseThrow().events().stream()
                .filter(e -> List.of("ok", "failed").contains(e.type()) && e.task() != null)
                .filter(e -> !Boolean.TRUE.equals(e.data().get("skipped")))
                .map(RunEvent::task).distinct().toList();
    }

    private String logOf(String id) {
        return runs.outcome(id).orElseThrow().events().stream()
                .map(e -> e.message() + " " + e.data().getOrDefault("stdout", "") + " " + e.data().getOrDefault("stderr", ""))
                .collect(Collectors.joining("\n"));
    }

    private void awaitTask(String id, String task) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            if (runs.page(id, 0, 10_000).stream().anyMatch(e -> "task_start".equals(e.type()) && task.equals(e.task()))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the run never reached " + task);
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return runs.awaitEnd(id, Duration.ofSeconds(180)).orElseThrow();
    }
}
