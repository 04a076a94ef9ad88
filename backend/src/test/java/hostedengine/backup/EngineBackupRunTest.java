package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.engine.EngineStatus;
import hostedengine.engine.HostStatus;
import hostedengine.engine.StatusSnapshot;
import hostedengine.engine.VmStatus;
import hostedengine.testing.Required;
import hostedengine.testing.Sshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of the engine as a run (guide 7.1), on the simulated engine VM with the engine-backup
 * double: made, verified, copied with a matching checksum and listed with what the archive
 * says; a tool that fails part way leaves nothing listed; the guide's preconditions refuse; and
 * over a real sshd standing for the engine VM, the key confirmed on first contact and a changed
 * key refused before anything runs.
 */
class EngineBackupRunTest {
    static final String FQDN = "engine.example.com";
    @TempDir Path state;
    Runs runs;
    BackupStore store;
    final AtomicReference<StatusSnapshot> status = new AtomicReference<>(engineRunningOn("host1.example.com"));

    @BeforeAll
    static void tools() {
        Required.executable(Path.of("/usr/bin/ansible-playbook"), "ansible");
    }

    @BeforeEach
    void wire() throws Exception {
        runs = new Runs(state, RunSettings.simulator(PlaybookFiles.unpack(state), 50));
        store = new BackupStore(state);
    }

    @AfterEach
    void close() {
        if (runs != null) runs.close();
    }

    private BackupOperations operations(EngineVm.Address sshStandIn) {
        var vm = new EngineVm(state, Duration.ofSeconds(10), () -> Optional.of(FQDN), sshStandIn, state.resolve("simulator/engine-vm"));
        var simulation = new BackupOperations.Simulation(state.resolve("playbooks/roles/hosted_engine_simulator/files/engine-backup"),
                state.resolve("simulator/state.json"), state.resolve("simulator/engine-failures.json"));
        return new BackupOperations(runs, store, vm, status::get, new AuditLog(state, Clock.systemUTC()), Clock.systemUTC(), simulation);
    }

    private static final BackupOperations.Caller ROOT = new BackupOperations.Caller("user:root", "root", "192.0.2.9");
    private static final BackupOperations.Login PASSWORD = new BackupOperations.Login("password", "Engine-vm-root-pw-1", "", "");

    @Test
    void aBackupIsMadeVerifiedCopiedWithItsChecksumAndListedWithWhatTheArchiveSays() throws Exception {
        var started = operations(null).start(ROOT, PASSWORD);

        RunInfo done = awaitEnd(((BackupOperations.Started) started).runId());
        assertThat(done.status()).as("%s %s", done.messageKey(), done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(done.phase()).isEqualTo(Phase.ENGINE_BACKUP);
        List<BackupStore.Backup> list = store.list();
        assertThat(list).hasSize(1);
        BackupStore.Backup b = list.get(0);
        assertThat(b.good()).as(b.problem()).isTrue();
        assertThat(b.engineFqdn()).isEqualTo(FQDN);
        assertThat(b.engineVersion()).isEqualTo(hostedengine.enginedouble.EngineDouble.VERSION);
        assertThat(b.backedUpAt()).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
        Path file = store.file(b.name()).orElseThrow();
        assertThat(b.size()).isEqualTo(Files.size(file));
        assertThat(b.sha256()).isEqualTo(sha256sum(file));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory()))).isEqualTo("rwx------");
        // The tool's own output is the run's log; the engine VM's copy is gone; nothing half-copied stays.
        String log = logOf(done.id());
        assertThat(log).contains("Start of engine-backup with mode 'backup'").contains("- Engine database 'engine'")
                .contains("Start of engine-backup with mode 'verify'").contains("Done.");
        assertThat(tasksOf(done.id())).containsSubsequence("Run engine-backup in backup mode", "Verify the backup with engine-backup",
                "Copy the backup to the deployment host", "Keep the backup beside the others");
        assertThat(listing(state.resolve("simulator/engine-vm/var/lib/ovirt-engine-backup"))).isEmpty();
        assertThat(listing(store.incoming())).isEmpty();
        // The root password went to Ansible through the secrets channel only.
        assertThat(Files.readString(state.resolve("runs").resolve(done.id()).resolve("1-engine_backup/vars.json")))
                .doesNotContain("Engine-vm-root-pw-1");
    }

    @Test
    void engineBackupFailingPartWayFailsTheRunWithItsMessageAndListsNothing() throws Exception {
        Files.createDirectories(state.resolve("simulator"));
        Files.writeString(state.resolve("simulator/engine-failures.json"), "{\"engine_backup\": {\"mode\": \"backup\", "
                + "\"at\": \"- Engine database 'engine'\", \"message\": \"Database engine could not be dumped\"}}");

        RunInfo done = awaitEnd(((BackupOperations.Started) operations(null).start(ROOT, PASSWORD)).runId());

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        List<RunEvent> failures = runs.failures(done.id());
        assertThat(failures.stream().map(e -> e.task() + " " + e.message() + " " + e.data()).collect(Collectors.joining("\n")))
                .contains("Run engine-backup in backup mode").contains("FATAL: Database engine could not be dumped");
        assertThat(store.list()).isEmpty();
        assertThat(listing(store.incoming())).isEmpty();
        assertThat(listing(state.resolve("simulator/engine-vm/var/lib/ovirt-engine-backup"))).isEmpty();
    }

    @Test
    void aBackupThatDoesNotVerifyIsNotKept() throws Exception {
        Files.createDirectories(state.resolve("simulator"));
        Files.writeString(state.resolve("simulator/engine-failures.json"), "{\"engine_backup\": {\"mode\": \"verify\", "
                + "\"at\": \"- Engine database 'engine'\", \"message\": \"Checksum mismatch\"}}");

        RunInfo done = awaitEnd(((BackupOperations.Started) operations(null).start(ROOT, PASSWORD)).runId());

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.failures(done.id()).get(0).task()).contains("Verify the backup with engine-backup");
        assertThat(store.list()).isEmpty();
        assertThat(listing(store.incoming())).isEmpty();
    }

    @Test
    void theGuidesPreconditionsAreShownAndAnEngineVmThatIsNotRunningRefusesTheBackup() {
        var ops = operations(null);
        assertThat(ops.preconditions()).extracting(BackupOperations.Check::id, BackupOperations.Check::level)
                .contains(org.assertj.core.groups.Tuple.tuple("engine", BackupOperations.Level.PASS),
                        org.assertj.core.groups.Tuple.tuple("failover", BackupOperations.Level.WARN));
        status.set(new StatusSnapshot(Instant.now(), Optional.of(new VmStatus(List.of(host(1, "host1.example.com", false, false)), false)),
                Optional.empty(), "", Optional.empty()));

        var outcome = ops.start(ROOT, PASSWORD);

        assertThat(outcome).isEqualTo(new BackupOperations.Refused("backup.check.engineDown"));
        assertThat(runs.list()).isEmpty();
    }

    @Test
    void overSshTheEngineVmsKeyIsConfirmedOnFirstContactAndAChangedKeyStopsEverything(@TempDir Path sshdDir) throws Exception {
        Sshd.assumeAvailable();
        try (Sshd sshd = Sshd.start(sshdDir)) {
            var ops = operations(new EngineVm.Address("127.0.0.1", sshd.port(), "root"));
            var byKey = new BackupOperations.Login("key", "", sshd.userKey().toString(), "");

            var first = ops.start(ROOT, byKey);
            assertThat(first).isInstanceOf(BackupOperations.KeyToConfirm.class);
            String offered = ((BackupOperations.KeyToConfirm) first).fingerprint();
            assertThat(offered).isEqualTo(sshd.sshKeygenFingerprint());
            assertThat(runs.list()).as("nothing runs before the key is confirmed").isEmpty();
            // A fingerprint other than the one shown pins nothing.
            assertThat(ops.start(ROOT, new BackupOperations.Login("key", "", sshd.userKey().toString(), "SHA256:other")))
                    .isInstanceOf(BackupOperations.KeyToConfirm.class);

            var started = ops.start(ROOT, new BackupOperations.Login("key", "", sshd.userKey().toString(), offered));
            RunInfo done = awaitEnd(((BackupOperations.Started) started).runId());
            assertThat(done.status()).as("%s %s", done.messageKey(), done.message()).isEqualTo(RunStatus.SUCCESSFUL);
            assertThat(store.list()).singleElement().satisfies(b -> assertThat(b.engineFqdn()).isEqualTo(FQDN));
            assertThat(sshd.log()).contains("Accepted publickey for root");

            sshd.restartWithNewHostKey();
            var changed = ops.start(ROOT, byKey);
            assertThat(changed).isInstanceOf(BackupOperations.Unreachable.class);
            var u = (BackupOperations.Unreachable) changed;
            assertThat(u.key()).isEqualTo("remote.problem.HOST_KEY_CHANGED");
            assertThat(u.pinned()).isEqualTo(offered);
            assertThat(u.offered()).isEqualTo(sshd.sshKeygenFingerprint()).isNotEqualTo(offered);
            assertThat(runs.list()).hasSize(1);
        }
    }

    @Test
    void anEngineVmThatRefusesSshIsSaidSoAndNothingRuns() throws Exception {
        int closed = Sshd.freePort();
        var outcome = operations(new EngineVm.Address("127.0.0.1", closed, "root")).start(ROOT, PASSWORD);

        assertThat(outcome).isInstanceOfSatisfying(BackupOperations.Unreachable.class, u -> {
            assertThat(u.key()).isEqualTo("remote.problem.PORT_CLOSED");
            assertThat(u.label()).isEqualTo("root@127.0.0.1:" + closed);
            assertThat(u.pinned()).isNull();
        });
        assertThat(runs.list()).isEmpty();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"result\":\"unreachable\"")
                .doesNotContain("Engine-vm-root-pw-1");
    }

    static StatusSnapshot engineRunningOn(String hostname) {
        return new StatusSnapshot(Instant.now(), Optional.of(new VmStatus(List.of(host(1, hostname, true, false),
                host(2, "host2.example.com", false, false)), false)), Optional.empty(), "", Optional.empty());
    }

    static HostStatus host(int id, String name, boolean runsEngine, boolean localMaintenance) {
        EngineStatus engine = runsEngine ? new EngineStatus("up", "good", "Up", null)
                : new EngineStatus("down", "bad", "unknown", "vm not running on this host");
        return new HostStatus(id, name, 0, 3400, engine, localMaintenance, false, "0", true, 0, "", true, "EngineUp");
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return runs.awaitEnd(id, Duration.ofSeconds(120)).orElseThrow();
    }

    private String logOf(String id) throws Exception {
        StringBuilder all = new StringBuilder();
        runs.forEachEvent(id, 0, Long.MAX_VALUE, e -> {
            all.append(e.task()).append('\n').append(e.message()).append('\n').append(e.data()).append('\n');
            return true;
        });
        return all.toString();
    }

    private List<String> tasksOf(String id) {
        return runs.page(id, 0, 1000).stream().map(RunEvent::task).filter(t -> t != null && !t.isEmpty()).distinct().toList();
    }

    private static List<Path> listing(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.split("\\s+")[0];
    }
}
