package hostedengine.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Storage step, /wizard/storage: NFS, Gluster, iSCSI (targets, then LUNs) or Fibre Channel (LUNs). */
public final class StoragePage extends WizardPage {
    /** Discovery runs ansible-playbook on the simulator role: seconds, more on a busy machine. */
    private static final Duration DISCOVERY = Duration.ofSeconds(45);

    public StoragePage(WizardUnderTest wizard) {
        super(wizard, "/wizard/storage");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("storageType")));
    }

    /**
     * nfs, glusterfs, iscsi or fc; waits for that type's section. Choosing Fibre Channel (when it
     * was not chosen) discovers its LUNs at once: this waits until that discovery has ended.
     */
    public StoragePage chooseType(String type) {
        if (type.equals("fc") && !"fc".equals(selected("storageType"))) {
            awaitLiveChecks();
            String oldPage = markPage();
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("storageType"))).selectByValue(type);
            awaitNewPage(oldPage, "choosing Fibre Channel");
            awaitDiscoveryEnd();
        }
        choose("storageType", type);
        String section = switch (type) {
            case "nfs", "glusterfs" -> "file-storage-section";
            case "iscsi" -> "iscsi-section";
            case "fc" -> "fc-section";
            default -> throw new IllegalArgumentException(type);
        };
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(section)));
        return this;
    }

    public StoragePage fillConnection(String connection) {
        enter("storageConnection", connection);
        return this;
    }

    public StoragePage fillMountOptions(String options) {
        enter("mountOptions", options);
        return this;
    }

    public StoragePage chooseNfsVersion(String version) {
        choose("nfsVersion", version);
        return this;
    }

    public boolean nfsVersionVisible() {
        return driver.findElement(By.id("nfs-version-group")).isDisplayed();
    }

    public StoragePage fillDomainName(String name) {
        enter("storageDomainName", name);
        return this;
    }

    public StoragePage fillDiskSize(String gib) {
        enter("diskSizeGb", gib);
        return this;
    }

    public StoragePage setDiscard(boolean discard) {
        setChecked("discard", discard);
        return this;
    }

    public StoragePage fillPortal(String address, String port) {
        enter("iscsiPortalAddress", address);
        enter("iscsiPortalPort", port);
        return this;
    }

    public StoragePage fillPortalChap(String user, String password) {
        enter("iscsiUsername", user);
        enter("iscsiPassword", password);
        return this;
    }

    public StoragePage fillDiscoveryChap(String user, String password) {
        enter("iscsiDiscoverUsername", user);
        enter("iscsiDiscoverPassword", password);
        return this;
    }

    /** "Retrieve Target List" (posts the form): waits until the targets are listed. */
    public StoragePage retrieveTargets() {
        startRetrievingTargets();
        awaitDiscoveryEnd();
        waiting().withMessage("no iSCSI target listed")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[name=iscsiTargetChoice]")));
        return this;
    }

    /** "Retrieve Target List" and no more: the page that says discovery is running (or already its end). */
    public StoragePage startRetrievingTargets() {
        awaitLiveChecks();
        clickAndAwaitNewPage(By.id("iscsi-discover"));
        return this;
    }

    /** "Retrieve Target List" when it cannot list targets: waits for the discovery to end. */
    public StoragePage retrieveTargetsExpectingProblem() {
        startRetrievingTargets();
        awaitDiscoveryEnd();
        return this;
    }

    /** Waits until no discovery is running (the page reloads itself when one ends). */
    public StoragePage awaitDiscoveryEnd() {
        new WebDriverWait(driver, DISCOVERY).withMessage("storage discovery did not end")
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> "complete".equals(js("return document.readyState;"))
                        && d.findElements(By.cssSelector("[data-discovery-state=running]")).isEmpty()
                        && !d.findElements(By.id("storageType")).isEmpty());
        awaitLiveChecks();
        return this;
    }

    /** Whether discovery of kind (targets, luns, fc) shows as running, with its discovery buttons disabled. */
    public boolean discoveryRunning(String kind) {
        List<WebElement> running = driver.findElements(
                By.cssSelector("#discovery-" + kind + "[data-discovery-state=running]"));
        return !running.isEmpty() && running.get(0).isDisplayed();
    }

    public boolean buttonEnabled(String id) {
        return driver.findElement(By.id(id)).isEnabled();
    }

    /** The message shown for discovery of kind (targets, luns, fc), or "" when there is none. */
    public String discoveryMessage(String kind) {
        List<WebElement> found = driver.findElements(By.cssSelector("#discovery-" + kind + " .discovery-message"));
        return found.isEmpty() || !found.get(0).isDisplayed() ? "" : found.get(0).getText().strip();
    }

    /** Whether the message of discovery kind stands right under the field {@code fieldId}. */
    public boolean discoveryMessageRightUnder(String kind, String fieldId) {
        return Boolean.TRUE.equals(js("const m = document.getElementById('discovery-' + arguments[0]);"
                + "const p = m && m.previousElementSibling; return !!(p && p.querySelector('#' + arguments[1]));", kind, fieldId));
    }

    /** The link to the failed discovery's run log, or null. */
    public String discoveryLogLink(String kind) {
        List<WebElement> found = driver.findElements(By.cssSelector("#discovery-" + kind + " .discovery-log"));
        return found.isEmpty() ? null : found.get(0).getDomAttribute("href");
    }

    /** Presses the Retry of a discovery message and waits for the discovery to end. */
    public StoragePage retryDiscovery(String kind) {
        awaitLiveChecks();
        clickAndAwaitNewPage(By.id("discovery-retry-" + kind));
        awaitDiscoveryEnd();
        return this;
    }

    /** Chooses a target and waits for its discovery to end, LUNs or not. */
    public StoragePage chooseTargetExpectingProblem(String iqn, String tpgt) {
        awaitLiveChecks();
        clickAndAwaitNewPage(By.cssSelector(
                "input[name=iscsiTargetChoice][data-iqn='" + iqn + "'][data-tpgt='" + tpgt + "']"));
        awaitDiscoveryEnd();
        return this;
    }

    /** TPGT → the IQNs listed in that group's rows. */
    public List<String> targetsInGroup(String tpgt) {
        return driver.findElements(By.cssSelector("tbody[data-tpgt-group='" + tpgt + "'] tr[data-iqn]")).stream()
                .map(r -> r.getDomAttribute("data-iqn")).toList();
    }

    /** IQN and TPGT of each listed target, as "iqn/tpgt". */
    public List<String> targets() {
        return driver.findElements(By.cssSelector("tr[data-iqn][data-tpgt]")).stream()
                .map(r -> r.getDomAttribute("data-iqn") + "/" + r.getDomAttribute("data-tpgt"))
                .toList();
    }

    /** The text of a target's row (portals are listed there). */
    public String targetRowText(String iqn, String tpgt) {
        return driver.findElement(targetRow(iqn, tpgt)).getText();
    }

    /** Chooses a target; the page then posts the choice and comes back with its LUNs in #lun-table. */
    public StoragePage chooseTarget(String iqn, String tpgt) {
        awaitLiveChecks();
        clickAndAwaitNewPage(By.cssSelector(
                "input[name=iscsiTargetChoice][data-iqn='" + iqn + "'][data-tpgt='" + tpgt + "']"));
        awaitDiscoveryEnd();
        awaitLunTable();
        return this;
    }

    /** Fibre Channel "Discover" (posts the form): waits for the LUN table. */
    public StoragePage discoverFc() {
        awaitLiveChecks();
        clickAndAwaitNewPage(By.id("fc-discover"));
        awaitDiscoveryEnd();
        awaitLunTable();
        return this;
    }

    private void awaitLunTable() {
        waiting().withMessage("no LUN listed in #lun-table")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lun-table input[name=lunId]")));
        awaitLiveChecks();
    }

    public List<String> lunIds() {
        return driver.findElements(By.cssSelector("#lun-table tr[data-lun-id]")).stream()
                .map(r -> r.getDomAttribute("data-lun-id")).toList();
    }

    /** LUNs that can be chosen (radio enabled). */
    public List<String> selectableLunIds() {
        return driver.findElements(By.cssSelector("#lun-table input[name=lunId]")).stream()
                .filter(WebElement::isEnabled).map(r -> r.getDomAttribute("value")).toList();
    }

    public boolean lunDisabled(String lunId) {
        return !lunRadio(lunId).isEnabled();
    }

    /** The reason shown in a disabled LUN's row (.lun-reason), or "" when it has none. */
    public String lunReason(String lunId) {
        List<WebElement> reasons = driver.findElement(lunRow(lunId)).findElements(By.className("lun-reason"));
        return reasons.isEmpty() ? "" : reasons.get(0).getText().strip();
    }

    public String lunRowText(String lunId) {
        return driver.findElement(lunRow(lunId)).getText();
    }

    public StoragePage chooseLun(String lunId) {
        WebElement radio = lunRadio(lunId);
        radio.click();
        waiting().until(ExpectedConditions.elementToBeSelected(radio));
        awaitLiveChecks();
        return this;
    }

    public String chosenLun() {
        return driver.findElements(By.cssSelector("#lun-table input[name=lunId]")).stream()
                .filter(WebElement::isSelected).map(r -> r.getDomAttribute("value")).findFirst().orElse(null);
    }

    public FinishReviewPage next() {
        awaitLiveChecks();
        clickNext();
        return new FinishReviewPage(wizard);
    }

    public StoragePage nextExpectingErrors() {
        clickNextExpectingErrors();
        return new StoragePage(wizard);
    }

    public StoragePage refresh() {
        reload();
        return new StoragePage(wizard);
    }

    private WebElement lunRadio(String lunId) {
        return driver.findElement(By.cssSelector("#lun-table input[name=lunId][value='" + lunId + "']"));
    }

    private static By lunRow(String lunId) {
        return By.cssSelector("#lun-table tr[data-lun-id='" + lunId + "']");
    }

    private static By targetRow(String iqn, String tpgt) {
        return By.cssSelector("tr[data-iqn='" + iqn + "'][data-tpgt='" + tpgt + "']");
    }
}
