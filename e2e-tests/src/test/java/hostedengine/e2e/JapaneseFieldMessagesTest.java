package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Field messages for a browser asking for Japanese (Accept-Language: ja). */
class JapaneseFieldMessagesTest extends FieldMessagesContract {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inJapanese();

    @Override
    WizardUnderTest wizard() {
        return wizard;
    }

    @Override
    String expectedLanguage() {
        return "ja";
    }

    @Override
    void assertWrittenInPageLanguage(String message) {
        assertThat(message).isNotBlank().containsPattern(Japanese.SCRIPT);
    }

    @Test
    void englishCanBeChosenOverTheBrowsersLanguage() {
        wizard.open("/wizard/vm?lang=en");
        VmStepPage vm = new VmStepPage(wizard).fillFqdn(INJECTED_FQDN);

        assertThat(vm.pageLanguage()).isEqualTo("en");
        assertThat(vm.fieldError("engineVmFqdn")).doesNotContainPattern(Japanese.SCRIPT);
    }
}
