package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole simulated NFS deployment from the VM step to success, as an administrator clicks
 * through it, with the role's pause after adding the host (he_pause_host, switched on in the
 * simulator with HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE): the run page says Paused with the role's
 * own message and when the wait gives up, and Continue lets the role go on. One deployment for
 * both: a Prepare VM is most of this suite's time.
 */
class WholeDeploymentTest {
    /** Prepare VM reaches the role's pause near the end of bootstrap_local_vm: most of the phase. */
    static final Duration UNTIL_PAUSE = Duration.ofMinutes(4);

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish()
            .withServerEnv("HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE", "host");
    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void simulatedNfsDeploymentPausesGoesOnWithContinueAndARefreshLosesAndRepeatsNoLogLine() {
        RunPage prepare = WizardFlow.toPrepareReview(wizard, answers).prepareVm().awaitLogLines(40);
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
                .finishDeployment();
        finish.awaitSuccess();
        assertThat(finish.status()).isEqualTo("SUCCESSFUL");
    }

    private static void assertContiguous(List<Long> seqs) {
        assertThat(seqs).isNotEmpty();
        long first = seqs.get(0);
        assertThat(seqs).as("event numbers in the log, no gap and no repeat")
                .containsExactlyElementsOf(LongStream.range(first, first + seqs.size()).boxed().toList());
    }
}
