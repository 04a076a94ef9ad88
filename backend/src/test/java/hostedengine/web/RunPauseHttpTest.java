package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role's pause over HTTP: the run page, the JSON summary and the event stream show it;
 * Continue (operators only, CSRF, audited) deletes the role's lock file; a run that is not
 * paused answers 409. The run is a directory written as Ansible and our callback write it,
 * paused at the role's wait, with a live process group standing in for Ansible, found by the
 * server as after a restart (the real role and simulator: {@code deploy/RunPauseTest}).
 */
class RunPauseHttpTest {
    static final String ID = "20250601-090000-prepare-vm-9a05e0";
    static final String ROLE = "ovirt.ovirt.hosted_engine_setup : ";
    static final String MESSAGE = "You can now connect to https://host1.example.com:6900/ovirt-engine/ and check the status"
            + " of this host and eventually remediate it, please continue only when the host is listed as 'up'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir Path state;
    TestServer server;
    Process ansible;
    Path lock;
    Path tagDir;

    @BeforeEach
    void aRunPausedByTheRole() throws Exception {
        lock = Files.createTempFile("ansible.", "_he_setup_lock");
        Path run = Files.createDirectories(state.resolve("runs").resolve(ID));
        Files.writeString(run.resolve("run.json"), """
                {"id": "%s", "phase": "PREPARE_VM", "owner": "user:admin", "created": "2025-06-01T09:00:00Z",
                 "status": "RUNNING", "tags": ["initial_clean", "bootstrap_local_vm"], "tagIndex": 1,
                 "cancelRequested": false, "results": {}, "events": 0}""".formatted(ID));
        Files.writeString(run.resolve("target.json"), "{\"host\": \"this host\", \"local\": true}");
        Path first = Files.createDirectories(run.resolve("1-initial_clean"));
        Files.writeString(first.resolve("events.jsonl"), event("task_start", "Force facts gathering", null, null));
        Files.writeString(first.resolve("rc"), "0\n");
        tagDir = Files.createDirectories(run.resolve("2-bootstrap_local_vm"));
        String debug = "Let the user connect to the bootstrap engine VM to manually fix host configuration";
        Files.writeString(tagDir.resolve("events.jsonl"), event("task_start", debug, null, null)
                + event("ok", debug, MESSAGE, null)
                + event("task_start", "Create temporary lock file", null, null)
                + event("ok", "Create temporary lock file", null, lock.toString())
                + event("task_start", waitTask(), null, null));
        // Ansible waiting on the lock file: a process group that lives until the test ends it.
        ansible = new ProcessBuilder("setsid", "sleep", "600").start();
        Files.writeString(tagDir.resolve("pid"), ansible.pid() + " " + ansible.pid() + "\n");
        server = new TestServer(state);
        server.runs.recover();
        Await.until("the server sees the pause", () -> server.runs.get(ID).map(r -> r.pause() != null).orElse(false), WITHIN);
    }

    @AfterEach
    void end() throws IOException {
        if (server != null) server.close();
        if (ansible != null) ansible.destroyForcibly();
        Files.deleteIfExists(lock);
    }

    @Test
    void theRunPageSaysPausedWithTheRolesMessageAndItsTimeout() throws Exception {
        String page = server.get("/runs/" + ID).body();
        assertThat(page).contains("data-paused=\"true\"").doesNotContain("data-paused=\"false\"")
                .contains("Paused: the deployment waits for you")
                .contains(MESSAGE.replace("'", "&#39;"))
                .contains("datetime=\"2025-06-02T09:00:05Z\"")
                .contains("id=\"continue-run\"");
        JsonNode info = JSON.readTree(server.get("/api/runs/" + ID).body());
        assertThat(info.at("/pause/message").asText()).isEqualTo(MESSAGE);
        assertThat(info.at("/pause/timesOutAt").asText()).isEqualTo("2025-06-02T09:00:05Z");
        assertThat(info.at("/pause/lockFile").asText()).isEqualTo(lock.toString());
    }

    @Test
    void japaneseRunPageSaysPausedInJapanese() {
        String page = server.get("/runs/" + ID, "Accept-Language", "ja").body();
        assertThat(page).contains("一時停止中: デプロイはあなたの操作を待っています").contains(">続行<");
    }

    @Test
    void theEventStreamCarriesThePause() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url("/api/runs/" + ID + "/events?since=0")))
                .header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = server.client().sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<String> pauseData = response.thenApply(r -> {
            var lines = r.body().iterator();
            boolean next = false;
            while (lines.hasNext()) {
                String line = lines.next();
                if (next && line.startsWith("data:")) return line.substring(5).strip();
                next = line.equals("event: run-pause") || line.equals("event:run-pause");
            }
            return "";
        });
        JsonNode pause = JSON.readTree(pauseData.get(30, TimeUnit.SECONDS)).get("pause");
        assertThat(pause.get("message").asText()).isEqualTo(MESSAGE);
        response.cancel(true);
    }

    @Test
    void continueDeletesTheRolesLockFileAndIsAudited() throws Exception {
        HttpResponse<String> r = server.post("/runs/" + ID + "/continue", Map.of());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/runs/" + ID);
        assertThat(lock).doesNotExist();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"deployment-continued\"")
                .contains("\"run\":\"" + ID + "\"").contains("\"result\":\"continued\"");

        // Twice, before the role has gone on: the page says the lock file was already gone.
        HttpResponse<String> again = server.post("/runs/" + ID + "/continue", Map.of());
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue("/runs/" + ID + "?notice=run.continue.lockGone");
        assertThat(server.get("/runs/" + ID + "?notice=run.continue.lockGone").body())
                .contains("The role&#39;s lock file was already deleted");
    }

    @Test
    void continueOnARunThatIsNotPausedIs409WithWhy() throws Exception {
        // The role goes on: its wait ends.
        Files.writeString(tagDir.resolve("events.jsonl"), event("ok", waitTask(), null, lock.toString()), StandardOpenOption.APPEND);
        Await.until("the pause is over", () -> server.runs.get(ID).map(r -> r.pause() == null).orElse(false), WITHIN);

        HttpResponse<String> form = server.post("/runs/" + ID + "/continue", Map.of());
        assertThat(form.statusCode()).isEqualTo(409);
        assertThat(form.body()).contains("id=\"run-notice\"").contains("This run is not paused");
        HttpResponse<String> json = server.post("/runs/" + ID + "/continue", Map.of(), "Accept", "application/json",
                "Accept-Language", "ja");
        assertThat(json.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("outcome").asText()).isEqualTo("NOT_PAUSED");
        assertThat(body.get("message").asText()).isEqualTo("この実行は一時停止していないため、続行するものはありません。");
        assertThat(lock).as("nothing deleted").exists();
        assertThat(server.get("/runs/" + ID).body()).contains("data-paused=\"false\"");
    }

    @Test
    void continueOnAFinishedRunIs409() throws Exception {
        Files.writeString(tagDir.resolve("rc"), "0\n");
        Await.until("the run ends", () -> server.runs.get(ID).map(r -> r.status().isFinal()).orElse(false), WITHIN);
        assertThat(server.post("/runs/" + ID + "/continue", Map.of()).statusCode()).isEqualTo(409);
        assertThat(lock).exists();
    }

    @Test
    void aViewerMayNotContinueAndSeesNoButton() {
        server.newBrowser();
        assertThat(server.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(server.get("/runs/" + ID).body()).contains("Paused: the deployment waits for you")
                .doesNotContain("id=\"continue-run\"");
        assertThat(server.post("/runs/" + ID + "/continue", Map.of()).statusCode()).isEqualTo(403);
        assertThat(lock).exists();
    }

    @Test
    void continueWithoutTheCsrfTokenIsRefused() {
        assertThat(server.postWithoutCsrf("/runs/" + ID + "/continue", Map.of()).statusCode()).isEqualTo(403);
        assertThat(lock).exists();
    }

    @Test
    void theStatusPageShowsABannerLinkingThePausedRun() throws Exception {
        server.close(); // one with the engine's status instead, on the same state directory
        var tool = new hostedengine.engine.HostedEngineDouble(state).healthyTwoHosts().write().tool(Duration.ofSeconds(20));
        try (var poller = new hostedengine.engine.EngineStatePoller(tool, Duration.ofMillis(300), java.time.Clock.systemUTC())) {
            var engine = new EngineParts(tool, poller,
                    new hostedengine.engine.Maintenance(tool, TestServer.HOST::hostFqdn, poller::current),
                    new hostedengine.engine.Landing(tool, state.resolve("no-vdsm-ca.pem")),
                    new hostedengine.engine.Cleanup(tool, state.resolve("appliance"), Duration.ofSeconds(20)),
                    new hostedengine.engine.Notifications(tool));
            server = new TestServer(state, engine);
            server.runs.recover();
            Await.until("the server sees the pause", () -> server.runs.get(ID).map(r -> r.pause() != null).orElse(false), WITHIN);
            assertThat(server.get("/status").body()).contains("id=\"paused-deployment-banner\"")
                    .contains("A deployment is paused and waits for you").contains("href=\"/runs/" + ID + "\"");
        }
    }

    private String waitTask() {
        return "Pause execution until " + lock + " is removed, delete it once ready to proceed";
    }

    /** One line as our callback writes it; the wait starts at 09:00:05. */
    private static String event(String type, String task, String msg, String path) throws IOException {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("event", type);
        m.put("time", "2025-06-01T09:00:05Z");
        m.put("task", ROLE + task);
        m.put("host", "localhost");
        m.put("tag", "bootstrap_local_vm");
        m.put("otopi", Map.of());
        if (msg != null) m.put("msg", msg);
        if (path != null) m.put("path", path);
        return JSON.writeValueAsString(m) + "\n";
    }
}
