package hostedengine.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** /backups: the guide's preconditions, Back up the engine, and the backups kept on the host. */
public final class BackupsPage extends WizardPage {
    public BackupsPage(WizardUnderTest wizard) {
        super(wizard, "/backups");
    }

    public static BackupsPage open(WizardUnderTest wizard) {
        wizard.open("/backups");
        return new BackupsPage(wizard);
    }

    /** The label that says the engine VM is the simulator's test double. */
    public boolean engineVmDoubleLabelled() { return !driver.findElements(By.id("engine-vm-double-label")).isEmpty(); }

    /** A precondition's level (PASS, WARN, FAIL) by its id (engine, failover, space). */
    public String check(String id) { return driver.findElement(By.id("check-" + id)).getDomAttribute("data-level"); }

    /** Backs up with the engine VM's root password; the run's page opens. */
    public RunPage backUp(String rootPassword) {
        field("auth-password").click();
        type("engine-vm-password", rootPassword);
        clickAndAwaitNewPage(By.id("backup-submit"));
        return new RunPage(wizard);
    }

    /** The backups listed, newest first: name → engine FQDN, version, SHA-256. */
    public List<List<String>> backups() {
        return driver.findElements(By.cssSelector("#backups-table tbody tr.backup-row")).stream().map(this::row).toList();
    }

    private List<String> row(WebElement r) {
        return List.of(r.getDomAttribute("data-backup"), r.findElement(By.className("backup-fqdn")).getText().strip(),
                r.findElement(By.className("backup-version")).getText().strip(),
                r.findElement(By.className("backup-sha256")).getText().strip());
    }
}
