package hostedengine.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** /cleanup: two confirmations, the cleanup's live output ({@code #cleanup-log}), the outcome and the space freed. */
public final class CleanupPage extends WizardPage {
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(60);

    public CleanupPage(WizardUnderTest wizard) {
        super(wizard, "/cleanup");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("cleanup")));
    }

    /** Ticks both confirmations and submits: the server redirects back here while the cleanup runs. */
    public CleanupPage confirmAndStart() {
        setChecked("cleanup-confirm-deconfigure", true);
        setChecked("cleanup-confirm-storage", true);
        clickAndAwaitNewPage(By.id("cleanup-submit"));
        return new CleanupPage(wizard);
    }

    /** Waits until the page shows the cleanup succeeded (#cleanup-done visible, after the page's reload at the end). */
    public CleanupPage awaitSuccess() {
        new WebDriverWait(driver, CLEANUP_TIMEOUT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "cleanup did not succeed; state " + state())
                .until(d -> "SUCCEEDED".equals(state()) && d.findElement(By.id("cleanup-done")).isDisplayed());
        return this;
    }

    public String state() {
        try {
            return driver.findElement(By.id("cleanup")).getDomAttribute("data-state");
        } catch (org.openqa.selenium.WebDriverException e) {
            return null;
        }
    }

    public List<String> logLines() {
        return driver.findElements(By.cssSelector("#cleanup-log li")).stream().map(li -> li.getText().strip()).toList();
    }

    public String freed() {
        return driver.findElement(By.id("cleanup-freed")).getText().strip();
    }

    public VmStepPage toWizard() {
        clickAndAwaitNewPage(By.id("cleanup-to-wizard"));
        return new VmStepPage(wizard);
    }
}
