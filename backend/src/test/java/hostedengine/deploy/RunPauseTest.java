package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.TargetProblem;
import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role's pauses through the real ansible-playbook and the simulator: each scenario has its own
 * state directory and Prepare VM run, all started at once (they mostly wait on Ansible).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPauseTest {
    static final String WAIT_PREFIX = "hosted_engine_simulator : Pause execution until ";
    static final Duration PAUSE_WITHIN = Duration.ofSeconds(240);
    /** The role pauses twice in Prepare VM: before engine-setup, then after adding the host. */
    static final Map<String, Object> TWO_PAUSES = Map.of("he_pause_before_engine_setup", true, "he_pause_host", true);

    @TempDir static Path tmp;
    final List<Runs> opened = new ArrayList<>();
    final AtomicBoolean hostDown = new AtomicBoolean();
    Runs pauseHost, cancelAtPause, restartAtPause;
    String pauseHostId, cancelId, restartId;
    ContinueOutcome beforeThePause;

    @BeforeAll
    void startEveryScenario() throws Exception {
        pauseHost = runs("pause-host", Map.of("he_pause_host", true), remoteThatCanGoDown());
        pauseHostId = start(pauseHost);
        beforeThePause = pauseHost.continueRun(pauseHostId);
        cancelAtPause = runs("non-operational", Map.of("he_simulator_add_host_non_operational", true), () -> AnsibleTarget.LOCAL);
        cancelId = start(cancelAtPause);
        restartAtPause = runs("restart", TWO_PAUSES, () -> AnsibleTarget.LOCAL);
        restartId = start(restartAtPause);
    }

    @AfterAll
    void stop() { opened.forEach(Runs::close); }

    @Test
    void pauseHostWaitsAtTheRolesTaskAndContinueFinishesTheRun() throws Exception {
        assertThat(beforeThePause.kind()).as("not paused yet").isEqualTo(ContinueOutcome.Kind.NOT_PAUSED);
        Pause pause = awaitPause(pauseHost, pauseHostId);
        assertThat(pause.task()).isEqualTo(WAIT_PREFIX + pause.lockFile() + " is removed, delete it once ready to proceed");
        assertThat(Path.of(pause.lockFile())).isRegularFile().hasParentRaw(Path.of("/tmp"));
        assertThat(pause.message()).startsWith("You can now connect to https://")
                .endsWith("please continue only when the host is listed as 'up'");
        assertThat(Instant.parse(pause.timesOutAt())).isEqualTo(Instant.parse(pause.since()).plusSeconds(86_400));
        assertThat(files(pauseHost, pauseHostId).pause()).as("run.json").isEqualTo(pause);

        hostDown.set(true);
        ContinueOutcome unreachable = pauseHost.continueRun(pauseHostId);
        assertThat(unreachable.kind()).isEqualTo(ContinueOutcome.Kind.HOST_UNREACHABLE);
        assertThat(unreachable.detail()).contains("hv1.example.com");
        assertThat(Path.of(pause.lockFile())).as("still paused").exists();
        assertThat(pauseHost.get(pauseHostId).orElseThrow().pause()).isEqualTo(pause);
        hostDown.set(false);

        assertThat(pauseHost.continueRun(pauseHostId).kind()).isEqualTo(ContinueOutcome.Kind.CONTINUED);
        assertThat(Path.of(pause.lockFile())).doesNotExist();
        ContinueOutcome twice = pauseHost.continueRun(pauseHostId);
        assertThat(twice.kind()).as(twice.detail()).isIn(ContinueOutcome.Kind.LOCK_ALREADY_GONE, ContinueOutcome.Kind.NOT_PAUSED);

        RunInfo ended = awaitEnd(pauseHost, pauseHostId);
        assertThat(ended.status()).as(ended.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(ended.pause()).isNull();
        assertThat(files(pauseHost, pauseHostId).pause()).isNull();
        assertThat(pauseHost.continueRun(pauseHostId).kind()).as("finished").isEqualTo(ContinueOutcome.Kind.NOT_PAUSED);
        assertThat(pauseHost.continueRun("no-such-run").kind()).isEqualTo(ContinueOutcome.Kind.UNKNOWN_RUN);
    }

    @Test
    void aFailedAddHostPausesWithTheRolesMessageAndCancelLeavesNoProcess() throws Exception {
        Pause pause = awaitPause(cancelAtPause, cancelId);
        assertThat(pause.message()).isEqualTo("You can now connect to https://localhost:6900/ovirt-engine/ and check the"
                + " status of this host and eventually remediate it, please continue only when the host is listed as 'up'");
        assertThat(cancelAtPause.page(cancelId, 0, 100_000)).extracting(RunEvent::message)
                .anyMatch(m -> m != null && m.startsWith("The host has been set in non_operational status"));
        int pgid = RunFiles.pgid(state("non-operational").resolve("runs").resolve(cancelId).resolve("2-bootstrap_local_vm"))
                .orElseThrow();

        assertThat(cancelAtPause.cancel(cancelId)).isTrue();
        RunInfo ended = awaitEnd(cancelAtPause, cancelId);
        assertThat(ended.status()).as(ended.message()).isEqualTo(RunStatus.CANCELED);
        assertThat(files(cancelAtPause, cancelId).status()).isEqualTo(RunStatus.CANCELED);
        assertThat(ended.pause()).isNull();
        Await.until("the canceled run's processes end", () -> !ProcessGroup.alive(pgid), Duration.ofSeconds(30));
        assertThat(ProcessGroup.alive(pgid)).isFalse();
        assertThat(Path.of(pause.lockFile())).as("nobody waits on it any more").doesNotExist();
    }

    /** Three runs of Prepare VM in all (one each is most of this class's time): this one pauses twice. */
    @Test
    void aRestartDuringAPauseKeepsItPausedAnEditedLockPathIsRefusedAndALockDeletedByHandIsSaidSo() throws Exception {
        Pause pause = awaitPause(restartAtPause, restartId);
        assertThat(pause.message()).startsWith("You can now connect from this host to the bootstrap engine VM using ssh as root");
        // The follower shows the pause in memory a moment before it writes run.json, which this test edits.
        Await.until("the pause written in run.json", () -> pauseOnDisk(restartId), Duration.ofSeconds(30));
        restartAtPause.close();

        // Someone points run.json at another file that looks like a lock file: never deleted.
        Path decoy = Files.createTempFile("decoy", "_he_setup_lock");
        try {
            editLockFile(restartId, decoy.toString());
            var paused = new PausedRuns(state("restart"));
            ContinueOutcome refused = paused.continueRun(restartId, AnsibleTarget.LOCAL);
            assertThat(refused.kind()).as(refused.detail()).isEqualTo(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK);
            assertThat(decoy).exists();
            assertThat(Path.of(pause.lockFile())).exists();

            Runs restarted = new Runs(state("restart"), settings("restart", TWO_PAUSES));
            opened.add(restarted);
            restarted.recover();
            Await.until("the restarted server sees the pause", () -> pause.equals(restarted.get(restartId).orElseThrow().pause()),
                    Duration.ofSeconds(30));
            assertThat(restarted.get(restartId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

            assertThat(restarted.continueRun(restartId).kind()).isEqualTo(ContinueOutcome.Kind.CONTINUED);
            assertThat(decoy).as("only the role's own lock file is deleted").exists();

            // The second pause: its lock file deleted by hand, as the role's message allows.
            Pause second = Await.value("the second pause", () -> Optional.ofNullable(restarted.get(restartId).orElseThrow().pause())
                    .filter(p -> !p.lockFile().equals(pause.lockFile())), PAUSE_WITHIN);
            Files.delete(Path.of(second.lockFile()));
            ContinueOutcome gone = restarted.continueRun(restartId);
            assertThat(gone.kind()).as(gone.detail()).isIn(ContinueOutcome.Kind.LOCK_ALREADY_GONE, ContinueOutcome.Kind.NOT_PAUSED);
            assertThat(gone.continued() || gone.kind() == ContinueOutcome.Kind.NOT_PAUSED).isTrue();

            RunInfo ended = awaitEnd(restarted, restartId);
            assertThat(ended.status()).as(ended.message()).isEqualTo(RunStatus.SUCCESSFUL);
        } finally {
            Files.deleteIfExists(decoy);
        }
    }

    // ---- arranging ------------------------------------------------------------------------

    private Path state(String name) { return tmp.resolve(name); }

    private RunSettings settings(String name, Map<String, Object> simulatorVars) {
        return RunSettings.simulator(PlaybookFiles.unpack(state(name)), 50).withSimulatorVars(simulatorVars);
    }

    private Runs runs(String name, Map<String, Object> simulatorVars, java.util.function.Supplier<AnsibleTarget> target)
            throws IOException {
        Files.createDirectories(state(name));
        Runs runs = new Runs(state(name), settings(name, simulatorVars), target);
        opened.add(runs);
        return runs;
    }

    private String start(Runs runs) throws RunConflict, IOException {
        var vars = new HashMap<String, Object>();
        vars.put("he_fqdn", "manager.example.com");
        vars.put("he_bridge_if", "eth0");
        vars.put("he_local_vm_dir_path", Files.createTempDirectory(tmp, "localvm").toString());
        return runs.start(Phase.PREPARE_VM, "user:root", vars,
                Map.of("he_appliance_password", "Pause-pw-1", "he_admin_password", "Pause-pw-1"));
    }

    /** Ansible works on this machine; only its readiness check plays a remote host that can stop answering. */
    private java.util.function.Supplier<AnsibleTarget> remoteThatCanGoDown() {
        AnsibleTarget target = new AnsibleTarget() {
            @Override public List<String> inventoryArguments() { return AnsibleTarget.LOCAL.inventoryArguments(); }

            @Override public Map<String, String> environment() { return Map.of(); }

            @Override public String label() { return "root@hv1.example.com:22"; }

            @Override public boolean local() { return false; }

            @Override public void checkReady() throws TargetProblem {
                if (hostDown.get()) throw new TargetProblem("remote.problem.UNREACHABLE", "no route to host");
            }
        };
        return () -> target;
    }

    private boolean pauseOnDisk(String id) {
        return new RunFiles(state("restart")).readInfo(id).map(RunInfo::pause).isPresent();
    }

    private void editLockFile(String id, String path) throws IOException {
        var files = new RunFiles(state("restart"));
        RunInfo onDisk = files.readInfo(id).orElseThrow();
        Pause p = onDisk.pause();
        files.writeInfo(onDisk.withPause(new Pause(p.task(), path, p.message(), p.since(), p.timesOutAt())));
    }

    private RunInfo files(Runs runs, String id) {
        for (String name : List.of("pause-host", "non-operational", "restart")) {
            var info = new RunFiles(state(name)).readInfo(id);
            if (info.isPresent()) return info.get();
        }
        throw new AssertionError("no run.json for " + id);
    }

    private static Pause awaitPause(Runs runs, String id) throws InterruptedException {
        RunInfo info = Await.value("run " + id + " pauses", () -> runs.get(id).filter(i -> i.pause() != null || i.status().isFinal()),
                PAUSE_WITHIN);
        assertThat(info.pause()).as("paused: %s %s", info.status(), info.message()).isNotNull();
        return info.pause();
    }

    private static RunInfo awaitEnd(Runs runs, String id) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), Duration.ofSeconds(120));
    }

}
