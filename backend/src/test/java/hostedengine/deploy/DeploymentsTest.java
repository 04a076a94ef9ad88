package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.AuditLog;
import hostedengine.testing.Await;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.Fixtures;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Start a phase", the use case the review pages and the command line share: the rule gate on
 * every variable it writes, the pre-flight checks, the bootstrap VM's directory read back and
 * judged, the host lock and the audit entries; with the real ansible-playbook on the small test role.
 */
class DeploymentsTest {
    private static final String OWNER = "user:root";

    @TempDir Path tmp;
    Path state;
    Runs runs;
    final List<Deployments.PreflightFailure> preflightFailures = new ArrayList<>();
    Deployments deployments;

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createDirectories(tmp.resolve("state"));
        runs = new Runs(state, TestPlaybooks.settings(tmp));
        var preflight = new Deployments.Preflight() {
            @Override public List<Deployments.PreflightFailure> failures(String owner, Answers answers) {
                return List.copyOf(preflightFailures);
            }

            @Override public String localVmDirPath(String owner) { return "/var/tmp"; }
        };
        deployments = new Deployments(runs, Fixtures::rules, preflight, new AuditLog(state, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() { runs.close(); }

    @Test
    void aStorageValueRefusedByItsRuleNeverReachesThePrepareVmVarsFile() throws Exception {
        Answers answers = Fixtures.valid().with(Field.STORAGE_DOMAIN_NAME, "hosted$(touch /tmp/x)")
                .with(Field.MOUNT_OPTIONS, "rw,x=1 ;reboot");

        var outcome = start(Phase.PREPARE_VM, answers);

        assertThat(outcome).isInstanceOf(Deployments.Started.class);
        String id = ((Deployments.Started) outcome).runId();
        assertThat(awaitEnd(id).status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(varsFiles()).isNotEmpty().allSatisfy(v -> assertThat(Files.readString(v))
                .doesNotContain("$(touch").doesNotContain(";reboot")
                .doesNotContain("he_storage_domain_name").contains("\"he_fqdn\""));
    }

    @Test
    void aRestorePlanAddsTheRolesRestoreVariablesOrRefusesThePhaseWithItsReason() throws Exception {
        var preflight = new Deployments.Preflight() {
            @Override public List<Deployments.PreflightFailure> failures(String owner, Answers answers) { return List.of(); }

            @Override public String localVmDirPath(String owner) { return "/var/tmp"; }
        };
        var asked = new java.util.concurrent.atomic.AtomicReference<String>();
        Deployments.Restore plan = (owner, fqdn) -> {
            asked.set(fqdn);
            return Optional.of(fqdn.equals("manager.example.com")
                    ? new Deployments.RestoreVars(Map.of("he_restore_from_file", "/var/lib/b/x.backup", "he_cluster", "C1"), null, null)
                    : new Deployments.RestoreVars(null, "restore.error.fqdn", List.of("manager.example.com", fqdn)));
        };
        var restoring = new Deployments(runs, Fixtures::rules, preflight, new AuditLog(state, Clock.systemUTC()), plan);

        var refused = restoring.start(new Deployments.Request(Phase.PREPARE_VM, "user:root", "root", "192.0.2.1",
                Fixtures.valid().with(Field.ENGINE_VM_FQDN, "other.example.com"), null));
        assertThat(refused).isEqualTo(new Deployments.RestoreRefused("restore.error.fqdn", List.of("manager.example.com", "other.example.com")));
        assertThat(runs.list()).isEmpty();

        var started = restoring.start(new Deployments.Request(Phase.PREPARE_VM, "user:root", "root", "192.0.2.1",
                Fixtures.valid().with(Field.ENGINE_VM_FQDN, "manager.example.com"), null));
        assertThat(asked.get()).isEqualTo("manager.example.com");
        assertThat(awaitEnd(((Deployments.Started) started).runId()).status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(varsFiles()).isNotEmpty().allSatisfy(v -> assertThat(Files.readString(v))
                .contains("\"he_restore_from_file\"").contains("/var/lib/b/x.backup").contains("\"he_cluster\""));
    }

    @Test
    void aShellLookingVmValueRefusesPrepareVmAtItsStepAndStartsNothing() throws Exception {
        var outcome = start(Phase.PREPARE_VM, Fixtures.valid().with(Field.ENGINE_VM_FQDN, "manager.example.com;touch /tmp/x"));

        assertThat(outcome).isInstanceOfSatisfying(Deployments.Refused.class, r -> {
            assertThat(r.step()).isEqualTo(Step.VM);
            assertThat(r.errors()).extracting(e -> e.field()).contains(Field.ENGINE_VM_FQDN);
        });
        assertThat(runs.list()).isEmpty();
        assertThat(Files.exists(state.resolve("runs"))).isFalse();
    }

    @Test
    void finishRefusesAFieldOfAnyStep() throws Exception {
        var outcome = start(Phase.FINISH, Fixtures.valid().with(Field.STORAGE_DOMAIN_NAME, "x`id`"));

        assertThat(outcome).isInstanceOfSatisfying(Deployments.Refused.class,
                r -> assertThat(r.step()).isEqualTo(Step.STORAGE));
        assertThat(runs.list()).isEmpty();
    }

    @Test
    void aFailingPreflightCheckKeepsPrepareVmFromStarting() throws Exception {
        preflightFailures.add(new Deployments.PreflightFailure("memory", "tooLittle", List.of("4096")));

        var outcome = start(Phase.PREPARE_VM, Fixtures.valid());

        assertThat(outcome).isInstanceOfSatisfying(Deployments.PreflightFailed.class,
                f -> assertThat(f.failures()).extracting(Deployments.PreflightFailure::id).containsExactly("memory"));
        assertThat(runs.list()).isEmpty();
    }

    @Test
    void finishNeedsASuccessfulPrepareVm() {
        assertThat(start(Phase.FINISH, Fixtures.valid())).isInstanceOf(Deployments.NeedsPrepareVm.class);
    }

    @Test
    void aBootstrapVmDirectoryWithShellTextIsNeverPastedIntoFinish() throws Exception {
        String prepared = runWithVars(Phase.PREPARE_VM, Map.of("he_test_localvm_dir", "/var/tmp/localvm;touch /tmp/x"));
        assertThat(awaitEnd(prepared).status()).isEqualTo(RunStatus.SUCCESSFUL);

        var outcome = start(Phase.FINISH, Fixtures.valid());

        assertThat(outcome).isInstanceOfSatisfying(Deployments.UnsafeReadBack.class,
                u -> assertThat(u.message()).contains("otopi_localvm_dir").contains("/var/tmp/localvm;touch /tmp/x"));
        assertThat(runs.list()).extracting(RunInfo::phase).containsExactly(Phase.PREPARE_VM);
    }

    @Test
    void aDirectoryWithShellTextReportedMidRunStopsTheRunBeforeTheNextTag() throws Exception {
        String id = runWithVars(Phase.FINISH, Map.of("he_local_vm_dir", "/var/tmp/localvmOK",
                "he_test_late_localvm_dir", "/var/tmp/x$(reboot)"));

        RunInfo ended = awaitEnd(id);

        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.messageKey()).isEqualTo("run.unsafeResult");
        assertThat(ended.message()).contains("$(reboot)");
        assertThat(Files.exists(state.resolve("runs").resolve(id).resolve("2-create_target_vm"))).isFalse();
    }

    @Test
    void anotherDeploymentHoldingTheHostIsNamedAndAudited() throws Exception {
        String running = runWithVars(Phase.PREPARE_VM, Map.of("he_test_sleep", 30));

        var outcome = start(Phase.PREPARE_VM, Fixtures.valid());

        assertThat(outcome).isInstanceOfSatisfying(Deployments.HostBusy.class,
                b -> assertThat(b.runningId()).isEqualTo(running));
        runs.cancel(running);
        awaitEnd(running);
        assertThat(Files.readString(state.resolve("audit.log"))).contains(running).contains("failure");
    }

    @Test
    void theStartAndTheEndAreAudited() throws Exception {
        String id = ((Deployments.Started) start(Phase.PREPARE_VM, Fixtures.valid())).runId();
        awaitEnd(id);

        Await.until("the audit log's two lines for run " + id, () -> audit().lines().filter(l -> l.contains(id)).count() >= 2,
                Duration.ofSeconds(10));
        assertThat(audit().lines().filter(l -> l.contains(id))).anySatisfy(l -> assertThat(l).contains("deployment-finished"));
    }

    @Test
    void theEndIsAuditedOnceWhenTheCallerAndTheListenerBothReportIt() throws Exception {
        String id = ((Deployments.Started) start(Phase.PREPARE_VM, Fixtures.valid())).runId();
        RunInfo ended = awaitEnd(id);

        deployments.ended(ended);
        deployments.ended(ended);

        // The listener reports on its own thread, which ends once it has had the run's end.
        Await.until("the audit listener of run " + id + " is done", () -> !subscriberRunning(id), Duration.ofSeconds(10));
        assertThat(audit().lines().filter(l -> l.contains(id) && l.contains("deployment-finished"))).hasSize(1);
    }

    private Deployments.Outcome start(Phase phase, Answers answers) {
        return deployments.start(new Deployments.Request(phase, OWNER, "root", "127.0.0.1", answers, StorageDevices.none()));
    }

    /** A run started past the use case, as a test of the run core's own guard. */
    private String runWithVars(Phase phase, Map<String, Object> vars) throws RunConflict {
        return runs.start(phase, OWNER, vars, Map.of());
    }

    private String audit() {
        try {
            return Files.readString(state.resolve("audit.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private List<Path> varsFiles() throws IOException {
        try (Stream<Path> files = Files.walk(state.resolve("runs"))) {
            return files.filter(p -> p.getFileName().toString().equals("vars.json")).toList();
        }
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), Duration.ofSeconds(60));
    }

    /** A run's subscribers each have a thread named after the run (EventLog). */
    private static boolean subscriberRunning(String id) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("run-subscriber-" + id));
    }
}
