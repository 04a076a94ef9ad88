package hostedengine.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** /runs/ID: a phase's progress; the simulator runs fast in tests (HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED). */
public final class RunPage extends WizardPage {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    public RunPage(WizardUnderTest wizard) {
        super(wizard, "/runs/");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("run")));
    }

    /** Waits until the run reports success (#run-success shown). */
    public RunPage awaitSuccess() {
        new WebDriverWait(driver, RUN_TIMEOUT)
                .withMessage(() -> "run did not succeed; page status " + status() + ", GET /api/runs/" + runId()
                        + " says " + SessionHttp.get(wizard, "/api/runs/" + runId()).body())
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("run-success")));
        return this;
    }

    public String runId() {
        return driver.findElement(By.id("run")).getDomAttribute("data-run-id");
    }

    public String status() {
        return driver.findElement(By.id("run")).getDomAttribute("data-status");
    }

    /** After a successful Prepare VM: on to the Storage step. */
    public StoragePage toStorage() {
        clickNext();
        return new StoragePage(wizard);
    }
}
