package hostedengine.e2e;

import org.openqa.selenium.By;

/** /wizard/finish: every answer reviewed before "Finish Deployment"; the answers can be exported here. */
public final class FinishReviewPage extends ReviewPage {

    public FinishReviewPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/finish");
    }

    public StoragePage editStorage() {
        clickEdit("storage");
        return new StoragePage(wizard);
    }

    /** "Finish Deployment" (#next): starts the Finish run and shows its progress page. */
    public RunPage finishDeployment() {
        clickNext();
        return new RunPage(wizard);
    }

    /** The address of the export link (a#export-answers), resolved against the page. */
    public String exportLink() {
        return driver.findElement(By.id("export-answers")).getDomProperty("href");
    }
}
