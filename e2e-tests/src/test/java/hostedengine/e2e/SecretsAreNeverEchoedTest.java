package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Passwords are never sent back to the browser: reviews say "set", password inputs come back empty. */
class SecretsAreNeverEchoedTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void reviewShowsPasswordsAsSetWithoutTheirValue() {
        PrepareReviewPage review = WizardFlow.toPrepareReview(wizard, answers);

        assertThat(review.isSecret("he_appliance_password")).isTrue();
        assertThat(review.isSecret("he_admin_password")).isTrue();
        assertThat(review.reviewValue("he_appliance_password")).isEqualTo("set");
        assertThat(review.reviewValue("he_admin_password")).isEqualTo("set");
        assertNoSecretInPageSource();
    }

    @Test
    void japaneseReviewShowsPasswordsAsSetInJapanese() {
        WizardFlow.toPrepareReview(wizard, answers);
        wizard.open("/wizard/prepare?lang=ja");
        PrepareReviewPage review = new PrepareReviewPage(wizard);

        assertThat(review.reviewValue("he_appliance_password")).isEqualTo("設定済み");
        assertThat(review.reviewValue("he_admin_password")).isEqualTo("設定済み");
        wizard.open("/wizard/prepare?lang=en");
    }

    @Test
    void passwordInputsComeBackEmptyWhenReturningToAStep() {
        PrepareReviewPage review = WizardFlow.toPrepareReview(wizard, answers);

        VmStepPage vm = review.editVm();

        assertThat(vm.value("rootPassword")).isEmpty();
        assertThat(vm.value("rootPasswordConfirm")).isEmpty();
        assertNoSecretInPageSource();
    }

    @Test
    void passwordInputsComeBackEmptyWhenAStepIsRefusedAndRefreshed() {
        VmStepPage vm = wizard.start().fillValid(answers).fillFqdn(FieldMessagesContract.INJECTED_FQDN)
                .nextExpectingErrors();
        assertThat(vm.value("rootPassword")).isEmpty();
        assertNoSecretInPageSource();

        VmStepPage refreshed = vm.refresh();
        assertThat(refreshed.value("rootPassword")).isEmpty();
        assertThat(refreshed.value("rootPasswordConfirm")).isEmpty();
        assertNoSecretInPageSource();
    }

    @Test
    void iscsiPasswordsAreShownAsSetOnFinishReview() {
        FinishReviewPage review = WizardFlow.toStorage(wizard, answers)
                .chooseType("iscsi")
                .fillPortal("192.0.2.10", "3260")
                .fillPortalChap("chap-user", "Chap-Secret-1")
                .fillDiscoveryChap("disc-user", "Disc-Secret-2")
                .retrieveTargets()
                .chooseTarget(WizardFlow.ISCSI_TARGET, WizardFlow.ISCSI_TPGT)
                .chooseLun(firstSelectableLun())
                .next();

        assertThat(review.reviewValue("he_iscsi_password")).isEqualTo("set");
        assertThat(review.reviewValue("he_iscsi_discover_password")).isEqualTo("set");
        assertThat(wizard.driver().getPageSource()).doesNotContain("Chap-Secret-1", "Disc-Secret-2");
        assertNoSecretInPageSource();
    }

    private String firstSelectableLun() {
        return new StoragePage(wizard).selectableLunIds().get(0);
    }

    private void assertNoSecretInPageSource() {
        assertThat(wizard.driver().getPageSource())
                .doesNotContain(answers.rootPassword(), answers.adminPassword());
    }
}
