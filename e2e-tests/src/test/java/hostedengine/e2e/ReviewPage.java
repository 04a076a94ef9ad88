package hostedengine.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A review page: each answer in an element {@code [data-var=ROLE_VARIABLE]}, secrets marked data-secret. */
public abstract class ReviewPage extends WizardPage {

    protected ReviewPage(WizardUnderTest wizard, String path) {
        super(wizard, path);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-var]")));
    }

    /** The shown value of a role variable, e.g. {@code reviewValue("he_fqdn")}. */
    public String reviewValue(String roleVariable) {
        return waiting().until(ExpectedConditions.presenceOfElementLocated(dataVar(roleVariable))).getText().strip();
    }

    public boolean shows(String roleVariable) {
        return !driver.findElements(dataVar(roleVariable)).isEmpty();
    }

    public boolean isSecret(String roleVariable) {
        return "true".equals(driver.findElement(dataVar(roleVariable)).getDomAttribute("data-secret"));
    }

    /** The role variables the page shows, in page order. */
    public List<String> shownVariables() {
        return driver.findElements(By.cssSelector("[data-var]")).stream()
                .map(e -> e.getDomAttribute("data-var")).toList();
    }

    /** Every role variable with the text shown for it. */
    public java.util.Map<String, String> reviewValues() {
        var values = new java.util.LinkedHashMap<String, String>();
        for (WebElement e : driver.findElements(By.cssSelector("[data-var]"))) {
            values.put(e.getDomAttribute("data-var"), e.getText().strip());
        }
        return values;
    }

    /** The whole visible text of the page, to check no secret value is echoed anywhere. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    protected final void clickEdit(String step) {
        clickAndAwaitNewPage(By.cssSelector("a[data-edit='" + step + "']"));
    }

    public VmStepPage editVm() {
        clickEdit("vm");
        return new VmStepPage(wizard);
    }

    public EngineStepPage editEngine() {
        clickEdit("engine");
        return new EngineStepPage(wizard);
    }

    private static By dataVar(String roleVariable) {
        return By.cssSelector("[data-var='" + roleVariable + "']");
    }
}
