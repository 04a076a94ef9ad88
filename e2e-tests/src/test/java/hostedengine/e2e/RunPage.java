package hostedengine.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** /runs/ID: a phase's progress; the simulator runs fast in tests (HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED). */
public final class RunPage extends WizardPage {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    public RunPage(WizardUnderTest wizard) {
        super(wizard, "/runs/");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("run")));
    }

    /** Waits until the run reports success (#run-success shown). */
    public RunPage awaitSuccess() { return awaitSuccess(RUN_TIMEOUT); }

    /** As {@link #awaitSuccess()}, for a whole phase on a busy machine (the simulator's tasks are Ansible's own). */
    public RunPage awaitSuccess(Duration timeout) {
        new WebDriverWait(driver, timeout)
                .withMessage(() -> "run did not succeed; page status " + status() + ", GET /api/runs/" + runId()
                        + " says " + SessionHttp.get(wizard, "/api/runs/" + runId()).body())
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("run-success")));
        return this;
    }

    /** Waits until the run reports its failure (#run-failure shown, after the page's reload at the end). */
    public RunPage awaitFailure() { return awaitFailure(RUN_TIMEOUT); }

    /** As {@link #awaitFailure()}, for a failure late in a phase. */
    public RunPage awaitFailure(Duration timeout) {
        new WebDriverWait(driver, timeout)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "run did not fail; page status " + status())
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("run-failure")));
        return this;
    }

    /** The failed task the failure names. */
    public String failedTask() {
        return driver.findElement(By.id("failed-task")).getText().strip();
    }

    /** The engine's own sentences the log shows (a run through the engine's API). */
    public java.util.List<String> engineLines() {
        return driver.findElements(By.cssSelector("#run-log li.ev-engine_event")).stream().map(e -> e.getText().strip()).toList();
    }

    /** The log as a user sees it: the visible lines, top to bottom (folded items and filtered lines are not seen). */
    public java.util.List<String> visibleLogLines() {
        return driver.findElement(By.id("run-log")).getText().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The task lines that hold a loop's items (each a summary ending in its count), as shown. */
    public java.util.List<String> foldedTaskLines() {
        return driver.findElements(By.cssSelector("#run-log li.has-items > details > summary")).stream()
                .map(e -> e.getText().strip()).toList();
    }

    /** Ticks or unticks one kind of line above the log ("task", "ok", "changed", "failed", ...). */
    public RunPage showInLog(String kind, boolean shown) {
        var box = driver.findElement(By.id("log-filter-" + kind));
        if (box.isSelected() != shown) box.click();
        return this;
    }

    /** The failure's message as the run recorded it. */
    public String failureMessage() { return driver.findElement(By.id("failure-message")).getText().strip(); }

    /** What the guide says to check, under a failed engine operation. */
    public String engineAdvice() { return driver.findElement(By.id("engine-advice")).getText().strip(); }

    /** The next steps after Finish Deployment (portal, CA, a second host), as text. */
    public String nextSteps() { return driver.findElement(By.id("next-steps")).getText(); }

    /** A day-2 run's link back to the engine's hosts. */
    public HostsPage toHosts() {
        clickAndAwaitNewPage(By.id("run-to-hosts"));
        return new HostsPage(wizard);
    }

    /** A failed run's link to the cleanup. */
    public CleanupPage toCleanup() {
        clickAndAwaitNewPage(By.id("cleanup-from-run"));
        return new CleanupPage(wizard);
    }

    /** Waits until the live log shows at least {@code lines} lines. */
    public RunPage awaitLogLines(int lines) {
        new WebDriverWait(driver, RUN_TIMEOUT).withMessage(() -> "the log never reached " + lines + " lines")
                .until(d -> d.findElements(By.cssSelector("#run-log li[data-seq]")).size() >= lines);
        return this;
    }

    /** Waits until the page has the whole log it will show (its event stream has ended). */
    public RunPage awaitStreamEnd() {
        new WebDriverWait(driver, RUN_TIMEOUT).withMessage("the run page's event stream never ended")
                .until(d -> d.findElement(By.id("run")).getDomAttribute("data-streaming") == null
                        && !d.findElements(By.cssSelector("#run-log li")).isEmpty());
        return this;
    }

    /** The event numbers of the log lines the page holds, top to bottom (a loop's items folded under their task or not). */
    @SuppressWarnings("unchecked")
    public java.util.List<Long> logSeqs() {
        var seqs = (java.util.List<Object>) js("return Array.from(document.querySelectorAll('#run-log li[data-seq]')).map(li => Number(li.dataset.seq));");
        return seqs.stream().map(o -> ((Number) o).longValue()).toList();
    }

    /**
     * Waits until the counts the page shows (which come from the server's progress events) agree
     * with the log lines it holds: ok + changed = the "ok" lines, changed = the changed ones.
     * Meaningful while the page holds the whole log (its first line is event 1).
     */
    public RunPage awaitCountsMatchingTheLog() {
        new WebDriverWait(driver, RUN_TIMEOUT).withMessage(() -> "the counts " + count("ok") + " ok, " + count("changed")
                        + " changed never matched the log's " + driver.findElements(By.cssSelector("#run-log li.ev-ok")).size()
                        + " ok lines")
                .until(d -> count("ok") + count("changed") == d.findElements(By.cssSelector("#run-log li.ev-ok")).size()
                        && count("changed") == d.findElements(By.cssSelector("#run-log li.ev-changed")).size());
        return this;
    }

    /** A count the page shows: "ok", "changed", "failed" or "skipped". */
    public int count(String kind) {
        return Integer.parseInt(driver.findElement(By.id("count-" + kind)).getText().strip());
    }

    /** The progress bar's value, 0 to 100. */
    public int percent() {
        return Integer.parseInt(driver.findElement(By.id("run-progress")).getDomAttribute("aria-valuenow"));
    }

    public String currentTask() {
        return driver.findElement(By.id("current-task")).getText().strip();
    }

    /** The browser's refresh button, in the middle of the run. */
    public RunPage refresh() {
        driver.navigate().refresh();
        return new RunPage(wizard);
    }

    public String runId() {
        return driver.findElement(By.id("run")).getDomAttribute("data-run-id");
    }

    public String status() {
        return driver.findElement(By.id("run")).getDomAttribute("data-status");
    }

    /** Waits until the role pauses and the page says so (#run-pause shown, live over the event stream). */
    public RunPage awaitPause(Duration timeout) {
        new WebDriverWait(driver, timeout)
                .withMessage(() -> "the run never paused; page status " + status())
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("run-pause")));
        return this;
    }

    /** The role's own message for the pause, as the page shows it. */
    public String pauseMessage() { return driver.findElement(By.id("pause-message")).getText().strip(); }

    /** When the role stops waiting (the machine-readable time of #pause-timeout). */
    public String pauseTimesOutAt() { return driver.findElement(By.id("pause-timeout")).getDomAttribute("datetime"); }

    /** The whole pause panel's text: title, message, timeout and what to do. */
    public String pauseText() { return driver.findElement(By.id("run-pause")).getText(); }

    /** Continue: the page comes back and follows the run on. */
    public RunPage continueRun() {
        clickAndAwaitNewPage(By.id("continue-run"));
        return new RunPage(wizard);
    }

    /** After a successful Prepare VM: on to the Storage step. */
    public StoragePage toStorage() {
        clickNext();
        return new StoragePage(wizard);
    }

    /** Which row of the failure table explains the failure ("none" when none does); the page's data-failure. */
    public String explanationId() {
        return driver.findElement(By.id("failure-explanation")).getDomAttribute("data-failure");
    }

    /** The explanation's cause, as the page shows it. */
    public String failureCause() { return driver.findElement(By.id("failure-cause")).getText().strip(); }

    /** The explanation's steps to fix it. */
    public String failureFix() { return driver.findElement(By.id("failure-fix")).getText().strip(); }

    /** The guide's sections the explanation cites. */
    public String failureGuide() { return driver.findElement(By.id("failure-guide")).getText().strip(); }

    /** True when the explanation comes before the role's raw message on the page. */
    public boolean explanationPrecedesRawMessage() {
        return Boolean.TRUE.equals(js("return (document.getElementById('failure-explanation')"
                + ".compareDocumentPosition(document.getElementById('failure-message')) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;"));
    }

    /** The same run page in another language (?lang=, remembered by the server in a cookie). */
    public RunPage inLanguage(String lang) {
        wizard.open("/runs/" + runId() + "?lang=" + lang);
        return new RunPage(wizard);
    }

    /** Retry phase: the phase starts again as a new run, whose page opens. */
    public RunPage retryPhase() {
        String before = runId();
        clickAndAwaitNewPage(By.id("retry-run"));
        RunPage next = new RunPage(wizard);
        if (next.runId().equals(before)) throw new IllegalStateException("Retry phase did not start a new run");
        return next;
    }
}
