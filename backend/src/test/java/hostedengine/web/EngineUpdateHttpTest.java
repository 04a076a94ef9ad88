package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.deploy.RunStatus;
import hostedengine.engine.EngineStatePoller;
import hostedengine.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's update from the Updates page over HTTP, against a simulated deployment: offered
 * once the check found an update, refused without a recent backup until the administrator says
 * they go on without one (in their language, at the checkbox), started as a run, and when
 * engine-setup fails, the page's banner says global maintenance is still on and how to leave it.
 * A viewer may not start it.
 */
class EngineUpdateHttpTest {
    private static final String ROOT_PASSWORD = "Engine-vm-root-pw-8";
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    @Test
    void anUpdateOfferedByTheCheckStopsAtAFailingEngineSetupAndTheBannerSaysGlobalMaintenanceIsOn() throws Exception {
        var deployment = EngineHostsHttpTest.simulatedDeployment(state, "Admin-pw-9");
        poller = deployment.poller();
        server = new TestServer(state, deployment.engine());
        Await.until("the status poller reads --vm-status", () -> poller.current().status().isPresent(), Duration.ofSeconds(20));
        Files.writeString(state.resolve("simulator/engine-failures.json"), "{\"engine_upgrade_check\": {\"available\": true, "
                + "\"packages\": [\"ovirt-engine-setup-4.5.7-1.el9\"]}, \"engine_update\": {\"fail_at\": \"engine_setup\", "
                + "\"message\": \"Engine schema refresh failed\"}}");
        assertThat(server.get("/engine/updates").body()).doesNotContain("id=\"engine-update-form\"");

        String check = runOf(server.post("/engine/updates/check", Map.of("auth", "password", "password", ROOT_PASSWORD)));
        assertThat(server.runs.awaitEnd(check, Duration.ofSeconds(90)).orElseThrow().status()).isEqualTo(RunStatus.SUCCESSFUL);
        var offered = server.get("/engine/updates").body();
        assertThat(offered).contains("id=\"engine-update-form\"").contains("id=\"update-no-backup\"")
                .doesNotContain("id=\"update-check-form\"");

        var refused = server.post("/engine/updates/start", Map.of("auth", "password", "password", ROOT_PASSWORD), "Accept-Language", "ja");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"update-without-backup-error\"")
                .contains("先にエンジンをバックアップするか").doesNotContain(ROOT_PASSWORD);

        String update = runOf(server.post("/engine/updates/start",
                Map.of("auth", "password", "password", ROOT_PASSWORD, "withoutBackup", "yes")));
        assertThat(server.runs.awaitEnd(update, Duration.ofSeconds(120)).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        Await.until("the status shows global maintenance", () -> poller.current().status().map(s -> s.globalMaintenance()).orElse(false),
                Duration.ofSeconds(20));
        var after = server.get("/engine/updates").body();
        assertThat(after).contains("id=\"update-stopped-banner\"").contains("data-state=\"FAILED\"")
                .contains("Stopped at: engine-setup, which upgrades the engine and its database")
                .contains("[ ERROR ] Failed to execute stage &#39;Misc configuration&#39;: Engine schema refresh failed")
                .contains("hosted-engine --set-maintenance --mode=none").doesNotContain(ROOT_PASSWORD);
        assertThat(server.get("/status", "Accept-Language", "ja").body()).contains("id=\"update-stopped-status\"")
                .contains("エンジンの更新が次の手順で止まりました: engine-setup (エンジンとデータベースをアップグレード)")
                .contains("href=\"/engine/updates\"");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"engine-update\"").contains("\"backup\":\"skipped\"");

        server.post("/logout", Map.of());
        server.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        assertThat(server.get("/engine/updates").body()).doesNotContain("id=\"engine-update-form\"").contains("id=\"update-stopped-banner\"");
        assertThat(server.post("/engine/updates/start", Map.of("auth", "password", "password", ROOT_PASSWORD, "withoutBackup", "yes"))
                .statusCode()).isEqualTo(403);
    }

    private static String runOf(java.net.http.HttpResponse<String> started) {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        return started.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
    }
}
