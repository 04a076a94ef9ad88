package hostedengine.e2e;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.WebDriver;

/**
 * One server and one browser per test class (the machine has two cores), a new wizard session per
 * test. Register it as {@code @RegisterExtension static final WizardUnderTest wizard = ...}.
 * When a test fails, its screenshot, page source and the server's last lines are kept.
 */
public final class WizardUnderTest implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestWatcher {
    private final String language;
    private final java.util.Map<String, String> env = new java.util.HashMap<>();
    private final java.util.List<String> options = new java.util.ArrayList<>();
    private ServerProcess server;
    private Browser browser;

    private WizardUnderTest(String language) {
        this.language = language;
    }

    public static WizardUnderTest inEnglish() {
        return new WizardUnderTest("en-US");
    }

    public static WizardUnderTest inJapanese() {
        return new WizardUnderTest("ja");
    }

    /** An environment variable for the server process (e.g. HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT). */
    public WizardUnderTest withServerEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Options for the server's command line (e.g. --streams-per-session 0). */
    public WizardUnderTest withServerOptions(String... more) {
        options.addAll(java.util.List.of(more));
        return this;
    }

    /**
     * Stops the server and starts a new one on the same state directory (drafts and the double's
     * state survive) with this environment instead; the browser logs in with the new link.
     */
    public void restartServer(java.util.Map<String, String> newEnv) {
        java.nio.file.Path stateDir = server.stateDir();
        server.stop();
        server = ServerProcess.start(newEnv, stateDir);
        logIn();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ServerProcess.start(env, null, options);
        browser = Browser.start(language);
        logIn();
    }

    /** Spends the server's single-use login link: the browser is logged in as the server's user. */
    private void logIn() {
        browser.driver().get(server.singleUseLoginLink());
        browser.waiting().withMessage("single-use login did not lead into the wizard")
                .until(d -> d.manage().getCookieNamed("hew_session") != null
                        && !d.getCurrentUrl().contains("/login"));
    }

    /**
     * Every test starts from an empty wizard: the draft belongs to the logged-in user, so it is
     * discarded with "Start over"; a language chosen with ?lang= is forgotten.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        browser.driver().manage().deleteCookieNamed("hew_lang");
        startOver();
    }

    /** "Start over" in the page header: discards the user's draft and opens the VM step. */
    public VmStepPage startOver() {
        open("/wizard/vm");
        new VmStepPage(this).startOver();
        return new VmStepPage(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (browser == null || server == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
        System.err.printf("%n=== %s failed at %s%n    evidence: %s%n    server log: %s%n--- server tail:%n%s%n===%n",
                name, browser.driver().getCurrentUrl(), browser.saveEvidence(name), server.log(),
                server.logTail(30));
    }

    @Override
    public void testSuccessful(ExtensionContext context) {}

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {}

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {}

    public WebDriver driver() {
        return browser.driver();
    }

    public Browser browser() {
        return browser;
    }

    public ServerProcess server() {
        return server;
    }

    public String url(String path) {
        return server.url(path);
    }

    /** Opens the VM step, the wizard's first page, through "/" as a user would. */
    public VmStepPage start() {
        driver().get(url("/"));
        // Without a hosted-engine command (the simulator installs its double only at final_clean)
        // "/" says so first and offers the wizard (#redeploy).
        var redeploy = driver().findElements(org.openqa.selenium.By.id("redeploy"));
        if (!redeploy.isEmpty()) {
            redeploy.get(0).click();
        }
        return new VmStepPage(this);
    }

    /** Opens any wizard path directly (e.g. after a refresh or with ?lang=ja). */
    public void open(String path) {
        driver().get(url(path));
    }
}
