package hostedengine.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The Engine step, /wizard/engine: the admin password and the notification mail settings. */
public final class EngineStepPage extends WizardPage {

    public EngineStepPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/engine");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("adminPassword")));
    }

    public EngineStepPage fillAdminPassword(String password) {
        enter("adminPassword", password);
        enter("adminPasswordConfirm", password);
        return this;
    }

    public EngineStepPage fillSmtpServer(String server) {
        enter("smtpServer", server);
        return this;
    }

    public EngineStepPage fillSmtpPort(String port) {
        enter("smtpPort", port);
        return this;
    }

    public EngineStepPage fillSourceEmail(String email) {
        enter("sourceEmail", email);
        return this;
    }

    public EngineStepPage fillDestEmails(String emails) {
        enter("destEmails", emails);
        return this;
    }

    public EngineStepPage fillValid(TestAnswers answers) {
        fillAdminPassword(answers.adminPassword());
        fillSmtpServer(answers.smtpServer());
        fillSmtpPort(answers.smtpPort());
        fillSourceEmail(answers.sourceEmail());
        fillDestEmails(answers.destEmails());
        return this;
    }

    public PrepareReviewPage next() {
        awaitLiveChecks();
        clickNext();
        return new PrepareReviewPage(wizard);
    }

    public EngineStepPage nextExpectingErrors() {
        clickNextExpectingErrors();
        return new EngineStepPage(wizard);
    }

    public VmStepPage back() {
        clickAndAwaitNewPage(By.id("back"));
        return new VmStepPage(wizard);
    }

    public EngineStepPage refresh() {
        reload();
        return new EngineStepPage(wizard);
    }
}
