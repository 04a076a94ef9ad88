package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Field messages for a browser asking for English. */
class EnglishFieldMessagesTest extends FieldMessagesContract {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    @Override
    WizardUnderTest wizard() {
        return wizard;
    }

    @Override
    String expectedLanguage() {
        return "en";
    }

    @Override
    void assertWrittenInPageLanguage(String message) {
        assertThat(message).isNotBlank().containsPattern("[A-Za-z]{3,}").doesNotContainPattern(Japanese.SCRIPT);
    }
}
