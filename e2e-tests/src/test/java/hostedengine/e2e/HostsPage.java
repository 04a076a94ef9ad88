package hostedengine.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** /engine/hosts: the deployed engine's hosts, the engine session, adding and removing hosted-engine hosts. */
public final class HostsPage extends WizardPage {
    public HostsPage(WizardUnderTest wizard) {
        super(wizard, "/engine/hosts");
    }

    public static HostsPage open(WizardUnderTest wizard) {
        wizard.open("/engine/hosts");
        return new HostsPage(wizard);
    }

    /** The label that says the engine is the simulator's test double. */
    public boolean engineDoubleLabelled() { return !driver.findElements(By.id("engine-double-label")).isEmpty(); }

    public HostsPage logIn(String adminPassword) {
        type("engine-password", adminPassword);
        clickAndAwaitNewPage(By.id("engine-login-submit"));
        return new HostsPage(wizard);
    }

    public List<String> hostNames() {
        return driver.findElements(By.cssSelector("#engine-hosts tbody tr")).stream().map(r -> r.getDomAttribute("data-host")).toList();
    }

    /** A host's row: status, whether it can run the engine VM, its score. */
    public String cell(String host, String cssClass) {
        return row(host).findElement(By.className(cssClass)).getText().strip();
    }

    public boolean singleHostBanner() { return !driver.findElements(By.id("single-host-banner")).isEmpty(); }

    /** Fills the add form with the host's root password and starts the run. */
    public RunPage add(String name, String address, String rootPassword) {
        type("add-name", name);
        type("add-address", address);
        field("auth-password").click();
        type("add-root-password", rootPassword);
        clickAndAwaitNewPage(By.id("add-host-submit"));
        return new RunPage(wizard);
    }

    /** A host's updates as the page shows them: available, upToDate or notChecked. */
    public String updates(String host) {
        return row(host).findElement(By.className("host-updates")).getDomAttribute("data-updates");
    }

    /** True when the page marks the host as the one running the engine VM. */
    public boolean runsEngineVm(String host) { return !row(host).findElements(By.className("host-runs-vm")).isEmpty(); }

    /** The engine's version as the engine reports it, or "" when the page shows none. */
    public String engineVersion() {
        List<WebElement> v = driver.findElements(By.id("engine-version"));
        return v.isEmpty() ? "" : v.get(0).getText().strip();
    }

    /** Asks the engine to check every host for updates (the answer page says it asked), then the hosts page again. */
    public HostsPage checkForUpdates() {
        String old = markPage();
        field("check-updates-submit").click();
        awaitNewPage(old, "checking for updates");
        assertNotice();
        return open(wizard);
    }

    private void assertNotice() {
        if (driver.findElements(By.id("updates-notice")).isEmpty()) throw new AssertionError("no notice that the engine checks for updates");
    }

    /** Update all hosts with updates, confirmed: the run's page opens. */
    public RunPage updateAll() {
        field("update-all-confirm").click();
        clickAndAwaitNewPage(By.id("update-all-submit"));
        return new RunPage(wizard);
    }

    /** Remove (maintenance, undeploy, remove), confirmed. */
    public RunPage remove(String host) {
        WebElement form = row(host).findElement(By.className("host-action"));
        new Select(form.findElement(By.name("operation"))).selectByValue("remove");
        form.findElement(By.name("confirm")).click();
        String old = markPage();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitNewPage(old, "removing " + host);
        return new RunPage(wizard);
    }

    /** Remove a host that does not answer (guide 7.2.4): confirmed, and confirmed rebooted or powered off. */
    public RunPage forceRemove(String host) {
        WebElement form = row(host).findElement(By.className("host-action"));
        new Select(form.findElement(By.name("operation"))).selectByValue("force-remove");
        form.findElement(By.name("confirm")).click();
        form.findElement(By.name("confirmRebooted")).click();
        String old = markPage();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitNewPage(old, "force-removing " + host);
        return new RunPage(wizard);
    }

    /** After a deployment from a backup: the section on the backup's other hosts, and the hosts it names as not up. */
    public boolean restoredSection() { return !driver.findElements(By.id("restored-hosts")).isEmpty(); }

    public List<String> restoredHostsNotUp() {
        return driver.findElements(By.cssSelector("#restored-hosts .restored-host")).stream().map(e -> e.getDomAttribute("data-host")).toList();
    }

    private WebElement row(String host) {
        return driver.findElement(By.cssSelector("#engine-hosts tr[data-host='" + host + "']"));
    }
}
