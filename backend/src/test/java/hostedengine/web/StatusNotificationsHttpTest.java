package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Viewing and changing the e-mail notification settings over HTTP, with the wizard's rules. */
class StatusNotificationsHttpTest {
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;

    private TestServer serve(HostedEngineDouble d) {
        var tool = d.write().tool();
        poller = new EngineStatePoller(tool, Duration.ofMillis(300), Clock.systemUTC());
        server = new TestServer(state, new EngineParts(tool, poller, new Maintenance(tool, TestServer.HOST::hostFqdn, poller::current),
                new Landing(tool, state.resolve("no-ca.pem")), new Cleanup(tool, state, Duration.ofSeconds(5)), new Notifications(tool)));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    private static Map<String, String> form(String server, String port, String from, String to, String transitions) {
        return Map.of("smtp-server", server, "smtp-port", port, "source-email", from, "destination-emails", to,
                "state_transition", transitions);
    }

    @Test
    void theCurrentSettingsAreShown() {
        String html = serve(new HostedEngineDouble(state).healthyTwoHosts()).get("/status/notifications").body();
        assertThat(html).contains("id=\"notify-smtp-server\"").contains("value=\"localhost\"").contains("value=\"25\"")
                .contains("value=\"maintenance|start|stop|migrate|up|down\"");
    }

    @Test
    void validSettingsAreSavedAndAudited() throws Exception {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var r = serve(d).post("/status/notifications",
                form("smtp.example.com", "2525", "he@example.com", "a@example.com,b@example.com", "maintenance|up|down"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data-outcome=\"DONE\"").contains("value=\"smtp.example.com\"").contains("value=\"2525\"");
        assertThat(d.read().toString()).contains("email.smtp-server=smtp.example.com").contains("notify.state_transition=maintenance|up|down");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"notifications-changed\"")
                .contains("\"outcome\":\"success\"").contains("smtp-server,smtp-port");
    }

    @Test
    void theWizardsRulesRefuseBadValuesAndNothingIsWritten() {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var r = serve(d).post("/status/notifications", form("smtp.example.com", "99999", "not-an-address", "a@example.com", "up; reboot"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"notify-smtp-port-error\"").contains("id=\"notify-source-email-error\"")
                .contains("id=\"notify-state_transition-error\"").contains("aria-invalid=\"true\"")
                .doesNotContain("id=\"notify-smtp-server-error\"");
        assertThat(d.read().toString()).doesNotContain("smtp.example.com");
    }

    @Test
    void notDeployedSaysSo() {
        String html = serve(new HostedEngineDouble(state).set("deployed", false)).get("/status/notifications").body();
        assertThat(html).contains("id=\"notify-problem\"").doesNotContain("id=\"notify-form\"");
    }

    @Test
    void aViewerMayLookButNotChange() {
        var d = new HostedEngineDouble(state).healthyTwoHosts();
        var s = serve(d);
        s.newBrowser();
        s.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        assertThat(s.get("/status/notifications").body()).doesNotContain("id=\"notify-save\"");
        assertThat(s.post("/status/notifications", form("x.example.com", "25", "a@example.com", "a@example.com", "up")).statusCode())
                .isEqualTo(403);
    }
}
