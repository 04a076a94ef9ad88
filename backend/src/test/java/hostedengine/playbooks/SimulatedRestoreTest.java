package hostedengine.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hostedengine.playbooks.AnsiblePlaybook.Result;
import hostedengine.playbooks.AnsiblePlaybook.Running;
import hostedengine.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated deployment from a backup (bootstrap_local_vm with he_restore_from_file) plays the
 * real role's restore: its task names in order, engine-backup really reading the archive, the
 * role's pause after a failed restore, the restored engine written for the simulated engine. The
 * archive is made by the engine-backup test double. All runs start at once in {@link #startRuns()}
 * (two of them then wait at the role's pause until their test deletes the lock file). A run
 * without restore forgetting an earlier restored engine is in PlaybookContractTest, whose
 * bootstrap_local_vm run shows it.
 */
class SimulatedRestoreTest {
    static final Path ENGINE_BACKUP = AnsiblePlaybook.PLAYBOOKS.resolve("roles/hosted_engine_simulator/files/engine-backup");
    static final String INCLUDE = PlaybookContractTest.INCLUDE;
    static final String COPY = "Copy the backup file to the engine VM for restore";
    static final String RUN = "Run engine-backup";
    static final String NOTICE = "Let the user connect to the bootstrap engine VM to manually handle restore failures";
    static final String FIRST_DB_STEP = "Remove previous hosted-engine VM";
    static final String REQUESTED = "The restore went wrong {{ x }}";

    static Path dir;
    static Path archive;
    static Run restored;
    static Run notAnArchive;
    static Run requestedFailure;
    static Run missingFile;

    /** One simulated run: its directories (temporary files, the double's state) and its process. */
    record Run(Path tmp, Path simulator, Running running) {
        Path restoredEngine() { return simulator.resolve("restored-engine.json"); }

        /** The role's lock file, once the run waits on it. */
        Path lockFile() throws IOException, InterruptedException {
            Instant until = Instant.now().plus(Duration.ofMinutes(5));
            while (Instant.now().isBefore(until)) {
                try (Stream<Path> files = Files.list(tmp)) {
                    Optional<Path> lock = files.filter(f -> f.getFileName().toString().endsWith("_he_setup_lock")).findFirst();
                    if (lock.isPresent()) return lock.get();
                }
                if (!running.process().isAlive()) throw new AssertionError("ended without pausing: " + running.await(1));
                Thread.sleep(200);
            }
            throw new AssertionError("no lock file in " + tmp);
        }
    }

    @BeforeAll
    static void startRuns() throws Exception {
        Required.executable(Path.of("/usr/bin/ansible-playbook"), "ansible");
        dir = Files.createTempDirectory("simulated-restore");
        archive = backupOfThreeHosts();
        Path junk = Files.writeString(dir.resolve("notes.backup"), "this is not an engine-backup archive\n");
        restored = start("restored", Map.of("he_restore_from_file", unsafe(archive.toString())));
        notAnArchive = start("not-an-archive", Map.of("he_restore_from_file", unsafe(junk.toString())));
        requestedFailure = start("requested-failure", Map.of("he_restore_from_file", unsafe(archive.toString()),
                "he_simulator_fail_at", RUN, "he_simulator_fail_msg", unsafe(REQUESTED)));
        missingFile = start("missing-file", Map.of("he_restore_from_file", unsafe(dir.resolve("gone.backup").toString())));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        for (Run r : new Run[] {restored, notAnArchive, requestedFailure, missingFile}) {
            if (r != null) r.running().process().destroyForcibly();
        }
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRestoreRunsTheRealRestoreTasksInOrderAndLeavesTheRestoredEngine() throws Exception {
        Result r = restored.running().await(300);
        assertThat(r.rc()).as(r.toString()).isZero();
        List<String> started = r.startedTasks();
        assertThat(started.get(0)).isEqualTo(INCLUDE);
        assertThat(started.subList(1, started.size())).containsExactlyElementsOf(bootstrapWithRestore());
        // the pause block's debug and include: skipped, as the role's `when: engine_restore_out.rc != 0` skips them
        assertThat(r.result("v2_runner_on_skipped", NOTICE)).isPresent();
        assertThat(r.result("v2_runner_on_skipped", "include_tasks")).isPresent();
        JsonNode run = r.result("v2_runner_on_ok", RUN).orElseThrow();
        assertThat(run.path("rc").asInt()).isZero();
        assertThat(run.path("stdout").asText()).contains("archive file: /root/engine_backup", "You should now run engine-setup.")
                .doesNotContain(restored.tmp().toString());

        JsonNode engine = AnsiblePlaybook.JSON.readTree(restored.restoredEngine().toFile());
        assertThat(engine.path("backup").asText()).isEqualTo("engine.backup");
        assertThat(engine.path("engine_fqdn").asText()).isEqualTo("engine.example.com");
        assertThat(engine.path("version").asText()).isEqualTo("4.5.6-1.el9");
        assertThat(engine.path("data_center").asText()).isEqualTo("DC1");
        assertThat(engine.path("cluster").asText()).isEqualTo("Prod");
        // the host used to redeploy (he_host_name, any case) is gone, as restore_host_redeploy.yml deletes its row
        assertThat(engine.path("hosts").findValuesAsText("hostname")).containsExactly("host2.example.com", "host3.example.com");
        assertThat(engine.path("hosts").get(0).path("host-id").asInt()).isEqualTo(2);
        assertThat(engine.path("renamed_storage_domain").asText()).matches("he_storage_old_\\d{8}T\\d{6}");
        assertThat(Files.getPosixFilePermissions(restored.restoredEngine())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> left = Files.list(restored.tmp())) {
            assertThat(left).as("the simulated engine VM's root, with its copy of the archive").isEmpty();
        }
    }

    @Test
    void aFileThatIsNoArchiveFailsEngineBackupThenThePauseThenTheFirstDatabaseStep() throws Exception {
        Path lock = notAnArchive.lockFile();
        assertThat(notAnArchive.running().process().isAlive()).as("waiting on the lock file").isTrue();
        Files.delete(lock);
        Result r = notAnArchive.running().await(300);

        assertThat(r.rc()).as(r.toString()).isEqualTo(2);
        JsonNode run = r.result("v2_runner_on_failed", RUN).orElseThrow();
        assertThat(run.path("rc").asInt()).isEqualTo(1);
        assertThat(run.path("stderr").asText()).startsWith("FATAL: cannot open /tmp/engine-backup.");
        assertThat(r.result("v2_runner_on_ok", NOTICE).orElseThrow().path("msg").asText())
                .startsWith("engine-backup --mode=restore failed:\n" + run.path("stderr").asText() + "\n")
                .contains("temporary IP address - 192.168.222.100 -");
        assertThat(r.result("v2_runner_on_ok", "Create temporary lock file").orElseThrow().path("path").asText())
                .isEqualTo(lock.toString());
        List<String> started = r.startedTasks();
        assertThat(started).containsSequence(RUN, NOTICE, "include_tasks", "Create temporary lock file",
                "Pause execution until " + lock + " is removed, delete it once ready to proceed", "Remove backup file", FIRST_DB_STEP);
        assertThat(started.get(started.size() - 1)).isEqualTo(FIRST_DB_STEP);
        JsonNode db = r.result("v2_runner_on_failed", FIRST_DB_STEP).orElseThrow();
        assertThat(db.path("msg").asText()).isEqualTo("non-zero return code");
        assertThat(db.path("stderr").asText()).contains("could not connect to server");
        assertThat(notAnArchive.restoredEngine()).as("the one left from before is gone too").doesNotExist();
    }

    @Test
    void aFailureAskedForAtRunEngineBackupIsEngineBackupsOwnAndPausesTheRole() throws Exception {
        Path lock = requestedFailure.lockFile();
        Files.delete(lock);
        Result r = requestedFailure.running().await(300);

        assertThat(r.rc()).as(r.toString()).isEqualTo(2);
        JsonNode run = r.result("v2_runner_on_failed", RUN).orElseThrow();
        assertThat(run.path("stdout").asText()).isEqualTo("Start of engine-backup with mode 'restore'");
        assertThat(run.path("stderr").asText()).isEqualTo("FATAL: " + REQUESTED);
        assertThat(r.result("v2_runner_on_ok", NOTICE).orElseThrow().path("msg").asText()).contains("FATAL: " + REQUESTED);
        // nothing was restored, so the role's next database step cannot work
        assertThat(r.startedTasks().get(r.startedTasks().size() - 1)).isEqualTo(FIRST_DB_STEP);
        assertThat(requestedFailure.restoredEngine()).doesNotExist();
    }

    @Test
    void aMissingBackupFileFailsTheCopyAsTheCopyModuleDoesWithoutPausing() throws Exception {
        Result r = missingFile.running().await(300);
        assertThat(r.rc()).as(r.toString()).isEqualTo(2);
        List<String> started = r.startedTasks();
        assertThat(started.get(started.size() - 1)).isEqualTo(COPY);
        assertThat(r.result("v2_runner_on_failed", COPY).orElseThrow().path("msg").asText())
                .isEqualTo("Could not find or access '" + dir.resolve("gone.backup") + "' on the Ansible Controller.\n"
                        + "If you are using a module and expect the file to exist on the remote, see the remote_src option");
        assertThat(missingFile.restoredEngine()).doesNotExist();
    }

    /** bootstrap_local_vm's names with restore_backup.yml's after its include, restore_host_redeploy.yml's in each round. */
    static List<String> bootstrapWithRestore() throws IOException {
        var restore = SimulatorRestoreContractTest.Restore.read();
        List<String> steps = new ArrayList<>();
        for (String name : restore.tasks().get("restore_backup")) {
            steps.add(name);
            if (name.equals(restore.hostRedeployInclude())) {
                for (int i = 0; i < restore.hostRedeployRounds(); i++) steps.addAll(restore.tasks().get("restore_host_redeploy"));
            }
        }
        List<String> names = new ArrayList<>(PlaybookContractTest.rendered(PlaybookContractTest.simulatorTasks().get("bootstrap_local_vm")));
        names.addAll(restore.includeIndex() + 1, steps);
        return names;
    }

    /**
     * An archive of the engine-backup test double for engine.example.com, data center DC1, cluster Prod,
     * with the hosted-engine hosts host1 to host3 (its header: ROOT/usr/bin/engine-backup, the settings in ROOT/etc).
     */
    static Path backupOfThreeHosts() throws Exception {
        Path root = dir.resolve("old-engine");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("usr/bin/engine-backup"), ENGINE_BACKUP);
        Path conf = Files.createDirectories(root.resolve("etc/ovirt-engine/engine.conf.d"));
        Files.writeString(conf.resolve("10-setup-protocols.conf"), "ENGINE_FQDN=engine.example.com\n");
        Path haState = AnsiblePlaybook.writeVars(root, "ha-state.json", Map.of("deployed", true, "hosts", List.of(
                Map.of("host-id", 1, "hostname", "host1.example.com", "score", 3400),
                Map.of("host-id", 2, "hostname", "host2.example.com", "score", 3400),
                Map.of("host-id", 3, "hostname", "host3.example.com", "score", 0))));
        AnsiblePlaybook.writeVars(root.resolve("etc"), "engine-backup-double.json",
                Map.of("ha_state_file", haState.toString(), "data_center", "DC1", "cluster", "Prod"));
        Path file = dir.resolve("engine.backup");
        var backup = new ProcessBuilder(root.resolve("usr/bin/engine-backup").toString(), "--mode=backup", "--file=" + file,
                "--log=" + dir.resolve("backup.log")).redirectErrorStream(true).redirectOutput(dir.resolve("backup.out").toFile());
        backup.environment().put("ENGINE_BACKUP_DOUBLE_SPEED", "100");
        assertThat(backup.start().waitFor()).as(Files.readString(dir.resolve("backup.out"))).isZero();
        return file;
    }

    /**
     * Starts bootstrap_local_vm of the simulator as the runner does (vars in a JSON file, values
     * unsafe), fast, with its own temporary directory (where the role's lock file goes) and a
     * restored-engine.json left by an earlier restore beside the double's state.
     */
    static Run start(String name, Map<String, Object> overrides) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Path tmp = Files.createDirectories(run.resolve("tmp"));
        Path simulator = Files.createDirectories(run.resolve("simulator"));
        AnsiblePlaybook.writeVars(simulator, "restored-engine.json", Map.of("backup", "earlier.backup", "hosts", List.of()));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("he_wizard_role", "hosted_engine_simulator");
        vars.put("he_simulator_speed", 1000);
        vars.put("he_fqdn", unsafe("engine.example.com"));
        vars.put("he_host_name", unsafe("HOST1.example.com"));
        vars.put("he_bridge_if", unsafe("eth0"));
        vars.put("he_local_vm_dir_path", Files.createDirectories(run.resolve("vmdirs")).toString());
        vars.put("he_storage_domain_name", unsafe("he_storage"));
        vars.put("he_simulator_state_file", simulator.resolve("state.json").toString());
        vars.put("he_appliance_password", unsafe("appliance-pw"));
        vars.put("he_admin_password", unsafe("admin-pw"));
        vars.putAll(overrides);
        Path v = AnsiblePlaybook.writeVars(run, "vars.json", vars);
        return new Run(tmp, simulator, AnsiblePlaybook.start(List.of("-i", "localhost,", "-c", "local", "hosted_engine.yml",
                "--tags=bootstrap_local_vm", "--skip-tags=always", "-e", "@" + v, "-e", "ansible_shell_executable=/bin/bash"),
                Map.of("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.jsonl", "TMPDIR", tmp.toString())));
    }

    static Map<String, String> unsafe(String value) { return Map.of("__ansible_unsafe", value); }
}
