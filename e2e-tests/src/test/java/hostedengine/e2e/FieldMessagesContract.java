package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Invalid answers get their message at the field, in the browser's language: live when the field
 * is left, and the same text again after submitting. Subclasses pick the language.
 */
abstract class FieldMessagesContract {
    static final String INJECTED_FQDN = "manager.example.com;touch /tmp/x";
    static final String MULTICAST_MAC = "01:00:00:00:00:00";
    static final String PORT_OUT_OF_RANGE = "70000";

    abstract WizardUnderTest wizard();

    /** The html lang the pages must have. */
    abstract String expectedLanguage();

    /** Checks a message is written in the expected language. */
    abstract void assertWrittenInPageLanguage(String message);

    @Test
    void pagesAreRenderedInTheBrowsersLanguage() {
        VmStepPage vm = wizard().start();
        assertThat(vm.pageLanguage()).isEqualTo(expectedLanguage());
    }

    @Test
    void injectedFqdnIsRefusedWhenTheFieldIsLeft() {
        VmStepPage vm = wizard().start().fillFqdn(INJECTED_FQDN);

        assertThat(vm.isMarkedInvalid("engineVmFqdn")).isTrue();
        assertWrittenInPageLanguage(vm.fieldError("engineVmFqdn"));
    }

    @Test
    void injectedFqdnIsRefusedAfterSubmittingWithTheSameMessage() {
        VmStepPage vm = wizard().start().fillValid(TestAnswers.valid()).fillFqdn(INJECTED_FQDN);
        String live = vm.fieldError("engineVmFqdn");

        VmStepPage submitted = vm.nextExpectingErrors();

        assertThat(submitted.fieldError("engineVmFqdn")).isEqualTo(live);
        assertThat(submitted.value("engineVmFqdn")).isEqualTo(INJECTED_FQDN);
        assertThat(submitted.isMarkedInvalid("engineVmFqdn")).isTrue();
    }

    @Test
    void serverRefusesInjectedFqdnEvenWithoutTheBrowsersChecks() {
        VmStepPage vm = wizard().start().fillValid(TestAnswers.valid())
                .setFqdnWithoutLiveCheck(INJECTED_FQDN)
                .submitBypassingBrowserChecks();

        assertThat(vm.isMarkedInvalid("engineVmFqdn")).isTrue();
        assertWrittenInPageLanguage(vm.fieldError("engineVmFqdn"));
        assertThat(vm.errorSummaryTargets()).contains("engineVmFqdn");
    }

    @Test
    void multicastMacIsRefusedWhenTheFieldIsLeftAndAfterSubmitting() {
        VmStepPage vm = wizard().start().fillValid(TestAnswers.valid()).fillMac(MULTICAST_MAC);
        String live = vm.fieldError("macAddress");
        assertWrittenInPageLanguage(live);
        assertThat(vm.isMarkedInvalid("macAddress")).isTrue();

        VmStepPage submitted = vm.nextExpectingErrors();

        assertThat(submitted.fieldError("macAddress")).isEqualTo(live);
    }

    @Test
    void smtpPortAboveRangeIsRefusedWhenTheFieldIsLeftAndAfterSubmitting() {
        TestAnswers answers = TestAnswers.valid();
        EngineStepPage engine = wizard().start().fillValid(answers).next()
                .fillValid(answers)
                .fillSmtpPort(PORT_OUT_OF_RANGE);
        String live = engine.fieldError("smtpPort");
        assertWrittenInPageLanguage(live);
        assertThat(engine.isMarkedInvalid("smtpPort")).isTrue();

        EngineStepPage submitted = engine.nextExpectingErrors();

        assertThat(submitted.fieldError("smtpPort")).isEqualTo(live);
        assertThat(submitted.value("smtpPort")).isEqualTo(PORT_OUT_OF_RANGE);
    }

    @Test
    void errorSummaryLinksToEachInvalidField() {
        VmStepPage vm = wizard().start().fillValid(TestAnswers.valid())
                .fillFqdn(INJECTED_FQDN)
                .fillMac(MULTICAST_MAC)
                .nextExpectingErrors();

        assertThat(vm.errorSummaryTargets()).contains("engineVmFqdn", "macAddress");
        assertThat(vm.followErrorSummaryLink("macAddress")).isEqualTo("macAddress");
        assertThat(vm.isMarkedInvalid("macAddress")).isTrue();
    }

    @Test
    void validValueClearsTheMessage() {
        VmStepPage vm = wizard().start().fillFqdn(INJECTED_FQDN);
        vm.fieldError("engineVmFqdn");

        vm.fillFqdn("manager.example.com");

        assertThat(vm.hasNoError("engineVmFqdn")).isTrue();
        assertThat(vm.isMarkedInvalid("engineVmFqdn")).isFalse();
    }
}
