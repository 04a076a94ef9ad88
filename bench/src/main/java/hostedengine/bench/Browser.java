package hostedengine.bench;

import java.io.File;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through Debian's chromedriver, logged in with the bench's session cookie. */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    Browser(Path work, URI base, HttpCookie session) throws IOException {
        profile = Files.createTempDirectory(work, "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1600", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().withLogFile(work.resolve("chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.get(base.resolve("/health").toString());
        driver.manage().addCookie(new Cookie.Builder(session.getName(), session.getValue()).path("/").isHttpOnly(true).build());
    }

    ChromeDriver driver() { return driver; }

    Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    /** Empties the HTTP cache, so the next page load is a first load. */
    void clearCache() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    String version() {
        Object v = driver.getCapabilities().getCapability("browserVersion");
        return v == null ? "?" : v.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            Tools.deleteTree(profile);
        }
    }
}
