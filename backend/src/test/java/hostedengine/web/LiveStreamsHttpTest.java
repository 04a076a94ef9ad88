package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.messages.Messages;
import hostedengine.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caps on live streams (per browser session and overall), the 429 a refused one gets in the
 * user's language, a place freed when a client leaves, the streams of a session ended at logout
 * and at idle expiry, and the status stream's one snapshot for many clients.
 */
class LiveStreamsHttpTest {
    private static final String STATUS = "/api/status/events";
    private static final Messages MESSAGES = new Messages();
    @TempDir Path state;
    private TestServer server;
    private final List<InputStream> bodies = new ArrayList<>();

    private TestServer serve(int perSession, int total) {
        server = new TestServer(state, null, new WebSecurity.StreamCaps(perSession, total));
        return server;
    }

    @AfterEach
    void stop() {
        for (InputStream body : bodies) {
            try {
                body.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        if (server != null) server.close();
    }

    /** A second browser logged in as the operator; the server's own client becomes that browser. */
    private HttpClient anotherSession() {
        server.newBrowser();
        server.login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
        return server.client();
    }

    private HttpRequest streamRequest(String path) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/event-stream").GET().build();
    }

    /** Opens a stream as EventSource would; its body is closed after the test. */
    private HttpResponse<InputStream> open(HttpClient client, String path) throws Exception {
        var r = client.send(streamRequest(path), HttpResponse.BodyHandlers.ofInputStream());
        bodies.add(r.body());
        return r;
    }

    private static String text(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The first status snapshot's JSON on an open stream. */
    private static String firstStatus(HttpResponse<InputStream> r) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
                boolean status = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("event: status")) status = true;
                    else if (status && line.startsWith("data: ")) return line.substring(6);
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void theStreamOverTheSessionsCapIsRefusedInTheUsersLanguageWhileAnotherSessionStillGetsOne() throws Exception {
        serve(2, 100);
        HttpClient other = server.client();
        HttpClient mine = anotherSession();
        assertThat(open(mine, STATUS).statusCode()).isEqualTo(200);
        assertThat(open(mine, "/api/status/events?lang=en").statusCode()).isEqualTo(200);

        var refused = open(mine, STATUS);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains(String.valueOf(LiveStreams.RETRY_AFTER_SECONDS));
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text(refused)).isEqualTo(MESSAGES.text(Locale.ENGLISH, "streams.refused.session", 2));
        var refusedJa = open(mine, "/api/status/events?lang=ja");
        assertThat(refusedJa.statusCode()).isEqualTo(429);
        assertThat(text(refusedJa)).isEqualTo(MESSAGES.text(Locale.JAPANESE, "streams.refused.session", 2)).contains("上限 2");

        var theOthers = open(other, STATUS);
        assertThat(theOthers.statusCode()).as("another session has its own places").isEqualTo(200);
        assertThat(firstStatus(theOthers)).contains("\"hosts\":");
    }

    @Test
    void theOverallCapCountsTheStreamsOfEverySession() throws Exception {
        serve(5, 2);
        HttpClient first = server.client();
        assertThat(open(first, STATUS).statusCode()).isEqualTo(200);
        assertThat(open(first, STATUS).statusCode()).isEqualTo(200);
        HttpClient second = anotherSession();
        var refused = open(second, STATUS);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(text(refused)).isEqualTo(MESSAGES.text(Locale.ENGLISH, "streams.refused.total", 2));
    }

    @Test
    void aStreamWhoseClientLeftFreesItsPlace() throws Exception {
        serve(1, 10);
        var first = open(server.client(), STATUS);
        assertThat(firstStatus(first)).contains("\"hosts\":");
        assertThat(open(server.client(), STATUS).statusCode()).isEqualTo(429);
        first.body().close();
        // The server finds the client gone at its next write (a snapshot every 5 s, a keep-alive every 15 s).
        Await.until("a new stream of the session is served once the first client left", () -> {
            try {
                var again = open(server.client(), STATUS);
                if (again.statusCode() == 200) return true;
                again.body().close();
                return false;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(40));
    }

    @Test
    void logoutEndsTheSessionsRunAndStatusStreamsButNotAnotherSessions() throws Exception {
        serve(8, 100);
        HttpClient other = server.client();
        HttpClient mine = anotherSession();
        String run = startPrepareVm();
        var runStream = open(mine, "/api/runs/" + run + "/events");
        var statusStream = open(mine, STATUS);
        var othersStream = open(other, STATUS);
        assertThat(List.of(runStream.statusCode(), statusStream.statusCode(), othersStream.statusCode())).containsOnly(200);
        assertThat(firstStatus(statusStream)).as("the session's status stream is live").contains("\"hosts\":");

        server.post("/logout", Map.of());

        assertThat(untilEnd(runStream)).as("the run stream ended at logout, not with the run").contains("event: progress")
                .doesNotContain("event: run-end");
        assertThat(server.runs.get(run).orElseThrow().status().isFinal()).isFalse();
        assertThat(untilEnd(statusStream)).as("the status stream ended at logout").doesNotStartWith("ended by an error");
        assertThat(firstStatus(othersStream)).as("the other session's stream goes on").contains("\"hosts\":");
        server.login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
        server.post("/runs/" + run + "/cancel", Map.of());
    }

    /** The rest of a stream, once the server ends it; fails when it does not end within 20 s. */
    private static String untilEnd(HttpResponse<InputStream> r) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return text(r);
            } catch (IOException e) {
                return "ended by an error: " + e;
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void anIdleSessionThatExpiresEndsItsStreams() throws Exception {
        serve(8, 100);
        var stream = open(server.client(), STATUS);
        assertThat(stream.statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(16));
        // No request comes: the server looks for idle sessions by itself every few seconds.
        assertThat(untilEnd(stream)).contains("event: status");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"session-expired\"");
        assertThat(server.get(STATUS).statusCode()).as("the stream asks for a login again").isIn(302, 401);
    }

    @Test
    void theStatusStreamSendsTheSameSnapshotToManyClientsAndTheJsonToAPollingPage() throws Exception {
        serve(30, 100);
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        for (int i = 0; i < 25; i++) streams.add(open(server.client(), STATUS));
        var texts = new HashSet<String>();
        for (var s : streams) {
            assertThat(s.statusCode()).isEqualTo(200);
            texts.add(firstStatus(s));
        }
        assertThat(texts).as("one snapshot, one text, for every client").hasSize(1);
        assertThat(texts.iterator().next()).contains("\"hosts\":");

        var polled = server.get("/api/status");
        assertThat(polled.statusCode()).isEqualTo(200);
        assertThat(polled.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(polled.body()).contains("\"hosts\":").contains("\"time\":");
        var cleanup = server.get("/api/cleanup");
        assertThat(cleanup.statusCode()).isEqualTo(200);
        assertThat(cleanup.body()).contains("\"state\":\"NONE\"").contains("\"ended\":true");
    }

    private String startPrepareVm() {
        server.post("/wizard/vm", TestServer.validVm("Root-pw-streams-1"));
        server.post("/wizard/engine", TestServer.validEngine("Admin-pw-streams-1"));
        var r = server.post("/wizard/prepare/run", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
    }
}
