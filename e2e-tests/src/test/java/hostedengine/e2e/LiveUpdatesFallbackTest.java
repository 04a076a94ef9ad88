package hostedengine.e2e;

import static hostedengine.e2e.EngineDouble.HOST1;
import static hostedengine.e2e.EngineDouble.HOST2;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A page whose live stream is refused polls instead, and says so. The server allows no stream at
 * all ({@code --streams-per-session 0}), so every stream is answered 429; its own server, as the
 * other status tests need their streams.
 */
class LiveUpdatesFallbackTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish().withServerOptions("--streams-per-session", "0");

    @Test
    void theStatusPageWhoseStreamIsRefusedRefreshesFromTheJsonAndSaysLiveUpdatesAreUnavailable() {
        var engine = new EngineDouble(wizard.server()).install();
        engine.engineUpOn(2);
        StatusPage page = StatusPage.open(wizard).awaitEngineOn(HOST2);

        WebElement note = wizard.driver().findElement(By.id("live-note"));
        wizard.browser().waiting().withMessage("the note that the page refreshes by itself").until(d -> note.isDisplayed());
        assertThat(note.getText()).contains("Live updates are unavailable").contains("every 5 seconds");
        assertThat(wizard.driver().findElement(By.tagName("body")).getAttribute("data-polling")).isEqualTo("true");
        assertThat(wizard.driver().findElement(By.id("status")).getAttribute("data-streaming")).isNull();

        engine.engineUpOn(1);
        page.awaitEngineOn(HOST1).awaitHostField(HOST1, "health", "good");
    }
}
