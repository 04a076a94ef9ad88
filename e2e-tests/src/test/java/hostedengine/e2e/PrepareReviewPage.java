package hostedengine.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** /wizard/prepare: the VM and Engine answers reviewed before "Prepare VM". */
public final class PrepareReviewPage extends ReviewPage {

    public PrepareReviewPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/prepare");
    }

    /** The "Storage" link (#to-storage): on to the Storage step without running Prepare VM. */
    public StoragePage toStorage() {
        clickAndAwaitNewPage(By.id("to-storage"));
        return new StoragePage(wizard);
    }

    /** "Prepare VM" (#next): starts the Prepare VM run and shows its progress page. */
    public RunPage prepareVm() {
        awaitPreflight();
        clickNext();
        return new RunPage(wizard);
    }

    private By check(String id) { return By.cssSelector("#preflight [data-check='" + id + "']"); }

    /** How long the list may wait for the host's reading (Ansible runs; slow on a loaded machine). */
    private static final java.time.Duration READING_WAIT = java.time.Duration.ofMinutes(3);

    /** Waits while the list says the host is being read (the page draws itself again once read). */
    public PrepareReviewPage awaitPreflight() {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, READING_WAIT)
                .withMessage("the pre-flight list still waiting for the host's reading (#preflight-pending)")
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElements(By.id("preflight-pending")).isEmpty()
                        && !d.findElements(By.cssSelector("#preflight [data-check]")).isEmpty());
        return this;
    }

    /** A pre-flight check's status: pass, warning or failure. */
    public String preflightStatus(String id) {
        awaitPreflight();
        return waiting().until(ExpectedConditions.presenceOfElementLocated(check(id))).getDomAttribute("data-status");
    }

    /** What the check found, as the page says it (status word, title, finding, fix). */
    public String preflightText(String id) {
        return driver.findElement(check(id)).getText();
    }

    public String preflightFix(String id) {
        return driver.findElement(check(id)).findElement(By.className("preflight-fix")).getText().strip();
    }

    public boolean prepareVmEnabled() {
        awaitPreflight();
        return driver.findElement(By.id("next")).isEnabled();
    }

    /** "Run checks again": reads the host again and shows the list anew. */
    public PrepareReviewPage runChecksAgain() {
        clickAndAwaitNewPage(By.id("preflight-again"));
        return new PrepareReviewPage(wizard);
    }
}
