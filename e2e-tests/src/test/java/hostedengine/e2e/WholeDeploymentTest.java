package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's whole day 0 in the browser, on the simulator. A first deployment fails at a
 * real task of initial_clean; the run page leads to the cleanup, which, confirmed twice, shows its
 * output and the space freed and opens the wizard with the previous answers. The server is
 * restarted on the same state directory without the failure switch and with the role's pause after
 * adding the host (he_pause_host, HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE); the passwords re-entered,
 * the redeployment runs: a refresh during Prepare VM loses and repeats no log line, the run page
 * says Paused with the role's own message and when the wait gives up, Continue lets the role go
 * on, Finish Deployment succeeds and the status page shows the engine up. One story, one whole
 * deployment: a deployment is most of this suite's time.
 */
class WholeDeploymentTest {
    static final String FAILING_TASK = "Stop libvirt service";
    /** Prepare VM reaches the role's pause near the end of bootstrap_local_vm: most of the phase. */
    static final Duration UNTIL_PAUSE = Duration.ofMinutes(4);

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish()
            .withServerEnv("HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT", FAILING_TASK);
    private final TestAnswers answers = TestAnswers.valid().withEngineVmFqdn("redeployed.example.com");

    @Test
    void aFailedDeploymentIsCleanedUpThenRedeployedThroughAPauseToTheStatusPage() {
        RunPage failed = WizardFlow.toPrepareReview(wizard, answers).prepareVm().awaitFailure();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failedTask()).endsWith(FAILING_TASK);

        // a real host has ovirt-hosted-engine-setup installed by now; the simulator installs its
        // doubles only at final_clean, so the test puts them where a failed host has them
        new EngineDouble(wizard.server()).install().failedAttempt();

        CleanupPage cleanup = failed.toCleanup().confirmAndStart().awaitSuccess();
        assertThat(cleanup.logLines()).isNotEmpty();
        assertThat(cleanup.freed()).matches("\\d+\\.\\d MiB");

        VmStepPage vm = cleanup.toWizard();
        assertThat(vm.value("engineVmFqdn")).isEqualTo(answers.engineVmFqdn());
        assertThat(vm.value("macAddress")).isEqualTo(answers.macAddress());

        // the switches belong to the server process: the same state directory, no failure, a pause
        wizard.restartServer(Map.of("HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE", "host"));
        wizard.start();
        vm = new VmStepPage(wizard);
        assertThat(vm.value("engineVmFqdn")).as("the draft survived the restart").isEqualTo(answers.engineVmFqdn());

        RunPage prepare = vm.fillValid(answers).next().fillValid(answers).next().prepareVm().awaitLogLines(40);
        List<Long> before = prepare.logSeqs();
        assertContiguous(before);
        long lastBefore = before.get(before.size() - 1);

        RunPage refreshed = prepare.refresh().awaitLogLines((int) lastBefore + 20);
        List<Long> after = refreshed.logSeqs();
        assertContiguous(after);
        assertThat(after.get(0)).as("the refreshed log starts no later than the line after the last one seen")
                .isLessThanOrEqualTo(lastBefore + 1);
        assertThat(after.get(after.size() - 1)).isGreaterThan(lastBefore);

        RunPage paused = refreshed.awaitPause(UNTIL_PAUSE);
        assertThat(paused.pauseText()).contains("Paused: the deployment waits for you", "press Continue");
        assertThat(paused.pauseMessage()).startsWith("You can now connect to https://")
                .contains(":6900/ovirt-engine/").endsWith("please continue only when the host is listed as 'up'");
        assertThat(Instant.parse(paused.pauseTimesOutAt())).isAfter(Instant.now().plus(Duration.ofHours(23)));
        // The counts and the bar come from the server; while paused they agree with the log the page holds.
        assertThat(paused.logSeqs().get(0)).as("the page holds the whole log").isEqualTo(1L);
        paused.awaitCountsMatchingTheLog();
        assertThat(paused.count("ok")).isPositive();
        assertThat(paused.percent()).isBetween(1, 100);
        assertThat(paused.currentTask()).isNotEqualTo("—");

        RunPage prepared = paused.continueRun().awaitSuccess().awaitStreamEnd();
        List<Long> all = prepared.logSeqs();
        assertContiguous(all);
        assertThat(all.get(all.size() - 1)).as("the last line shown is the run's last event")
                .isEqualTo(Long.parseLong(SessionHttp.get(wizard, "/api/runs/" + prepared.runId()).body()
                        .replaceAll(".*\"events\":(\\d+).*", "$1")));

        StoragePage storage = prepared.toStorage();
        assertThat(storage.selected("storageType")).as("the Storage step comes next, NFS chosen").isEqualTo("nfs");
        RunPage finish = storage
                .chooseType("nfs")
                .fillConnection("storage.example.com:/exports/hosted_engine")
                .fillDomainName("hosted_storage")
                .next()
                .finishDeployment()
                .awaitSuccess();
        assertThat(finish.status()).isEqualTo("SUCCESSFUL");

        wizard.open("/");
        StatusPage status = new StatusPage(wizard).awaitDiagnosis("engineUp");
        assertThat(status.hosts().values()).anySatisfy(h -> assertThat(h)
                .containsEntry("runsEngine", "true").containsEntry("vm", "up").containsEntry("health", "good"));
    }

    private static void assertContiguous(List<Long> seqs) {
        assertThat(seqs).isNotEmpty();
        long first = seqs.get(0);
        assertThat(seqs).as("event numbers in the log, no gap and no repeat")
                .containsExactlyElementsOf(LongStream.range(first, first + seqs.size()).boxed().toList());
    }
}
