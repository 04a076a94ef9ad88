package hostedengine.e2e;

import static hostedengine.e2e.WizardFlow.ISCSI_TARGET;
import static hostedengine.e2e.WizardFlow.ISCSI_TPGT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Discovery's messages and the LUN table's reasons in Japanese. */
class JapaneseStorageDiscoveryTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inJapanese();

    @Test
    void tooSmallAndUsedLunsAreDisabledWithTheirReasonInJapanese() {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid()).chooseType("iscsi")
                .fillPortal("192.0.2.10", "3260").retrieveTargets().chooseTarget(ISCSI_TARGET, ISCSI_TPGT);

        List<String> disabled = storage.lunIds().stream().filter(storage::lunDisabled).toList();
        assertThat(disabled).hasSize(2);
        assertThat(disabled).extracting(storage::lunReason)
                .anySatisfy(r -> assertThat(r).contains("すでに使用されています"))
                .anySatisfy(r -> assertThat(r).contains("20.00 GiB"));
    }

    @Test
    void portalThatDoesNotAnswerIsReportedInJapanese() {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid()).chooseType("iscsi")
                .fillPortal("192.0.2.99", "3260").retrieveTargetsExpectingProblem();

        assertThat(storage.discoveryMessage("targets")).startsWith("検出に失敗しました").contains("Failed discovery of iSCSI targets");
    }
}
