package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Cockpit's Virtualization → Hosted Engine page (our Cockpit package) and the wizard it frames.
 * The shell frames the package's page; the page frames the wizard: methods say which frame the
 * driver is in afterwards.
 */
public final class HostedEngineInCockpit {
    private final Browser browser;
    private final WebDriver driver;

    private HostedEngineInCockpit(Browser browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    /**
     * Logs in on Cockpit's own login page, picks the menu entry {@code menuLabel} and leaves the
     * driver in the package's frame once its tab is shown.
     */
    public static HostedEngineInCockpit open(Browser browser, CockpitWs cockpit, String cockpitUrl, String menuLabel) {
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
        return new HostedEngineInCockpit(browser);
    }

    public String title() {
        return driver.findElement(By.id("he-title")).getText();
    }

    public WebElement tab() {
        return driver.findElement(By.id("he-tab-hosted-engine"));
    }

    /** The page's explanation why the wizard is not framed; waits until shown. */
    public String problem() {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("he-problem"))).getText();
    }

    public boolean showsProblem() {
        return driver.findElement(By.id("he-problem")).isDisplayed();
    }

    public boolean showsWizardFrame() {
        return driver.findElement(By.id("he-wizard")).isDisplayed();
    }

    public WebElement openInNewTabLink() {
        return driver.findElement(By.id("he-open-wizard"));
    }

    /**
     * The wizard keeps its own login, also inside Cockpit: logs in in the frame (which must show
     * {@code wizardUrl}) and chooses to deploy; the driver is then in the wizard's frame.
     */
    public HostedEngineInCockpit logInToWizard(String wizardUrl, String user, String password) {
        WebElement frame = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("he-wizard")));
        assertThat(frame.getAttribute("src")).startsWith(wizardUrl);
        browser.waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("he-wizard")));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        // No engine is deployed on this host: the wizard offers to deploy one.
        browser.waiting().withMessage("the wizard's landing page after logging in inside the frame")
                .until(ExpectedConditions.elementToBeClickable(By.id("redeploy"))).click();
        return this;
    }

    /** In the wizard's frame: types {@code fqdn} into the VM step's first field, leaves it, returns the message shown. */
    public String checkEngineVmFqdn(String fqdn) {
        WebElement field = browser.waiting().withMessage("the wizard's VM step")
                .until(ExpectedConditions.elementToBeClickable(By.id("engineVmFqdn")));
        assertThat(driver.findElements(By.id("vcpus"))).as("the VM step's fields").hasSize(1);
        field.click();
        field.sendKeys(fqdn);
        field.sendKeys(Keys.TAB);
        String message = browser.waiting().withMessage("the live check's message under the engine VM FQDN")
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("engineVmFqdn-error"))).getText();
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        return message;
    }
}
