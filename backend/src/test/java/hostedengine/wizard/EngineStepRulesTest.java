package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static hostedengine.wizard.Fixtures.keys;
import static hostedengine.wizard.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineStepRulesTest {

    @Test
    void adminPasswordConfirmationMustMatch() {
        assertThat(keys(valid().with(ADMIN_PASSWORD_CONFIRM, "nope"), ADMIN_PASSWORD_CONFIRM))
                .containsExactly("error.passwordMismatch");
        assertThat(keys(valid().with(ADMIN_PASSWORD, ""), ADMIN_PASSWORD)).containsExactly("error.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "smtp.example.com", "192.168.1.25", "fd00::25"})
    void smtpServerHostNameOrAddressIsAccepted(String server) {
        assertThat(keys(valid().with(SMTP_SERVER, server), SMTP_SERVER)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp example", "smtp.example.com:25", "smtp;id", "{{ smtp }}"})
    void smtpServerThatIsNeitherIsRejected(String server) {
        assertThat(keys(valid().with(SMTP_SERVER, server), SMTP_SERVER)).containsExactly("error.hostName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-25"})
    void smtpPortOutside1To65535IsRejected(String port) {
        assertThat(keys(valid().with(SMTP_PORT, port), SMTP_PORT)).containsExactly("error.range");
    }

    @Test
    void smtpPortEdgesAreAccepted() {
        assertThat(keys(valid().with(SMTP_PORT, "1"), SMTP_PORT)).isEmpty();
        assertThat(keys(valid().with(SMTP_PORT, "65535"), SMTP_PORT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"root@localhost", "he-alerts+ovirt@example.com", "a.b@mail.example.org"})
    void senderAddressIsAccepted(String email) {
        assertThat(keys(valid().with(SOURCE_EMAIL, email), SOURCE_EMAIL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "@example.com", "root@", "root@exa mple.com", "root@@example.com",
            "a..b@example.com", "root@example.com,other@example.com"})
    void malformedSenderAddressIsRejected(String email) {
        assertThat(keys(valid().with(SOURCE_EMAIL, email), SOURCE_EMAIL)).containsExactly("error.email");
    }

    @Test
    void oneToThreeRecipientsAreAccepted() {
        assertThat(keys(valid().with(DEST_EMAILS, "a@example.com, b@example.com,root@localhost"), DEST_EMAILS))
                .isEmpty();
    }

    @Test
    void moreThanThreeRecipientsAreRejected() {
        assertThat(keys(valid().with(DEST_EMAILS, "a@x.com,b@x.com,c@x.com,d@x.com"), DEST_EMAILS))
                .containsExactly("error.emailCount");
    }

    @Test
    void recipientErrorNamesTheBadAddress() {
        var errors = Fixtures.rules().check(Step.ENGINE, valid().with(DEST_EMAILS, "a@x.com,not-an-address"),
                Fixtures.devices());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("error.email");
            assertThat(e.args()).containsExactly("not-an-address");
        });
    }
}
