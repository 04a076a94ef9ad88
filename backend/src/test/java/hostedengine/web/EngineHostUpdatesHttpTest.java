package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.enginedouble.SimulatedEngine;
import hostedengine.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updating the hosts from the hosts page (guide 6.3.5), against a simulated deployment with two
 * hosted-engine hosts: what each host's updates are, the check, one host or all updated as a run
 * (the engine VM's host last), operators only and with the form's CSRF token.
 */
class EngineHostUpdatesHttpTest {
    private static final String ADMIN_PASSWORD = "Admin-pw-for-engine-4";
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;

    @BeforeEach
    void deployed() throws Exception {
        Files.createDirectories(state.resolve("he/double"));
        Files.createSymbolicLink(state.resolve("simulator"), state.resolve("he/double"));
        HostedEngineTool tool = new HostedEngineDouble(state.resolve("he")).healthyTwoHosts()
                .set("vmid", "5c1d3b1e-0000-4000-8000-000000000001")
                .set("shared_config", Map.of("he_local", Map.of("fqdn", "manager.example.com", "host_id", "1")))
                .write().tool();
        EngineHostsHttpTest.writeAdminHash(state.resolve("simulator/engine-admin.json"), ADMIN_PASSWORD);
        poller = new EngineStatePoller(tool, Duration.ofMillis(200), Clock.systemUTC());
        var engine = new EngineParts(tool, poller, new Maintenance(tool, TestServer.HOST::hostFqdn, poller::current),
                new Landing(tool, state.resolve("no-vdsm-ca.pem")), new Cleanup(tool, state.resolve("appliance"), Duration.ofSeconds(20)),
                new hostedengine.engine.Notifications(tool));
        server = new TestServer(state, engine);
        Await.until("the status poller reads --vm-status", () -> poller.current().status().isPresent(), Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    @Test
    void theCheckShowsWhatEachHostHasAndUpdatingAllMovesTheEngineVmBeforeItsHostIsUpdated() throws Exception {
        Files.writeString(state.resolve("simulator/" + SimulatedEngine.FAILURES_FILE), "{\"host_updates\": \"*\"}");
        server.get("/engine/hosts");
        assertThat(server.post("/engine/login", Map.of("password", ADMIN_PASSWORD)).statusCode()).isEqualTo(303);
        var before = server.get("/engine/hosts").body();
        assertThat(before).contains("id=\"host-updates\"").contains("id=\"check-updates\"").contains("id=\"update-all\"")
                .contains("data-updates=\"available\"").contains("host-runs-vm").contains("class=\"host-update ");

        var check = server.post("/engine/hosts/check-updates", Map.of(), "Accept-Language", "ja");
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("id=\"updates-notice\"").contains("2 台のホストの更新を確認しています");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"operation\":\"check-updates\"");

        var unconfirmed = server.post("/engine/hosts/update", Map.of("all", "yes"));
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("tick the confirmation first");
        var unknown = server.post("/engine/hosts/update", Map.of("host", "host9.example.com", "confirm", "yes"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("The engine has no such host");
        assertThat(server.runs.list()).isEmpty();

        var started = server.post("/engine/hosts/update", Map.of("all", "yes", "confirm", "yes"));
        assertThat(started.statusCode()).isEqualTo(303);
        String runPath = started.headers().firstValue("Location").orElseThrow();
        RunInfo ended = server.runs.awaitEnd(runPath.substring("/runs/".length()), Duration.ofSeconds(90)).orElseThrow();
        assertThat(ended.status()).as(ended.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(server.get(runPath).body()).contains("Update the hosts").contains("id=\"run-to-hosts\"");
        String log = server.get(runPath + "/log").body();
        assertThat(log.indexOf("Update host2.example.com")).isPositive()
                .isLessThan(log.indexOf("engine VM moved from host1.example.com to host2.example.com"));

        Await.until("the page shows the engine VM on host2 and every host up to date", () -> {
            String page = server.get("/engine/hosts").body();
            return page.contains("data-updates=\"upToDate\"") && !page.contains("data-updates=\"available\"")
                    && rowOf(page, "host2.example.com").contains("host-runs-vm");
        }, Duration.ofSeconds(10));
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"operation\":\"upgrade\"").contains("\"host\":\"all\"");
    }

    @Test
    void onlyOperatorsWithTheFormsTokenCheckOrUpdate() throws Exception {
        Files.writeString(state.resolve("simulator/" + SimulatedEngine.FAILURES_FILE), "{\"host_updates\": [\"host2.example.com\"]}");
        server.get("/engine/hosts");
        server.post("/engine/login", Map.of("password", ADMIN_PASSWORD));
        assertThat(server.postWithoutCsrf("/engine/hosts/update", Map.of("host", "host2.example.com", "confirm", "yes"))
                .statusCode()).isEqualTo(403);
        assertThat(server.postWithoutCsrf("/engine/hosts/check-updates", Map.of()).statusCode()).isEqualTo(403);
        String page = server.get("/engine/hosts").body();
        assertThat(rowOf(page, "host1.example.com")).contains("data-updates=\"notChecked\"").doesNotContain("host-update ");
        assertThat(rowOf(page, "host2.example.com")).contains("data-updates=\"available\"");

        server.post("/logout", Map.of());
        server.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        server.post("/engine/login", Map.of("password", ADMIN_PASSWORD));
        var viewed = server.get("/engine/hosts").body();
        assertThat(viewed).contains("data-updates=\"available\"").doesNotContain("id=\"check-updates\"")
                .doesNotContain("id=\"update-all\"").doesNotContain("class=\"host-update ");
        assertThat(server.post("/engine/hosts/update", Map.of("host", "host2.example.com", "confirm", "yes")).statusCode())
                .isEqualTo(403);
        assertThat(server.post("/engine/hosts/check-updates", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.runs.list()).isEmpty();
    }

    @Test
    void anUpgradeFailureAskedForInTheFailuresFileFailsTheRunWithTheEnginesMessage() throws Exception {
        server.get("/engine/hosts");
        server.post("/engine/login", Map.of("password", ADMIN_PASSWORD));
        var nothing = server.post("/engine/hosts/update", Map.of("all", "yes", "confirm", "yes"));
        assertThat(nothing.statusCode()).isEqualTo(409);
        assertThat(nothing.body()).contains("No host has updates available");

        Files.writeString(state.resolve("simulator/" + SimulatedEngine.FAILURES_FILE), """
                {"host_updates": ["host2.example.com"],
                 "host_upgrade": {"host": "host2.example.com", "message": "Task Upgrade packages failed to execute."}}""");
        var started = server.post("/engine/hosts/update", Map.of("host", "host2.example.com", "confirm", "yes"));
        assertThat(started.statusCode()).isEqualTo(303);
        String runPath = started.headers().firstValue("Location").orElseThrow();
        RunInfo ended = server.runs.awaitEnd(runPath.substring("/runs/".length()), Duration.ofSeconds(90)).orElseThrow();
        assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.message()).contains("Installing Host host2.example.com. Task Upgrade packages failed to execute.");
        assertThat(server.get(runPath).body()).contains("id=\"engine-advice\"");
        assertThat(rowOf(server.get("/engine/hosts").body(), "host2.example.com")).contains("install_failed");

    }

    /** The table row of one host. */
    private static String rowOf(String page, String host) {
        int start = page.indexOf("<tr data-host=\"" + host + "\"");
        assertThat(start).as("row of " + host).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
