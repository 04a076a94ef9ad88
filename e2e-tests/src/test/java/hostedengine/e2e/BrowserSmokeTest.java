package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The browser infrastructure itself: Debian's Chromium starts headless and speaks the language asked. */
class BrowserSmokeTest {

    @Test
    void headlessChromiumRendersAPage() {
        try (Browser browser = Browser.english()) {
            browser.driver().get("data:text/html,<title>smoke</title><p id=hello>Hello</p>");
            browser.waiting().until(ExpectedConditions.textToBe(By.id("hello"), "Hello"));
            assertThat(browser.driver().getTitle()).isEqualTo("smoke");
        }
    }

    @Test
    void japaneseBrowserSendsJapaneseAcceptLanguage() throws IOException {
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            String value = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Language"));
            byte[] body = ("<p id=lang>" + value + "</p>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        try (Browser browser = Browser.japanese()) {
            browser.driver().get("http://127.0.0.1:" + echo.getAddress().getPort() + "/");
            String acceptLanguage = browser.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("lang"))).getText();
            assertThat(acceptLanguage).startsWith("ja");
        } finally {
            echo.stop(0);
        }
    }
}
