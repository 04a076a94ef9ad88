package hostedengine.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** /host: deploy to this host or to another over SSH; the fingerprint to confirm; a changed key. */
public final class HostPage extends WizardPage {
    public HostPage(WizardUnderTest wizard) {
        super(wizard, "/host");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("target-status")));
    }

    /** From any page: the "Change" link under the header. */
    public static HostPage openFromHeader(WizardUnderTest wizard) {
        wizard.driver().findElement(By.id("change-host")).click();
        return new HostPage(wizard);
    }

    public HostPage chooseRemote() {
        field("target-remote").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sshAddress")));
        return this;
    }

    public HostPage fill(String address, int port, String user) {
        type("sshAddress", address);
        type("sshPort", String.valueOf(port));
        type("sshUser", user);
        return this;
    }

    public HostPage withKeyFile(String path) {
        field("auth-key").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sshKeyFile")));
        type("sshKeyFile", path);
        return this;
    }

    public HostPage withPassword(String password) {
        field("auth-password").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sshPassword")));
        type("sshPassword", password);
        return this;
    }

    /** Save and connect: the server answers with this page again, in its new state. */
    public HostPage connect() {
        clickAndAwaitNewPage(By.id("host-submit"));
        return new HostPage(wizard);
    }

    public HostPage trustOfferedKey() {
        clickAndAwaitNewPage(By.id("confirm-host-key"));
        return new HostPage(wizard);
    }

    public HostPage forgetPinnedKey() {
        clickAndAwaitNewPage(By.id("forget-host-key"));
        return new HostPage(wizard);
    }

    public VmStepPage backToWizard() {
        clickAndAwaitNewPage(By.id("back-to-wizard"));
        return new VmStepPage(wizard);
    }

    /** local, confirm, ready, changed, problem, passwordNeeded or notConnected. */
    public String state() { return field("target-status").getDomAttribute("data-state"); }

    public String offeredFingerprint() { return field("offered-fingerprint").getText().strip(); }

    public String pinnedFingerprint() { return field("pinned-fingerprint").getText().strip(); }

    public String changedFingerprint() { return field("changed-fingerprint").getText().strip(); }

    public boolean offersConfirmation() { return !driver.findElements(By.id("confirm-host-key")).isEmpty(); }

    /** The line under every page's header: where deployments go. */
    public String deployingTo() { return field("deploy-target-text").getText().strip(); }

    public String remoteFacts() { return field("remote-facts").getText().strip(); }

    public String passwordFieldValue() { return value("sshPassword"); }
}
