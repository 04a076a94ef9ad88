package hostedengine.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Selenium Manager cannot download
 * drivers on this machine, so both paths are given explicitly. Each browser gets a new profile
 * directory, so no cookie or cache leaks from one test class into another.
 */
public final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final String language;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, String language) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.language = language;
    }

    /** An English browser: Accept-Language en-US. */
    public static Browser english() {
        return start("en-US");
    }

    /** A Japanese browser: UI language ja and Accept-Language ja. */
    public static Browser japanese() {
        return start("ja");
    }

    /**
     * An English browser that takes any certificate, as an administrator who has accepted the
     * host's self-signed certificate: for servers on HTTPS with a throw-away certificate.
     */
    public static Browser englishAcceptingSelfSignedCertificates() {
        return start("en-US", true);
    }

    public static Browser start(String language) {
        return start(language, false);
    }

    private static Browser start(String language, boolean acceptAnyCertificate) {
        try {
            Path profile = Files.createTempDirectory("wizard-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,1600",
                    // Bootstrap scrolls smoothly unless reduced motion is asked for; a click computed
                    // while the page still scrolls lands on another element.
                    "--force-prefers-reduced-motion",
                    "--lang=" + language);
            // --lang alone does not set Accept-Language in headless mode; the profile preference does.
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            options.setAcceptInsecureCerts(acceptAnyCertificate);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .withLogFile(Reports.dir().resolve("chromedriver-" + profile.getFileName() + ".log").toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, service, profile, language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String language() {
        return language;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** The cookies of the current page as a Cookie header, for plain HTTP requests in the same session. */
    public String cookieHeader() {
        StringBuilder header = new StringBuilder();
        for (Cookie cookie : driver.manage().getCookies()) {
            if (header.length() > 0) {
                header.append("; ");
            }
            header.append(cookie.getName()).append('=').append(cookie.getValue());
        }
        return header.toString();
    }

    /** Saves a screenshot and the page source under the reports directory; returns the paths written. */
    public String saveEvidence(String name) {
        Path dir = Reports.dir();
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Path png = dir.resolve(safe + ".png");
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Path html = dir.resolve(safe + ".html");
            Files.writeString(html, "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
            return png + ", " + html;
        } catch (RuntimeException | IOException e) {
            return "(no evidence: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            ServerProcess.deleteTree(profile);
        }
    }
}
