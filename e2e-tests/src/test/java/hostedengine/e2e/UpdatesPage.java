package hostedengine.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** /engine/updates: check for an engine update, then update the engine; the last check and update. */
public final class UpdatesPage extends WizardPage {
    public UpdatesPage(WizardUnderTest wizard) {
        super(wizard, "/engine/updates");
    }

    public static UpdatesPage open(WizardUnderTest wizard) {
        wizard.open("/engine/updates");
        return new UpdatesPage(wizard);
    }

    /** Checks for updates with the engine VM's root password; the run's page opens. */
    public RunPage check(String rootPassword) { return loginAndSubmit(rootPassword, "update-check-submit"); }

    /** The last check's verdict (AVAILABLE, NONE, ERROR, UNEXPECTED, FAILED), or "" before any. */
    public String verdict() {
        List<WebElement> last = driver.findElements(By.id("last-update-check"));
        return last.isEmpty() ? "" : last.get(0).getDomAttribute("data-verdict");
    }

    /** The backup the update form names as the newest of the last day, or "" when it offers none. */
    public String recentBackup() {
        List<WebElement> b = driver.findElements(By.id("update-backup"));
        return b.isEmpty() ? "" : b.get(0).getText().strip();
    }

    /** The update's steps as the page lists them, in order. */
    public List<String> steps() {
        return driver.findElements(By.cssSelector("#update-steps li")).stream().map(e -> e.getText().strip()).toList();
    }

    /** Updates the engine with the engine VM's root password; the run's page opens. */
    public RunPage update(String rootPassword) { return loginAndSubmit(rootPassword, "engine-update-submit"); }

    /** The page's one login form (root's password on the engine VM), sent with {@code button}. */
    private RunPage loginAndSubmit(String rootPassword, String button) {
        field("auth-password").click();
        type("engine-vm-password", rootPassword);
        clickAndAwaitNewPage(By.id(button));
        return new RunPage(wizard);
    }

    /** How the last update ended (UPDATED, NOTHING_TO_UPDATE, FAILED, CANCELED, RUNNING), or "" before any. */
    public String lastUpdate() {
        List<WebElement> last = driver.findElements(By.id("last-update"));
        return last.isEmpty() ? "" : last.get(0).getDomAttribute("data-state");
    }

    /** True while the banner says an update stopped in global maintenance. */
    public boolean stoppedBanner() { return !driver.findElements(By.id("update-stopped-banner")).isEmpty(); }
}
