package hostedengine.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The VM step, /wizard/vm: the engine VM's name, network, root account and size. */
public final class VmStepPage extends WizardPage {

    public VmStepPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/vm");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("engineVmFqdn")));
    }

    public VmStepPage fillFqdn(String fqdn) {
        enter("engineVmFqdn", fqdn);
        return this;
    }

    public VmStepPage fillMac(String mac) {
        enter("macAddress", mac);
        return this;
    }

    public VmStepPage chooseDhcp() {
        choose("networkConfiguration", "dhcp");
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("static-ip-section")));
        return this;
    }

    public VmStepPage chooseStatic() {
        choose("networkConfiguration", "static");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("vmIpAddress")));
        return this;
    }

    public boolean staticSectionVisible() {
        return driver.findElement(By.id("static-ip-section")).isDisplayed();
    }

    public VmStepPage fillVmIp(String address) {
        enter("vmIpAddress", address);
        return this;
    }

    public VmStepPage fillVmIpPrefix(String prefix) {
        enter("vmIpPrefix", prefix);
        return this;
    }

    public VmStepPage fillGateway(String gateway) {
        enter("gatewayAddress", gateway);
        return this;
    }

    public VmStepPage fillDnsServers(String servers) {
        enter("dnsServers", servers);
        return this;
    }

    public VmStepPage chooseBridgeInterface(String nic) {
        choose("bridgeInterface", nic);
        return this;
    }

    public VmStepPage fillRootPassword(String password) {
        enter("rootPassword", password);
        enter("rootPasswordConfirm", password);
        return this;
    }

    public VmStepPage chooseRootSshAccess(String access) {
        choose("rootSshAccess", access);
        return this;
    }

    public VmStepPage fillVcpus(String vcpus) {
        enter("vcpus", vcpus);
        return this;
    }

    public VmStepPage fillMemory(String mib) {
        enter("memorySizeMb", mib);
        return this;
    }

    /** Opens the "Advanced" section (a details element) and waits for its fields. */
    public VmStepPage openAdvanced() {
        WebElement details = driver.findElement(By.id("vm-advanced"));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bridgeName")));
        return this;
    }

    public VmStepPage fillRootSshPublicKey(String key) {
        openAdvanced();
        enter("rootSshPublicKey", key);
        return this;
    }

    public VmStepPage fillBridgeName(String name) {
        openAdvanced();
        enter("bridgeName", name);
        return this;
    }

    public VmStepPage fillHostFqdn(String fqdn) {
        openAdvanced();
        enter("hostFqdn", fqdn);
        return this;
    }

    public VmStepPage chooseNetworkTest(String test) {
        openAdvanced();
        choose("networkTest", test);
        return this;
    }

    public VmStepPage fillTcpTest(String address, String port) {
        openAdvanced();
        enter("tcpTestAddress", address);
        enter("tcpTestPort", port);
        return this;
    }

    public VmStepPage setEditHostsFile(boolean edit) {
        openAdvanced();
        setChecked("editHostsFile", edit);
        return this;
    }

    /** Fills what a minimal valid VM step needs; host-derived defaults (MAC, NIC, size) stay. */
    public VmStepPage fillValid(TestAnswers answers) {
        fillFqdn(answers.engineVmFqdn());
        if (answers.macAddress() != null) {
            fillMac(answers.macAddress());
        }
        fillRootPassword(answers.rootPassword());
        return this;
    }

    public EngineStepPage next() {
        awaitLiveChecks();
        awaitNameChecks();
        clickNext();
        awaitEngineStepIfStillChecking();
        return new EngineStepPage(wizard);
    }

    /**
     * Next while a name check has not finished (the server never waits for one): the step is
     * drawn again at once saying so, and the page goes on by itself once the check passed.
     *
     * @return the message the step showed at the Engine VM FQDN meanwhile
     */
    public String nextWhileTheNameIsChecked() {
        clickNext();
        String said = fieldError("engineVmFqdn");
        awaitEngineStepIfStillChecking();
        return said;
    }

    private void awaitEngineStepIfStillChecking() {
        if (driver.findElements(By.cssSelector("form[data-continue-when-checked]")).isEmpty()) return;
        new org.openqa.selenium.support.ui.WebDriverWait(driver, NAME_CHECK_WAIT)
                .withMessage("the VM step going on by itself once the name check passed")
                .until(ExpectedConditions.urlContains("/wizard/engine"));
        waiting().until(d -> "complete".equals(js("return document.readyState;")));
    }

    public VmStepPage nextExpectingErrors() {
        clickNextExpectingErrors();
        // A check still running at Next: the page asks again by itself once it ended.
        new org.openqa.selenium.support.ui.WebDriverWait(driver, NAME_CHECK_WAIT)
                .withMessage("the VM step still waiting for a name check (form[data-continue-when-checked])")
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElements(By.cssSelector("form[data-continue-when-checked]")).isEmpty()
                        && "complete".equals(js("return document.readyState;")));
        return new VmStepPage(wizard);
    }

    /** Posts the form as it is, without the page's scripts: only the server's checks answer. */
    public VmStepPage submitBypassingBrowserChecks() {
        submitWithoutBrowserChecks();
        return new VmStepPage(wizard);
    }

    public VmStepPage setFqdnWithoutLiveCheck(String fqdn) {
        setSilently("engineVmFqdn", fqdn);
        return this;
    }

    /** The header's "Start over" button: the draft is discarded and the VM step shown afresh. */
    public void startOver() {
        clickAndAwaitNewPage(By.id("start-over"));
    }

    public VmStepPage refresh() {
        reload();
        return new VmStepPage(wizard);
    }

    /** The role's FQDN checks run for seconds (ansible-playbook): this long a wait is theirs alone. */
    static final java.time.Duration NAME_CHECK_WAIT = java.time.Duration.ofSeconds(90);

    /** Waits until no FQDN check is being followed by the page (form[data-names-checking] gone). */
    public VmStepPage awaitNameChecks() {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, NAME_CHECK_WAIT)
                .withMessage("an FQDN check still running (form[data-names-checking])")
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("form[data-names-checking]"), 0));
        return this;
    }

    /** Records every state the FQDN check of that field shows, from now on (read with {@link #nameCheckStatesSeen}). */
    public VmStepPage recordNameCheckStates(String fieldId) {
        js("var el = document.getElementById(arguments[0] + '-check'); window.__nameStates = [];"
                + "new MutationObserver(function () { window.__nameStates.push(el.dataset.state); })"
                + ".observe(el, {attributes: true, attributeFilter: ['data-state']});", fieldId);
        return this;
    }

    @SuppressWarnings("unchecked")
    public java.util.List<String> nameCheckStatesSeen() {
        return (java.util.List<String>) js("return window.__nameStates || [];");
    }

    /** Waits until the field's FQDN check shows this state (checking, passed, failed); returns its sentence. */
    public String awaitNameCheck(String fieldId, String state) {
        By check = By.id(fieldId + "-check");
        new org.openqa.selenium.support.ui.WebDriverWait(driver, NAME_CHECK_WAIT)
                .withMessage(() -> fieldId + " check never showed " + state + ", shows "
                        + driver.findElement(check).getDomAttribute("data-state"))
                .until(d -> state.equals(d.findElement(check).getDomAttribute("data-state")));
        return driver.findElement(check).findElement(By.className("name-check-text")).getText().strip();
    }

    /** The role's own words under the check's details element (opened first). */
    public String nameCheckOriginal(String fieldId) {
        WebElement details = driver.findElement(By.id(fieldId + "-check")).findElement(By.tagName("details"));
        if (details.getDomAttribute("open") == null) details.findElement(By.tagName("summary")).click();
        return details.findElement(By.tagName("code")).getText().strip();
    }

    /** The line saying when and from where the host facts were read. */
    public String hostFactsText() {
        return driver.findElement(By.id("host-facts-text")).getText().strip();
    }

    /** "Refresh" beside it: reads the host again in the background and shows the step again. */
    public VmStepPage refreshHostFacts() {
        clickAndAwaitNewPage(By.id("facts-refresh-button"));
        return new VmStepPage(wizard);
    }
}
