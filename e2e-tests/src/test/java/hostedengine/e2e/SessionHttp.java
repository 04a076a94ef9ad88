package hostedengine.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP requests in the browser's wizard session: the driver's cookies are copied over. */
final class SessionHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private SessionHttp() {}

    /** POSTs a form body ({@code a=1&b=2}) in the browser's session, as the page's live check does. */
    static HttpResponse<String> postForm(WizardUnderTest wizard, String path, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wizard.url(path)))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("X-CSRF-Token", csrfToken(wizard))
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        return send(wizard, request, path);
    }

    /** The CSRF token the current page carries in {@code <meta name="csrf-token">}. */
    private static String csrfToken(WizardUnderTest wizard) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) wizard.driver()).executeScript(
                "var m = document.querySelector(\"meta[name='csrf-token']\"); return m ? m.content : '';");
    }

    static HttpResponse<String> get(WizardUnderTest wizard, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wizard.url(path)))
                .timeout(Duration.ofSeconds(15));
        return send(wizard, request, path);
    }

    /** A download in the browser's session (its cookies), as the bytes the browser would save. */
    static HttpResponse<byte[]> download(WizardUnderTest wizard, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wizard.url(path))).timeout(Duration.ofSeconds(60));
        String cookies = wizard.browser().cookieHeader();
        if (!cookies.isEmpty()) request.header("Cookie", cookies);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(WizardUnderTest wizard, HttpRequest.Builder request, String path) {
        String cookies = wizard.browser().cookieHeader();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
