package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.testing.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logs page over HTTP: the deployment host's logs below a temporary log root (so no test
 * needs root), on this host and on a remote host through a real sshd (SFTP, pinned key).
 */
class LogsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static Sshd sshd;
    @TempDir Path state;
    TestServer server;

    @BeforeAll
    static void startSshd(@TempDir Path dir) throws Exception {
        if (Sshd.available()) sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @BeforeEach void start() { server = new TestServer(state); }

    @AfterEach void stop() { server.close(); }

    private Path log(String path) throws IOException {
        Path file = server.logRoot.resolve(path.replaceFirst("^/", ""));
        Files.createDirectories(file.getParent());
        return file;
    }

    @Test
    void aMissingLogSaysSoOnAnOrdinaryPage() {
        var r = server.get("/logs?log=vdsm");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(HostPageHttpTest.text(r.body(), "log-missing")).isEqualTo("This log is not on the host (/var/log/vdsm/vdsm.log).");
        assertThat(r.body()).doesNotContain("id=\"log-lines\"");
        String ja = server.get("/logs?log=vdsm", "Accept-Language", "ja").body();
        assertThat(HostPageHttpTest.text(ja, "log-missing")).isEqualTo("このログはホストにありません (/var/log/vdsm/vdsm.log)。");
    }

    @Test
    void aSmallLogIsShownWholeAndALargeOneOnlyItsTailSayingSo() throws IOException {
        Files.writeString(log("/var/log/ovirt-hosted-engine-ha/broker.log"), "broker started\nmem_free ok\n");
        var big = new StringBuilder("FIRST-LINE-OF-THE-LOG\n");
        for (int i = 0; big.length() < 300 * 1024; i++) big.append("agent line ").append(i).append(" Current state EngineUp\n");
        big.append("LAST-LINE-OF-THE-LOG\n");
        Files.writeString(log("/var/log/ovirt-hosted-engine-ha/agent.log"), big);

        String broker = server.get("/logs?log=broker").body();
        assertThat(broker).contains("<li>broker started</li>").contains("<li>mem_free ok</li>").doesNotContain("id=\"log-cut\"");

        String agent = server.get("/logs").body();
        assertThat(agent).contains("LAST-LINE-OF-THE-LOG").doesNotContain("FIRST-LINE-OF-THE-LOG");
        assertThat(HostPageHttpTest.text(agent, "log-cut")).isEqualTo("Only the last 256 KiB are shown: the log has "
                + String.format(java.util.Locale.ENGLISH, "%,d", big.length()) + " bytes. The support bundle holds the same part.");
        int shown = agent.split("<li>", -1).length - 1;
        assertThat(shown).isLessThan(big.toString().split("\n").length).isGreaterThan(1000);
        // The tail starts on a whole line.
        assertThat(agent).containsPattern("<ol id=\"log-lines\"[^>]*>\\s*<li>agent line \\d+ Current state EngineUp</li>");
    }

    @Test
    void searchShowsOnlyTheMatchingLinesWithEveryMatchMarkedAndEscaped() throws IOException {
        Files.writeString(log("/var/log/ovirt-hosted-engine-ha/agent.log"),
                "alpha ERROR one\nbeta info\ngamma error two <script>alert(1)</script>\n");

        String page = server.get("/logs?log=agent&q=Error").body();

        assertThat(page).contains("<li>alpha <mark>ERROR</mark> one</li>")
                .contains("<li>gamma <mark>error</mark> two &lt;script&gt;alert(1)&lt;/script&gt;</li>")
                .doesNotContain("beta info").doesNotContain("<script>alert");
        assertThat(HostPageHttpTest.text(page, "log-matches")).isEqualTo("2 of 3 lines match");
        assertThat(HostPageHttpTest.attr(page, "log-query", "value")).isEqualTo("Error");
        String ja = server.get("/logs?log=agent&q=error", "Accept-Language", "ja").body();
        assertThat(HostPageHttpTest.text(ja, "log-matches")).isEqualTo("3 行中 2 行が一致");
    }

    @Test
    void followingHandsOutTheWholeLinesAppendedSinceTheOffset() throws Exception {
        Path agent = log("/var/log/ovirt-hosted-engine-ha/agent.log");
        Files.writeString(agent, "one\ntwo\n");
        String page = server.get("/logs?log=agent").body();
        assertThat(HostPageHttpTest.attr(page, "log", "data-follow")).isEqualTo("true");
        long offset = Long.parseLong(HostPageHttpTest.attr(page, "log", "data-offset"));
        assertThat(offset).isEqualTo(8);

        Files.writeString(agent, "three\nfour (still being writ", StandardOpenOption.APPEND);
        JsonNode first = follow("agent", offset);
        assertThat(first.path("text").asText()).isEqualTo("three\n");
        Files.writeString(agent, "ten)\n", StandardOpenOption.APPEND);
        JsonNode second = follow("agent", first.path("offset").asLong());
        assertThat(second.path("text").asText()).isEqualTo("four (still being written)\n");
        assertThat(follow("agent", second.path("offset").asLong()).path("text").asText()).isEmpty();

        // Rotated: the file is shorter than the offset, so it is read again from its start.
        Files.writeString(agent, "after rotation\n");
        JsonNode rotated = follow("agent", second.path("offset").asLong());
        assertThat(rotated.path("restarted").asBoolean()).isTrue();
        assertThat(rotated.path("text").asText()).isEqualTo("after rotation\n");

        assertThat(server.get("/api/logs/follow?log=vdsm&offset=0").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/logs/follow?log=../../etc/shadow&offset=0").statusCode()).isEqualTo(404);
    }

    @Test
    void theSetupLogIsTheNewestAndTheEngineLogComesFromTheNewestFetchedDirectory() throws IOException {
        Path old = log("/var/log/ovirt-hosted-engine-setup/ovirt-hosted-engine-setup-20250101.log");
        Files.writeString(old, "old setup\n");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Files.writeString(log("/var/log/ovirt-hosted-engine-setup/ovirt-hosted-engine-setup-ansible-bootstrap_local_vm-20250601.log"),
                "new setup\n");
        Path oldEngine = log("/var/log/ovirt-hosted-engine-setup/engine-logs-2025-01-01T00:00:00Z/log/ovirt-engine/engine.log");
        Files.writeString(oldEngine, "old engine\n");
        Files.setLastModifiedTime(oldEngine.getParent().getParent().getParent(), FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Files.writeString(log("/var/log/ovirt-hosted-engine-setup/engine-logs-2025-06-01T09:00:00Z/log/ovirt-engine/engine.log"),
                "ERROR engine could not add the host\n");

        String setup = server.get("/logs?log=setup").body();
        assertThat(setup).contains("<li>new setup</li>").doesNotContain("old setup");
        assertThat(HostPageHttpTest.text(setup, "log-path")).endsWith("ovirt-hosted-engine-setup-ansible-bootstrap_local_vm-20250601.log");
        String engine = server.get("/logs?log=engine").body();
        assertThat(engine).contains("<li>ERROR engine could not add the host</li>").doesNotContain("old engine");
    }

    @Test
    void aViewerMayReadTheLogsAndEveryPageLinksThem() throws IOException {
        Files.writeString(log("/var/log/vdsm/vdsm.log"), "vdsm up\n");
        server.newBrowser();
        server.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        assertThat(server.get("/logs?log=vdsm").body()).contains("<li>vdsm up</li>");
        assertThat(server.get("/wizard/vm").body()).contains("id=\"nav-logs\"");
        assertThat(server.get("/support/bundle").statusCode()).isEqualTo(403);
    }

    @Test
    void theFailedRunsPageLinksTheEngineLogsAfterTheFailureBox() throws IOException {
        RunInfo failed = new RunInfo("20250601-090000-prepare-vm-a11a11", Phase.PREPARE_VM, "user:admin",
                "2025-06-01T09:00:00Z", "2025-06-01T09:01:00Z", RunStatus.FAILED, Phase.PREPARE_VM.tags(), 1, false,
                "ovirt.ovirt.hosted_engine_setup : Wait for the host to be up", "run.taskFailed", "Host is not up", Map.of(), 0);
        Path dir = Files.createDirectories(state.resolve("runs").resolve(failed.id()).resolve("1-bootstrap_local_vm"));
        JSON.writeValue(dir.getParent().resolve("run.json").toFile(), failed);
        Files.writeString(dir.resolve("events.jsonl"), "");
        Files.writeString(dir.resolve("rc"), "2\n");

        String page = server.get("/runs/" + failed.id()).body();

        int box = page.indexOf("id=\"run-failure\"");
        int link = page.indexOf("id=\"run-engine-logs\"");
        assertThat(box).isPositive();
        assertThat(link).isGreaterThan(box);
        assertThat(page.substring(box, link)).contains("</div>");
        assertThat(page).contains("href=\"/logs?log=engine\"")
                .contains("href=\"/support/bundle?run=" + failed.id() + "\"");
        assertThat(server.get("/runs/" + failed.id(), "Accept-Language", "ja").body()).contains("失敗後に取得した Engine のログ");
    }

    @Test
    void onARemoteHostTheLogsAreReadOverSftpWithThePinnedKey() throws Exception {
        Sshd.assumeAvailable();
        Files.writeString(log("/var/log/ovirt-hosted-engine-ha/agent.log"), "remote agent line\n");
        server.post("/host", Map.of("target", "remote", "sshAddress", "127.0.0.1", "sshPort", String.valueOf(sshd.port()),
                "sshUser", "root", "sshAuth", "key", "sshKeyFile", sshd.userKey().toString(), "sshPassword", ""));
        server.post("/host/confirm", Map.of("fingerprint", sshd.sshKeygenFingerprint()));

        String page = server.get("/logs?log=agent").body();

        assertThat(HostPageHttpTest.text(page, "logs-where")).isEqualTo("The last part of each log on root@127.0.0.1:" + sshd.port()
                + ", read over SSH with its confirmed key.");
        assertThat(page).contains("<li>remote agent line</li>");
        assertThat(sshd.log()).contains("subsystem 'sftp' for root");
        Files.writeString(server.logRoot.resolve("var/log/ovirt-hosted-engine-ha/agent.log"), "appended remotely\n", StandardOpenOption.APPEND);
        assertThat(follow("agent", Long.parseLong(HostPageHttpTest.attr(page, "log", "data-offset"))).path("text").asText())
                .isEqualTo("appended remotely\n");

        // Another key on the host: nothing is read, and the page says why instead of failing.
        sshd.restartWithNewHostKey();
        String refused = server.get("/logs?log=agent").body();
        assertThat(refused).contains("id=\"logs-unavailable\"").doesNotContain("remote agent line");
        assertThat(server.get("/api/logs/follow?log=agent&offset=0").statusCode()).isEqualTo(503);
    }

    private JsonNode follow(String log, long offset) throws IOException {
        var r = server.get("/api/logs/follow?log=" + log + "&offset=" + offset);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
