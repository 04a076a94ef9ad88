package hostedengine.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The deployment host's logs: one log's tail, its search box, and live following. */
public final class LogsPage extends WizardPage {
    public LogsPage(WizardUnderTest wizard) {
        super(wizard, "/logs");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("logs-list")));
    }

    public static LogsPage open(WizardUnderTest wizard, String log) {
        wizard.open("/logs?log=" + log);
        return new LogsPage(wizard);
    }

    public boolean simulatedLabel() { return !driver.findElements(By.id("logs-simulated")).isEmpty(); }

    public boolean missing() { return !driver.findElements(By.id("log-missing")).isEmpty(); }

    /** The lines shown, as their text. */
    public List<String> lines() {
        return driver.findElements(By.cssSelector("#log-lines li")).stream().map(WebElement::getText).toList();
    }

    /** The highlighted matches, as their text. */
    public List<String> marks() {
        return driver.findElements(By.cssSelector("#log-lines mark")).stream().map(WebElement::getText).toList();
    }

    /** Waits until the followed log shows a line with this text (the page polls every 2 s). */
    public LogsPage awaitLine(String text) {
        waiting().withMessage(() -> "a line '" + text + "' among " + lines())
                .until(d -> lines().contains(text));
        return this;
    }

    public LogsPage search(String query) {
        type("log-query", query);
        clickAndAwaitNewPage(By.id("log-search-submit"));
        return new LogsPage(wizard);
    }
}
