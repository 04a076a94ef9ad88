package hostedengine.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every wizard page shares: fields addressed by their field id, messages at
 * {@code #FIELD-error}/{@code #FIELD-warning}, the error summary, the live check marker
 * {@code form[data-checking]}, and the #next/#back buttons.
 */
public abstract class WizardPage {
    protected final WizardUnderTest wizard;
    protected final WebDriver driver;

    protected WizardPage(WizardUnderTest wizard, String path) {
        this.wizard = wizard;
        this.driver = wizard.driver();
        var expected = java.util.regex.Pattern.compile(
                "^[^?#]*" + java.util.regex.Pattern.quote(path) + (path.endsWith("/") ? "[^?#/]+" : "") + "([?#].*)?$");
        waiting().withMessage(() -> "expected " + path + ", browser is at " + driver.getCurrentUrl())
                .until(d -> expected.matcher(d.getCurrentUrl()).matches() || serverErrorText() != null);
        String error = serverErrorText();
        if (error != null) {
            throw new AssertionError("expected " + path + ", the server answered " + driver.getCurrentUrl()
                    + " with: " + error);
        }
        waiting().until(d -> "complete".equals(js("return document.readyState")));
    }

    /** The text of the server's plain-text error answer (403, 404, 500) the browser shows, else null. */
    private String serverErrorText() {
        Object text = js("var b = document.body; return b && b.children.length === 1"
                + " && b.firstElementChild.tagName === 'PRE' && !document.querySelector('main') ? b.innerText : null;");
        return text == null ? null : text.toString().strip();
    }

    protected final WebDriverWait waiting() {
        return wizard.browser().waiting();
    }

    protected final Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    protected final WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    /** Replaces a field's text as a user would, leaving the focus in the field. */
    protected final void type(String id, String value) {
        WebElement input = waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!value.isEmpty()) {
            input.sendKeys(value);
        }
    }

    /** Types into a field and leaves it with Tab, which triggers its live check; waits for the answer. */
    protected final void enter(String id, String value) {
        type(id, value);
        leave(id);
    }

    /** Leaves a field with Tab (blur + change) and waits until the live check's answer is shown. */
    public final void leave(String id) {
        field(id).sendKeys(Keys.TAB);
        awaitLiveChecks();
    }

    protected final void choose(String selectId, String value) {
        WebElement select = waiting().until(ExpectedConditions.elementToBeClickable(By.id(selectId)));
        new Select(select).selectByValue(value);
        awaitLiveChecks();
    }

    protected final void setChecked(String checkboxId, boolean checked) {
        WebElement box = waiting().until(ExpectedConditions.elementToBeClickable(By.id(checkboxId)));
        if (box.isSelected() != checked) {
            box.click();
        }
        awaitLiveChecks();
    }

    /** Waits until no live check is pending: the form drops {@code data-checking="true"}. */
    public final void awaitLiveChecks() {
        waiting().withMessage("a live check still pending (form[data-checking=true])")
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("form[data-checking='true']"), 0));
    }

    public final String value(String id) {
        return field(id).getAttribute("value");
    }

    public final String selected(String selectId) {
        return new Select(field(selectId)).getFirstSelectedOption().getAttribute("value");
    }

    public final boolean isChecked(String checkboxId) {
        return field(checkboxId).isSelected();
    }

    /** The error shown at a field; waits until it is visible and not empty. */
    public final String fieldError(String fieldId) {
        return visibleText(By.id(fieldId + "-error"));
    }

    public final String fieldWarning(String fieldId) {
        return visibleText(By.id(fieldId + "-warning"));
    }

    /** True when the field shows no error (no visible, non-empty #FIELD-error). */
    public final boolean hasNoError(String fieldId) {
        List<WebElement> errors = driver.findElements(By.id(fieldId + "-error"));
        return errors.isEmpty() || !errors.get(0).isDisplayed() || errors.get(0).getText().isBlank();
    }

    public final boolean isMarkedInvalid(String fieldId) {
        return "true".equals(field(fieldId).getAttribute("aria-invalid"));
    }

    /** Ids of the fields the error summary links to ({@code a[href="#FIELD"]}). */
    public final List<String> errorSummaryTargets() {
        WebElement summary = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        return summary.findElements(By.cssSelector("a[href^='#']")).stream()
                .map(a -> a.getDomAttribute("href").substring(1))
                .toList();
    }

    /** Follows the summary's link to a field; returns the fragment the page then points at. */
    public final String followErrorSummaryLink(String fieldId) {
        WebElement summary = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        summary.findElement(By.cssSelector("a[href='#" + fieldId + "']")).click();
        waiting().until(ExpectedConditions.urlContains("#" + fieldId));
        return driver.getCurrentUrl().substring(driver.getCurrentUrl().indexOf('#') + 1);
    }

    /** The id of the element that has the keyboard focus. */
    public final String focusedElementId() {
        return (String) js("return document.activeElement ? document.activeElement.id : null");
    }

    /** The language the page is rendered in ({@code <html lang>}). */
    public final String pageLanguage() {
        return driver.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    public final boolean showsSimulatorBanner() {
        return !driver.findElements(By.id("simulator-banner")).isEmpty()
                && driver.findElement(By.id("simulator-banner")).isDisplayed();
    }

    /** Reloads the page as the browser's refresh button does. */
    protected final void reload() {
        String oldPage = markPage();
        driver.navigate().refresh();
        awaitNewPage(oldPage, "refresh");
    }

    /** Clicks #next and waits for the page to be replaced (the next step, or this one re-rendered). */
    protected final void clickNext() {
        clickAndAwaitNewPage(By.id("next"));
    }

    protected final void clickAndAwaitNewPage(By button) {
        WebElement target = waiting().until(ExpectedConditions.elementToBeClickable(button));
        String oldPage = markPage();
        target.click();
        awaitNewPage(oldPage, "clicking " + button);
    }

    /**
     * Tags the current document with a token; a new page load drops it. (Waiting for a stale
     * element instead fails on chromedriver's "Node with given id does not belong to the document".)
     */
    protected final String markPage() {
        String token = java.util.UUID.randomUUID().toString();
        js("window.__e2ePage = arguments[0];", token);
        return token;
    }

    protected final void awaitNewPage(String oldPage, String after) {
        waiting().withMessage("no new page after " + after)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> !oldPage.equals(js("return window.__e2ePage || null;"))
                        && "complete".equals(js("return document.readyState;")));
    }

    /** Clicks #next on a page with invalid answers: the server re-renders the step with its error summary. */
    protected final void clickNextExpectingErrors() {
        awaitLiveChecks();
        clickNext();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
    }

    /** Submits the step's form bypassing the page's scripts, so only the server's own rules answer. */
    protected final void submitWithoutBrowserChecks() {
        String oldPage = markPage();
        js("var f = document.getElementById('next').form; HTMLFormElement.prototype.submit.call(f);");
        awaitNewPage(oldPage, "submitting the form without scripts");
    }

    /** Sets a field's value without firing any event: no live check runs. */
    protected final void setSilently(String id, String value) {
        js("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private String visibleText(By locator) {
        WebElement element = waiting().withMessage("no visible message at " + locator)
                .until(d -> {
                    List<WebElement> found = d.findElements(locator);
                    return !found.isEmpty() && found.get(0).isDisplayed() && !found.get(0).getText().isBlank()
                            ? found.get(0) : null;
                });
        return element.getText().strip();
    }
}
