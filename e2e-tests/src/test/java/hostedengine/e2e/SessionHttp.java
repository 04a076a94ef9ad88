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

    static HttpResponse<String> get(WizardUnderTest wizard, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wizard.url(path)))
                .timeout(Duration.ofSeconds(15));
        String cookies = wizard.browser().cookieHeader();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
