package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.testing.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleaning up through the page: two confirmations, the streamed output, the audit, the space freed, the wizard kept. */
class StatusCleanupHttpTest {
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;
    private HostedEngineDouble d;
    private Path appliance;

    @BeforeEach
    void start() throws Exception {
        appliance = Files.createDirectories(state.resolve("appliance"));
        Path localVm = Files.createDirectories(appliance.resolve("localvmAbCd"));
        Files.write(localVm.resolve("images.qcow2"), new byte[3 * 1024 * 1024]);
        d = new HostedEngineDouble(state).healthyTwoHosts().set("local_vm_dir_path", appliance.toString()).write();
        var tool = d.tool();
        poller = new EngineStatePoller(tool, Duration.ofMillis(300), Clock.systemUTC());
        server = new TestServer(state, new EngineParts(tool, poller, new Maintenance(tool, TestServer.HOST::hostFqdn, poller::current),
                new Landing(tool, state.resolve("no-ca.pem")), new Cleanup(tool, appliance, Duration.ofSeconds(20)), new hostedengine.engine.Notifications(tool)));
    }

    @AfterEach
    void stop() {
        server.close();
        poller.close();
    }

    private String waitForEnd() throws InterruptedException {
        return Await.value("the cleanup ends", () -> Optional.of(server.get("/cleanup").body())
                .filter(html -> !html.contains("data-state=\"RUNNING\"")), Duration.ofSeconds(10));
    }

    @Test
    void oneConfirmationIsNotEnough() throws Exception {
        var r = server.post("/cleanup", Map.of("confirmDeconfigure", "yes"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"cleanup-error\"");
        assertThat(d.read().get("deployed")).isEqualTo(true);
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"cleanup\"").contains("\"outcome\":\"refused\"");
    }

    @Test
    void aConfirmedCleanupRunsShowsItsOutputAndTheSpaceFreedAndKeepsTheAnswers() throws Exception {
        assertThat(server.post("/wizard/vm", TestServer.validVm("Secret-Root-1")).statusCode()).isEqualTo(302);
        var r = server.post("/cleanup", Map.of("confirmDeconfigure", "yes", "confirmStorage", "yes"));
        assertThat(r.statusCode()).isEqualTo(303);
        String html = waitForEnd();
        assertThat(html).contains("data-state=\"SUCCEEDED\"").contains("-=== Destroy hosted-engine VM ===-")
                .contains("- removing " + appliance.resolve("localvmAbCd")).contains("id=\"cleanup-freed\">3.0 MiB<")
                .contains("id=\"cleanup-to-wizard\"");
        assertThat(d.read().get("deployed")).isEqualTo(false);
        assertThat(Files.exists(appliance.resolve("localvmAbCd"))).isFalse();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"cleanup\"").contains("\"outcome\":\"success\"");
        assertThat(server.get("/").headers().firstValue("Location")).contains("/wizard/vm");
        assertThat(server.get("/wizard/vm").body()).contains("manager.example.com");
    }

    @Test
    void theOutputStreamsLineByLineAndEnds() throws Exception {
        server.post("/cleanup", Map.of("confirmDeconfigure", "yes", "confirmStorage", "yes"));
        var request = HttpRequest.newBuilder(URI.create(server.url("/api/cleanup/events?since=0"))).header("Accept", "text/event-stream").GET().build();
        var body = server.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("event: line").contains("Stop HA services").contains("event: end").contains("SUCCEEDED");
        waitForEnd();
        var after = server.client().send(HttpRequest.newBuilder(URI.create(server.url("/api/cleanup/events?since=999"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(204);
    }

    @Test
    void aViewerMayNotCleanUp() {
        server.newBrowser();
        server.login(hostedengine.auth.TestDoubleAuthenticator.VIEWER, hostedengine.auth.TestDoubleAuthenticator.PASSWORD);
        assertThat(server.get("/cleanup").body()).doesNotContain("id=\"cleanup-form\"");
        assertThat(server.post("/cleanup", Map.of("confirmDeconfigure", "yes", "confirmStorage", "yes")).statusCode()).isEqualTo(403);
        assertThat(d.read().get("deployed")).isEqualTo(true);
    }
}
