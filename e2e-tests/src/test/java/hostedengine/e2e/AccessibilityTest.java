package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** axe-core finds no serious or critical violation on any step, including with messages shown. */
class AccessibilityTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void vmStepWithAdvancedOpenHasNoSeriousViolation() {
        wizard.start().openAdvanced();
        assertNoSeriousViolation("VM step, advanced open");
    }

    @Test
    void vmStepWithStaticAddressAndErrorsHasNoSeriousViolation() {
        wizard.start().openAdvanced().chooseStatic()
                .fillFqdn(FieldMessagesContract.INJECTED_FQDN)
                .fillMac(FieldMessagesContract.MULTICAST_MAC)
                .nextExpectingErrors();
        assertNoSeriousViolation("VM step with errors");
    }

    @Test
    void engineStepHasNoSeriousViolation() {
        wizard.start().fillValid(answers).next().fillSmtpPort(FieldMessagesContract.PORT_OUT_OF_RANGE);
        assertNoSeriousViolation("Engine step");
    }

    @Test
    void prepareReviewHasNoSeriousViolation() {
        WizardFlow.toPrepareReview(wizard, answers);
        assertNoSeriousViolation("Prepare VM review");
    }

    @Test
    void storageStepForEveryTypeHasNoSeriousViolation() {
        StoragePage storage = WizardFlow.toStorage(wizard, answers);
        storage.chooseType("nfs");
        assertNoSeriousViolation("Storage: NFS");
        storage.chooseType("glusterfs");
        assertNoSeriousViolation("Storage: Gluster");
        storage.chooseType("iscsi").fillPortal("192.0.2.10", "3260").retrieveTargets()
                .chooseTarget(WizardFlow.ISCSI_TARGET, WizardFlow.ISCSI_TPGT);
        assertNoSeriousViolation("Storage: iSCSI with targets and LUNs");
        storage.chooseType("fc").discoverFc();
        assertNoSeriousViolation("Storage: Fibre Channel with LUNs");
    }

    @Test
    void finishReviewHasNoSeriousViolation() {
        WizardFlow.toFinishWithNfs(wizard, answers);
        assertNoSeriousViolation("Finish review");
    }

    @Test
    void importPageHasNoSeriousViolation() {
        ImportPage.open(wizard);
        assertNoSeriousViolation("Import page");
    }

    @Test
    void backupAndRestorePagesHaveNoSeriousViolation() {
        wizard.start();
        BackupsPage.open(wizard);
        assertNoSeriousViolation("Backups page");
        RestorePage.open(wizard);
        assertNoSeriousViolation("Deploy from a backup");
        wizard.open("/engine/updates");
        assertNoSeriousViolation("Updates of the engine");
    }

    @Test
    void japaneseVmStepHasNoSeriousViolation() {
        wizard.open("/wizard/vm?lang=ja");
        new VmStepPage(wizard).openAdvanced();
        assertNoSeriousViolation("VM step in Japanese");
        wizard.open("/wizard/vm?lang=en");
    }

    private static void assertNoSeriousViolation(String page) { assertNoSeriousViolation(wizard.driver(), page); }

    /** For pages other tests reach (a deployed engine's): axe finds nothing serious or critical on what the browser shows. */
    static void assertNoSeriousViolation(org.openqa.selenium.WebDriver driver, String page) {
        Results results = new AxeBuilder().analyze(driver);
        assertThat(results.isErrored()).as("axe ran on %s", page).isFalse();
        List<Rule> blocking = results.getViolations().stream()
                .filter(rule -> BLOCKING.contains(rule.getImpact()))
                .toList();
        assertThat(blocking).as("serious/critical axe violations on %s:%n%s", page, describe(blocking)).isEmpty();
    }

    private static String describe(List<Rule> rules) {
        return rules.stream()
                .map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
                        + rule.getNodes().stream()
                                .map(node -> "    " + node.getTarget() + "  " + node.getHtml())
                                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }
}
