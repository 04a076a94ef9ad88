package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole simulated NFS deployment from the VM step to success, as an administrator clicks through it. */
class WholeDeploymentTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();
    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void simulatedNfsDeploymentSucceedsAndARefreshDuringPrepareVmLosesAndRepeatsNoLogLine() {
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

        RunPage prepared = refreshed.awaitSuccess().awaitStreamEnd();
        List<Long> all = prepared.logSeqs();
        assertContiguous(all);
        assertThat(all.get(all.size() - 1)).as("the last line shown is the run's last event")
                .isEqualTo(Long.parseLong(SessionHttp.get(wizard, "/api/runs/" + prepared.runId()).body()
                        .replaceAll(".*\"events\":(\\d+).*", "$1")));

        RunPage finish = prepared.toStorage()
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
