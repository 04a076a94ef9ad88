package hostedengine.e2e;

import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** /wizard/import: upload an exported answer file (or a hosted-engine --deploy answer file). */
public final class ImportPage extends WizardPage {

    public ImportPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/import");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("import-file")));
    }

    public static ImportPage open(WizardUnderTest wizard) {
        wizard.open("/wizard/import");
        return new ImportPage(wizard);
    }

    private void upload(Path answerFile) {
        driver.findElement(By.id("import-file")).sendKeys(answerFile.toAbsolutePath().toString());
        clickAndAwaitNewPage(By.id("import-submit"));
    }

    /** Imports a complete, valid file: the wizard lands on the Finish review. */
    public FinishReviewPage importComplete(Path answerFile) {
        upload(answerFile);
        return new FinishReviewPage(wizard);
    }

    /** Imports a file with missing or invalid answers: the wizard lands on the first such step. */
    public VmStepPage importLandingOnVmStep(Path answerFile) {
        upload(answerFile);
        return new VmStepPage(wizard);
    }

    /** The text of the #import-result banner on the page the import led to. */
    public static String resultBanner(WizardUnderTest wizard) {
        return wizard.browser().waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("import-result"))).getText().strip();
    }
}
