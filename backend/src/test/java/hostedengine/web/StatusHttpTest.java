package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.messages.Messages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page, its live stream, its actions and the landing page, over HTTP against the hosted-engine double. */
class StatusHttpTest {
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;

    private TestServer serve(HostedEngineDouble d, Duration timeout) {
        return serve(d.write().tool(timeout), state.resolve("no-vdsm-ca.pem"));
    }

    private TestServer serve(HostedEngineDouble d) { return serve(d, Duration.ofSeconds(20)); }

    private TestServer serve(HostedEngineTool tool, Path vdsmCa) {
        poller = new EngineStatePoller(tool, Duration.ofMillis(300), Clock.systemUTC());
        var engine = new EngineParts(tool, poller, new Maintenance(tool, TestServer.HOST::hostFqdn, poller::current),
                new Landing(tool, vdsmCa), new Cleanup(tool, state.resolve("appliance"), Duration.ofSeconds(20)),
                new hostedengine.engine.Notifications(tool));
        server = new TestServer(state, engine);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    private static String html(String text) { return text.replace("'", "&#39;"); }

    private String audit() throws Exception { return Files.readString(state.resolve("audit.log")); }

    @Test
    void everyHostIsShownWithItsScoreHealthAndWhoRunsTheEngineVm() {
        var page = serve(new HostedEngineDouble(state).healthyTwoHosts()).get("/status");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("data-host-id=\"1\"").contains("data-host-id=\"2\"")
                .contains("host1.example.com").contains("host2.example.com")
                .contains("data-field=\"score\">3400<").contains("data-field=\"health\">good<")
                .contains("data-field=\"reason\">vm not running on this host<")
                .contains("data-runs-engine=\"true\"")
                .contains("id=\"engine-host-name\"").contains(">host1.example.com</strong>")
                .contains("data-diagnosis=\"engineUp\"")
                .contains("id=\"global-maintenance-banner\" class=\"alert alert-warning\" role=\"status\" hidden");
    }

    @Test
    void globalMaintenanceShowsTheBanner() {
        String html = serve(new HostedEngineDouble(state).healthyTwoHosts().set("global_maintenance", true)).get("/status").body();
        assertThat(html).containsPattern("id=\"global-maintenance-banner\"[^>]*role=\"status\">");
        assertThat(html).doesNotContainPattern("id=\"global-maintenance-banner\"[^>]*hidden");
    }

    @Test
    void eachChapterThreeCombinationHasItsExplanationAndSteps() {
        var cases = Map.of(
                "livelinessFailed", new HostedEngineDouble(state).host(1, "host1.example.com", HostedEngineDouble.LIVELINESS),
                "vmNotRunning", new HostedEngineDouble(state).host(1, "host1.example.com", HostedEngineDouble.NOT_RUNNING),
                "vmStatsFailed", new HostedEngineDouble(state).host(1, "host1.example.com", HostedEngineDouble.STATS_FAILED),
                "confNotRetrieved", new HostedEngineDouble(state).healthyTwoHosts().set("conf_on_shared_storage", false));
        var messages = new Messages();
        for (var c : cases.entrySet()) {
            try (var s = serve(c.getValue())) {
                String html = s.get("/status").body();
                assertThat(html).as(c.getKey()).contains("data-diagnosis=\"" + c.getKey() + "\"")
                        .contains(html(messages.text(java.util.Locale.ENGLISH, "status.diagnosis." + c.getKey() + ".explanation")));
                String firstStep = messages.text(java.util.Locale.ENGLISH, "status.diagnosis." + c.getKey() + ".steps").split("\n")[0];
                assertThat(html).as(c.getKey()).contains("<li>" + html(firstStep) + "</li>");
            }
            poller.close();
            server = null;
        }
    }

    @Test
    void theBadInputListIsExplainedOnThePage() {
        var messages = new Messages();
        record Bad(String key, HostedEngineDouble d, String toolWords) {}
        var cases = List.of(
                new Bad("notDeployed", new HostedEngineDouble(state).set("deployed", false), "You must run deploy first"),
                new Bad("notJson", new HostedEngineDouble(state).healthyTwoHosts().override("--vm-status", "garbage\n", "", 0), "garbage"),
                new Bad("confNotRetrieved", new HostedEngineDouble(state).healthyTwoHosts().set("conf_on_shared_storage", false),
                        "has not been retrieved from shared storage"),
                new Bad("brokerUnreachable", new HostedEngineDouble(state).healthyTwoHosts().set("broker", "global"), "{&#39;exception&#39;"),
                new Bad("failed", new HostedEngineDouble(state).healthyTwoHosts().override("--vm-status", "", "boom\n", 7), "boom"),
                new Bad("timeout", new HostedEngineDouble(state).healthyTwoHosts().set("hang_seconds", 30), ""));
        for (Bad bad : cases) {
            try (var s = serve(bad.d(), Duration.ofMillis(600))) {
                var page = s.get("/status");
                assertThat(page.statusCode()).as(bad.key()).isEqualTo(200);
                assertThat(page.body()).as(bad.key()).contains(messages.text(java.util.Locale.ENGLISH, "status.problem." + bad.key()))
                        .contains(bad.toolWords()).contains(messages.text(java.util.Locale.ENGLISH, "status.keepsPolling"))
                        .doesNotContainPattern("id=\"status-problem\"[^>]*hidden");
            }
            poller.close();
            server = null;
        }
    }

    @Test
    void aMissingToolIsSaidOnTheStatusPage() {
        var tool = new HostedEngineTool(state.resolve("none"), state.resolve("none"), Map.of(), Duration.ofSeconds(1));
        String html = serve(tool, state.resolve("no-ca.pem")).get("/status").body();
        assertThat(html).contains(new Messages().text(java.util.Locale.ENGLISH, "status.problem.toolMissing"));
    }

    @Test
    void globalMaintenanceIsConfirmedRunAuditedAndShowsTheOutput() throws Exception {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var s = serve(d);
        var r = s.post("/status/maintenance", Map.of("mode", "global", "confirm", "yes"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data-outcome=\"DONE\"").contains("The cluster is in global maintenance.")
                .contains("id=\"reflect-note\"").contains("about 20 seconds");
        assertThat(d.read().get("global_maintenance")).isEqualTo(true);
        assertThat(audit()).contains("\"action\":\"maintenance-changed\"").contains("\"mode\":\"global\"")
                .contains("\"outcome\":\"success\"");
    }

    @Test
    void anUnconfirmedActionDoesNothing() throws Exception {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var r = serve(d).post("/status/maintenance", Map.of("mode", "global"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("tick the box");
        assertThat(d.read().get("global_maintenance")).isEqualTo(false);
        assertThat(serve(d).post("/status/vm/shutdown", Map.of()).statusCode()).isEqualTo(422);
        assertThat(d.read().get("vm_host_id")).isEqualTo(1);
    }

    @Test
    void localMaintenanceIsRefusedWhereTheEngineVmRuns() throws Exception {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var s = serve(d);
        assertThat(s.get("/status").body()).contains("id=\"maintenance-local-refusal\"");
        var r = s.post("/status/maintenance", Map.of("mode", "local", "confirm", "yes"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("data-outcome=\"REFUSED\"").contains("Migrate the engine VM to another host first");
        assertThat(audit()).contains("\"mode\":\"local\"").contains("\"outcome\":\"refused\"");
    }

    @Test
    void anUnknownModeIsRejected() {
        assertThat(serve(new HostedEngineDouble(state).healthyTwoHosts())
                .post("/status/maintenance", Map.of("mode", "everything", "confirm", "yes")).statusCode()).isEqualTo(422);
    }

    @Test
    void shutdownThenStartShowTheToolsOutput() throws Exception {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var s = serve(d);
        var down = s.post("/status/vm/shutdown", Map.of("confirm", "yes"));
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(d.read().get("vm_host_id")).isNull();
        var up = s.post("/status/vm/start", Map.of("confirm", "yes"));
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("VM in WaitForLaunch").contains("The engine VM is starting on this host.");
        var again = s.post("/status/vm/start", Map.of("confirm", "yes"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("VM exists and its status is Up");
        assertThat(audit()).contains("\"mode\":\"vm-shutdown\"").contains("\"mode\":\"vm-start\"");
    }

    @Test
    void aHangingActionAnswersAfterTheTimeout() {
        var d = new HostedEngineDouble(state).healthyTwoHosts().set("hang_seconds", 30).set("hang_commands", List.of("--set-maintenance"));
        var r = serve(d, Duration.ofMillis(800)).post("/status/maintenance", Map.of("mode", "global", "confirm", "yes"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("did not answer within its time limit");
    }

    @Test
    void aViewerMayLookButNotAct() {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var s = serve(d);
        s.newBrowser();
        s.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        var page = s.get("/status");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"maintenance-global\"");
        assertThat(s.post("/status/maintenance", Map.of("mode", "global", "confirm", "yes")).statusCode()).isEqualTo(403);
        assertThat(d.read().get("global_maintenance")).isEqualTo(false);
    }

    @Test
    void theEventStreamPushesSnapshotsAsJson() throws Exception {
        var s = serve(new HostedEngineDouble(state).healthyTwoHosts());
        var request = HttpRequest.newBuilder(URI.create(s.url("/api/status/events"))).header("Accept", "text/event-stream").GET().build();
        var response = s.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var lines = CompletableFuture.supplyAsync(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                boolean status = false;
                while ((line = in.readLine()) != null) {
                    if (line.equals("event: status")) status = true;
                    else if (status && line.startsWith("data: ")) return line.substring(6);
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        });
        String data = lines.get(10, TimeUnit.SECONDS);
        response.body().close();
        assertThat(data).contains("\"hostname\":\"host1.example.com\"").contains("\"globalMaintenance\":false")
                .contains("\"diagnosis\":{").contains("\"engineHostId\":1");
    }

    @Test
    void landingGoesToTheStatusWhenDeployed() {
        var r = serve(new HostedEngineDouble(state).healthyTwoHosts()).get("/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/status");
    }

    @Test
    void landingGoesToTheWizardWhenNotDeployed() {
        var r = serve(new HostedEngineDouble(state).set("deployed", false)).get("/");
        assertThat(r.headers().firstValue("Location")).contains("/wizard/vm");
    }

    @Test
    void landingSaysSoWhenTheToolIsMissingAndTheSimulatorProvidesIt() {
        var tool = new HostedEngineTool(state.resolve("simulator/bin/hosted-engine"), state.resolve("x"), Map.of(), Duration.ofSeconds(1));
        var r = serve(tool, state.resolve("no-ca.pem")).get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"landing-not-installed\"").contains("id=\"landing-simulator-note\"").contains("id=\"redeploy\"");
    }

    @Test
    void landingOffersRedeployWhenTheHostIsRegisteredToAnEngine() throws Exception {
        Path cert = state.resolve("cacert.pem");
        Path key = state.resolve("ca.key");
        SelfSignedCertificate.generate("engine.example.com", List.of(), cert, key);
        var r = serve(new HostedEngineDouble(state).set("deployed", false).write().tool(), cert).get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"landing-registered\"").contains("engine.example.com").contains("Redeploy")
                .contains("id=\"landing-added-from-engine\"")
                .contains("href=\"https://engine.example.com/ovirt-engine/webadmin/#hosts\"");
    }
}
