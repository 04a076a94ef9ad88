package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
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
    private Browser browser;

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
        browser = Browser.english();
    }

    @AfterAll
    void stopAll() {
        if (browser != null) browser.close();
        if (cockpit != null) cockpit.close();
        if (wizard != null) wizard.close();
    }

    @Test
    void hostedEngineTabUnderVirtualizationShowsAWorkingWizard() {
        WebDriver driver = browser.driver();
        try {
            logInToCockpit(driver);

            // Cockpit's shell takes a while to load on a busy machine
            WebElement menuEntry = new WebDriverWait(driver, java.time.Duration.ofSeconds(40)).until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//a[normalize-space(.)='Virtualization']")));
            menuEntry.click();
            browser.waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(
                    By.cssSelector("iframe[name$='/hosted_engine']")));
            WebElement tab = browser.waiting().until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("he-tab-hosted-engine")));
            assertThat(tab.getText()).isEqualTo("Hosted Engine");
            assertThat(tab.getAttribute("aria-selected")).isEqualTo("true");
            assertThat(driver.findElement(By.id("he-title")).getText()).isEqualTo("Virtualization");
            assertThat(driver.findElement(By.id("he-problem")).isDisplayed()).isFalse();

            WebElement frame = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("he-wizard")));
            assertThat(frame.getAttribute("src")).startsWith(wizard.url("/"));
            browser.waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("he-wizard")));

            // The wizard keeps its own login, also inside Cockpit: the same system account.
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(cockpit.user());
            driver.findElement(By.id("password")).sendKeys(cockpit.password());
            driver.findElement(By.id("login-submit")).click();

            // No engine is deployed on this host: the wizard offers to deploy one.
            browser.waiting().withMessage("the wizard's landing page after logging in inside the frame")
                    .until(ExpectedConditions.elementToBeClickable(By.id("redeploy"))).click();
            WebElement fqdn = browser.waiting().withMessage("the wizard's VM step")
                    .until(ExpectedConditions.elementToBeClickable(By.id("engineVmFqdn")));
            assertThat(driver.findElements(By.id("vcpus"))).hasSize(1);
            fqdn.click();
            fqdn.sendKeys("manager");
            fqdn.sendKeys(Keys.TAB);
            String error = browser.waiting().withMessage("the live check's message under the engine VM FQDN")
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("engineVmFqdn-error"))).getText();
            assertThat(error).contains("fully qualified host name");
            assertThat(driver.findElement(By.id("engineVmFqdn")).getAttribute("aria-invalid")).isEqualTo("true");
        } catch (RuntimeException | AssertionError e) {
            driver.switchTo().defaultContent();
            System.err.println("Evidence: " + browser.saveEvidence("CockpitPluginTest"));
            System.err.println("Wizard server:\n" + wizard.logTail(30));
            throw e;
        }
    }

    private void logInToCockpit(WebDriver driver) {
        driver.get(cockpit.url("/"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("login-user-input"))).sendKeys(cockpit.user());
        driver.findElement(By.id("login-password-input")).sendKeys(cockpit.password());
        driver.findElement(By.id("login-button")).click();
    }
}
