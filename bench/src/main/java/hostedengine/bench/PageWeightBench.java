package hostedengine.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 5. Page weight: each wizard step loaded in Chromium with an empty cache; bytes transferred
 * as the browser's Resource Timing counts them (compressed bodies and headers, page and every
 * resource it loads), and the decoded size. Each resource is fetched again with
 * {@code Accept-Encoding: gzip} to see whether the server compressed it.
 */
final class PageWeightBench {
    static final List<String> STEPS = List.of("/wizard/vm", "/wizard/engine", "/wizard/prepare", "/wizard/storage", "/wizard/finish");

    record Page(String path, int requests, long transferred, long decoded, List<String> uncompressed) {}

    private final WizardServer server;
    final List<Page> pages = new ArrayList<>();

    PageWeightBench(WizardServer server) { this.server = server; }

    void run(Browser browser) throws Exception {
        for (String path : STEPS) {
            Bench.progress("page weight: " + path);
            browser.driver().get("about:blank");
            browser.clearCache();
            browser.driver().get(server.base().resolve(path).toString());
            Thread.sleep(300); // let deferred scripts finish their first requests
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) browser.js("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    const res = performance.getEntriesByType('resource');
                    let transferred = nav.transferSize, decoded = nav.decodedBodySize;
                    for (const r of res) { transferred += r.transferSize; decoded += r.decodedBodySize; }
                    return {path: location.pathname, requests: 1 + res.length, transferred, decoded,
                            urls: res.map(r => r.name).filter(n => !n.includes('/api/'))};
                    """);
            if (!path.equals(m.get("path"))) {
                throw new IllegalStateException(path + " ended at " + m.get("path") + ": the step did not show");
            }
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) m.get("urls");
            Set<String> all = new LinkedHashSet<>(urls);
            all.add(server.base().resolve(path).toString());
            pages.add(new Page(path, ((Number) m.get("requests")).intValue(),
                    ((Number) m.get("transferred")).longValue(), ((Number) m.get("decoded")).longValue(), uncompressed(all)));
        }
    }

    /** The resources of more than 1,500 bytes (Jetty's default minimum) that came back without Content-Encoding. */
    private List<String> uncompressed(Set<String> urls) throws Exception {
        List<String> out = new ArrayList<>();
        for (String url : urls) {
            HttpResponse<byte[]> r = server.http().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean encoded = r.headers().firstValue("Content-Encoding").isPresent();
            if (!encoded && r.body().length > 1500) out.add(URI.create(url).getPath());
        }
        return out;
    }
}
