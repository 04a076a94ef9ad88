package hostedengine.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /status: the hosts table ({@code tr[data-host-id]} with {@code td[data-field]}), the engine VM's
 * host, the diagnosis ({@code #diagnosis[data-diagnosis]}), the global maintenance banner, the
 * problem, and the maintenance action forms. The page follows the server's poller (every 5 s), so
 * waits on what it shows allow for a few readings.
 */
public final class StatusPage extends WizardPage {
    /** Two poller intervals and the tool's own time. */
    static final Duration POLL_WAIT = Duration.ofSeconds(20);

    public StatusPage(WizardUnderTest wizard) {
        this(wizard, "/status");
    }

    /** The page as an action's answer renders it, at the action's URL. */
    private StatusPage(WizardUnderTest wizard, String path) {
        super(wizard, path);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    }

    public static StatusPage open(WizardUnderTest wizard) {
        wizard.open("/status");
        return new StatusPage(wizard);
    }

    private WebDriverWait polling(String what) {
        return (WebDriverWait) new WebDriverWait(driver, POLL_WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> what + "; the page shows diagnosis=" + safe(this::diagnosis)
                        + ", problem=" + safe(this::problemText) + ", hosts=" + safe(() -> hosts().toString()));
    }

    private static String safe(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return "(" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Waits until the page shows this diagnosis id (data-diagnosis) and its section is visible. */
    public StatusPage awaitDiagnosis(String id) {
        polling("diagnosis " + id + " never shown").until(d -> id.equals(diagnosis()));
        return this;
    }

    /** Waits until the page shows a problem (#status-problem visible). */
    public StatusPage awaitProblem() {
        polling("no problem shown").until(d -> d.findElement(By.id("status-problem")).isDisplayed());
        return this;
    }

    public StatusPage awaitNoProblem() {
        polling("the problem stayed").until(d -> !d.findElement(By.id("status-problem")).isDisplayed());
        return this;
    }

    public StatusPage awaitGlobalMaintenanceBanner(boolean shown) {
        polling("global maintenance banner never " + (shown ? "shown" : "hidden"))
                .until(d -> d.findElement(By.id("global-maintenance-banner")).isDisplayed() == shown);
        return this;
    }

    public StatusPage awaitEngineOn(String hostname) {
        polling("engine VM never shown on " + hostname).until(d -> hostname.equals(engineHost()));
        return this;
    }

    public StatusPage awaitHostField(String hostname, String field, String value) {
        polling(hostname + " " + field + " never " + value).until(d -> value.equals(hosts().getOrDefault(hostname, Map.of()).get(field)));
        return this;
    }

    /** The visible diagnosis id, or null when the diagnosis is hidden. */
    public String diagnosis() {
        WebElement section = driver.findElement(By.id("diagnosis"));
        return section.isDisplayed() ? section.getDomAttribute("data-diagnosis") : null;
    }

    public String diagnosisExplanation() {
        return driver.findElement(By.id("diagnosis-explanation")).getText().strip();
    }

    public List<String> diagnosisSteps() {
        return driver.findElements(By.cssSelector("#diagnosis-steps li")).stream().map(li -> li.getText().strip()).toList();
    }

    public String engineHost() {
        return driver.findElement(By.id("engine-host-name")).getText().strip();
    }

    public boolean globalMaintenanceBanner() {
        return driver.findElement(By.id("global-maintenance-banner")).isDisplayed();
    }

    public String problemText() {
        WebElement problem = driver.findElement(By.id("status-problem"));
        return problem.isDisplayed() ? driver.findElement(By.id("status-problem-text")).getText().strip() : null;
    }

    public String problemOutput() {
        return driver.findElement(By.id("status-problem-output")).getText().strip();
    }

    /** Hostname to its fields (data-field name to text, plus runsEngine from data-runs-engine). */
    public Map<String, Map<String, String>> hosts() {
        return driver.findElements(By.cssSelector("#hosts tr[data-host-id]")).stream().collect(Collectors.toMap(
                row -> row.findElement(By.cssSelector("[data-field='hostname'] span")).getText().strip(),
                row -> {
                    Map<String, String> fields = row.findElements(By.cssSelector("td[data-field]")).stream()
                            .collect(Collectors.toMap(c -> c.getDomAttribute("data-field"), c -> c.getText().strip()));
                    var all = new java.util.HashMap<>(fields);
                    all.put("runsEngine", row.getDomAttribute("data-runs-engine"));
                    return all;
                },
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    // --- maintenance actions: forms #maintenance-global, #maintenance-local, #maintenance-none, #vm-shutdown, #vm-start

    /** Ticks the form's confirmation checkbox and submits it; the server answers with the page and the result. */
    public StatusPage act(String form) {
        setChecked("confirm-" + form, true);
        clickAndAwaitNewPage(By.id("submit-" + form));
        return new StatusPage(wizard, actionPath(form));
    }

    private static String actionPath(String form) {
        return form.startsWith("maintenance-") ? "/status/maintenance" : "/status/vm/" + form.substring(3);
    }

    /** Submits a form without its confirmation, past the browser's required-checkbox check. */
    public StatusPage submitUnconfirmed(String form) {
        js("document.getElementById(arguments[0]).noValidate = true;", form);
        clickAndAwaitNewPage(By.id("submit-" + form));
        return new StatusPage(wizard, actionPath(form));
    }

    /** data-outcome of #action-result: DONE, REFUSED or FAILED. */
    public String actionOutcome() {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("action-result"))).getDomAttribute("data-outcome");
    }

    public String actionForm() {
        return driver.findElement(By.id("action-result")).getDomAttribute("data-form");
    }

    public String actionMessage() {
        return driver.findElement(By.id("action-message")).getText().strip();
    }

    /** The command's output shown with the result; empty when none. */
    public String actionOutput() {
        List<WebElement> out = driver.findElements(By.id("action-output"));
        return out.isEmpty() ? "" : out.get(0).getText().strip();
    }

    public String reflectNote() {
        List<WebElement> note = driver.findElements(By.id("reflect-note"));
        return note.isEmpty() || !note.get(0).isDisplayed() ? null : note.get(0).getText().strip();
    }

    /** The refusal the local maintenance form shows before anything is submitted, or null. */
    public String localMaintenanceRefusalNote() {
        List<WebElement> note = driver.findElements(By.id("maintenance-local-refusal"));
        return note.isEmpty() ? null : note.get(0).getText().strip();
    }

    /** The banner while fewer than two hosts can run the engine VM (as the page was rendered). */
    public boolean singleHostBanner() { return !driver.findElements(By.id("status-single-host")).isEmpty(); }

    /** The link to the engine's hosts. */
    public HostsPage toHosts() {
        clickAndAwaitNewPage(By.id("hosts-link"));
        return new HostsPage(wizard);
    }

    /** The link to the deployment host's logs. */
    public LogsPage toLogs() {
        clickAndAwaitNewPage(By.id("status-logs-link"));
        return new LogsPage(wizard);
    }

    /** Where *Download support bundle* points (operators only), or null when the page has no such link. */
    public String supportBundleHref() {
        var links = driver.findElements(By.id("status-support-bundle"));
        return links.isEmpty() ? null : links.get(0).getDomAttribute("href");
    }

    public CleanupPage toCleanup() {
        clickAndAwaitNewPage(By.id("cleanup-link"));
        return new CleanupPage(wizard);
    }
}
