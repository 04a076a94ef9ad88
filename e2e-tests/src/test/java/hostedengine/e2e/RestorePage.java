package hostedengine.e2e;

import org.openqa.selenium.By;

/** /wizard/restore: deploy from a backup (guide 4.1, 7.2): the backup, the names it decides, the checklist. */
public final class RestorePage extends WizardPage {
    public RestorePage(WizardUnderTest wizard) {
        super(wizard, "/wizard/restore");
    }

    public static RestorePage open(WizardUnderTest wizard) {
        wizard.open("/wizard/restore");
        return new RestorePage(wizard);
    }

    /** What the page says of the backup's engine version against the one the appliance installs. */
    public String versionVerdict(String backup) {
        return driver.findElement(By.xpath("//input[@name='backup' and @value='" + backup + "']/following-sibling::label"))
                .findElement(By.className("restore-version-verdict")).getDomAttribute("data-verdict");
    }

    /** Chooses the backup, types the data center and cluster, confirms the checklist and saves: the VM step opens. */
    public VmStepPage deployFrom(String backup, String dataCenter, String cluster) {
        driver.findElement(By.cssSelector("input[name='backup'][value='" + backup + "']")).click();
        type("dataCenter", dataCenter);
        type("cluster", cluster);
        field("checklistDone").click();
        clickAndAwaitNewPage(By.id("restore-save"));
        return new VmStepPage(wizard);
    }
}
