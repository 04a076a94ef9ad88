package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wizard inside Cockpit, as an administrator meets it: Debian's cockpit-ws (no TLS, a free
 * port), a real login on Cockpit's own login page, Virtualization in Cockpit's menu, the Hosted
 * Engine tab framing the wizard's server (on its own port, allowed to be framed by that Cockpit
 * with --cockpit-origin), the wizard's own login in the frame, and its first step working there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CockpitPluginTest {
    private ServerProcess wizard;
    private CockpitWs cockpit;

    @BeforeAll
    void startCockpitAndWizard() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "creates a system account for Cockpit's login: run as root (CI does)");
        assumeTrue(Files.isExecutable(CockpitWs.COCKPIT_WS), "Debian's cockpit-ws is missing: bin/test installs it");
        int cockpitPort = CockpitWs.freePort();
        String cockpitOrigin = "http://127.0.0.1:" + cockpitPort;
        wizard = ServerProcess.start(Map.of(), null, List.of("--cockpit-origin", cockpitOrigin));
        // the lines an administrator writes in /etc/hosted-engine-wizard/hosted-engine-wizard.conf
        cockpit = CockpitWs.start(cockpitPort, List.of(
                "port = " + wizard.baseUri().getPort(),
                "no-tls",
                "cockpit-origin = " + cockpitOrigin));
    }

    @AfterAll
    void stopAll() {
        if (cockpit != null) cockpit.close();
        if (wizard != null) wizard.close();
    }

    @Test
    void hostedEngineTabUnderVirtualizationShowsAWorkingWizard() {
        try (Browser browser = Browser.english()) {
            evidenceOnFailure(browser, "CockpitPluginTest-english", () -> {
                WebDriver driver = browser.driver();
                openHostedEngineTab(browser, cockpit.url("/"), "Virtualization");
                WebElement tab = driver.findElement(By.id("he-tab-hosted-engine"));
                assertThat(tab.getText()).isEqualTo("Hosted Engine");
                assertThat(tab.getAttribute("aria-selected")).isEqualTo("true");
                assertThat(driver.findElement(By.id("he-title")).getText()).isEqualTo("Virtualization");
                assertThat(driver.findElement(By.id("he-problem")).isDisplayed()).isFalse();

                logInToTheFramedWizard(browser);
                String error = checkAnFqdnWithoutDomain(browser);
                assertThat(error).contains("fully qualified host name");
                assertThat(driver.findElement(By.id("engineVmFqdn")).getAttribute("aria-invalid")).isEqualTo("true");
            });
        }
    }

    @Test
    void inJapaneseTheMenuThePageAndTheWizardAreJapanese() {
        try (Browser browser = Browser.japanese()) {
            evidenceOnFailure(browser, "CockpitPluginTest-japanese", () -> {
                WebDriver driver = browser.driver();
                openHostedEngineTab(browser, cockpit.url("/"), "仮想化");
                assertThat(driver.findElement(By.id("he-title")).getText()).isEqualTo("仮想化");
                assertThat(driver.findElement(By.id("he-open-wizard")).getText()).isEqualTo("ウィザードを新しいタブで開く");

                logInToTheFramedWizard(browser);
                assertThat(checkAnFqdnWithoutDomain(browser)).contains("完全修飾ドメイン名");
            });
        }
    }

    @Test
    void cockpitOpenedUnderAnotherNameExplainsWhyTheWizardIsNotShown() {
        // the wizard lets only http://127.0.0.1:PORT frame it; localhost is another origin
        String elsewhere = cockpit.url("/").replace("127.0.0.1", "localhost");
        try (Browser browser = Browser.english()) {
            evidenceOnFailure(browser, "CockpitPluginTest-elsewhere", () -> {
                WebDriver driver = browser.driver();
                openHostedEngineTab(browser, elsewhere, "Virtualization");
                String problem = browser.waiting().until(
                        ExpectedConditions.visibilityOfElementLocated(By.id("he-problem"))).getText();
                assertThat(problem).contains(cockpit.origin(), cockpit.origin().replace("127.0.0.1", "localhost"));
                assertThat(driver.findElement(By.id("he-wizard")).isDisplayed()).isFalse();
                assertThat(driver.findElement(By.id("he-open-wizard")).getAttribute("href"))
                        .isEqualTo(wizard.url("/") + "?lang=en");
            });
        }
    }

    /** Logs in on Cockpit's own login page, picks the menu entry and enters the package's frame. */
    private void openHostedEngineTab(Browser browser, String cockpitUrl, String menuLabel) {
        WebDriver driver = browser.driver();
        driver.get(cockpitUrl);
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("login-user-input"))).sendKeys(cockpit.user());
        driver.findElement(By.id("login-password-input")).sendKeys(cockpit.password());
        driver.findElement(By.id("login-button")).click();
        // Cockpit's shell takes a while to load on a busy machine
        new WebDriverWait(driver, Duration.ofSeconds(40)).withMessage("Cockpit's menu entry " + menuLabel)
                .until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='" + menuLabel + "']")))
                .click();
        browser.waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(
                By.cssSelector("iframe[name$='/hosted_engine']")));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("he-tab-hosted-engine")));
    }

    /** The wizard keeps its own login, also inside Cockpit: the same system account, in the frame. */
    private void logInToTheFramedWizard(Browser browser) {
        WebDriver driver = browser.driver();
        WebElement frame = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("he-wizard")));
        assertThat(frame.getAttribute("src")).startsWith(wizard.url("/"));
        browser.waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("he-wizard")));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(cockpit.user());
        driver.findElement(By.id("password")).sendKeys(cockpit.password());
        driver.findElement(By.id("login-submit")).click();
        // No engine is deployed on this host: the wizard offers to deploy one.
        browser.waiting().withMessage("the wizard's landing page after logging in inside the frame")
                .until(ExpectedConditions.elementToBeClickable(By.id("redeploy"))).click();
    }

    /** Types a name without a domain into the VM step's first field, leaves it, returns the message shown. */
    private String checkAnFqdnWithoutDomain(Browser browser) {
        WebDriver driver = browser.driver();
        WebElement fqdn = browser.waiting().withMessage("the wizard's VM step")
                .until(ExpectedConditions.elementToBeClickable(By.id("engineVmFqdn")));
        assertThat(driver.findElements(By.id("vcpus"))).hasSize(1);
        fqdn.click();
        fqdn.sendKeys("manager");
        fqdn.sendKeys(Keys.TAB);
        return browser.waiting().withMessage("the live check's message under the engine VM FQDN")
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("engineVmFqdn-error"))).getText();
    }

    private void evidenceOnFailure(Browser browser, String name, Runnable test) {
        try {
            test.run();
        } catch (RuntimeException | AssertionError e) {
            browser.driver().switchTo().defaultContent();
            System.err.println("Evidence: " + browser.saveEvidence(name));
            System.err.println("Wizard server:\n" + wizard.logTail(30));
            throw e;
        }
    }
}
