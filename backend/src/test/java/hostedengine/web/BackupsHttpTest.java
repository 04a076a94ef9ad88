package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.backup.BackupStore;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.engine.EngineStatePoller;
import hostedengine.testing.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backups page over HTTP against a simulated deployment: the guide's preconditions, a backup
 * started from the page as a run, the list with the engine's name and version, a download whose
 * SHA-256 is the one listed, delete and retention, each refused to a viewer, and bad input at its
 * field in the user's language.
 */
class BackupsHttpTest {
    private static final String ROOT_PASSWORD = "Engine-vm-root-pw-7";
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    private TestServer deployed() throws Exception {
        var deployment = EngineHostsHttpTest.simulatedDeployment(state, "Admin-pw-9");
        poller = deployment.poller();
        server = new TestServer(state, deployment.engine());
        Await.until("the status poller reads --vm-status", () -> poller.current().status().isPresent(), Duration.ofSeconds(20));
        return server;
    }

    @Test
    void withoutADeployedEngineTheBackupIsRefusedAndSaysWhy() {
        server = new TestServer(state);
        var page = server.get("/backups", "Accept-Language", "ja");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("このホストからデプロイされたエンジンがないため").doesNotContain("id=\"backup-form\"");
        var start = server.post("/backups/start", Map.of("auth", "password", "password", ROOT_PASSWORD));
        assertThat(start.statusCode()).isEqualTo(409);
        assertThat(server.runs.list()).isEmpty();
    }

    @Test
    void aBackupFromThePageIsListedDownloadedWithItsChecksumAndDeletedOnlyWhenConfirmed() throws Exception {
        var s = deployed();
        var page = s.get("/backups");
        assertThat(page.body()).contains("id=\"engine-vm-double-label\"").contains("root@manager.example.com")
                .containsPattern("id=\"check-engine\"[^>]*data-level=\"PASS\"").containsPattern("id=\"check-failover\"[^>]*data-level=\"WARN\"")
                .contains("id=\"no-backups\"");

        // bad input at its field, in Japanese; nothing started
        var bad = s.post("/backups/start", Map.of("auth", "password", "password", ""), "Accept-Language", "ja");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"engine-vm-password-error\"");
        assertThat(s.runs.list()).isEmpty();

        var started = s.post("/backups/start", Map.of("auth", "password", "password", ROOT_PASSWORD));
        assertThat(started.statusCode()).isEqualTo(303);
        String runId = started.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
        RunInfo ended = s.runs.awaitEnd(runId, Duration.ofSeconds(90)).orElseThrow();
        assertThat(ended.status()).as(ended.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(s.get("/runs/" + runId + "/log").body()).contains("Start of engine-backup with mode 'backup'")
                .doesNotContain(ROOT_PASSWORD);

        var listed = s.get("/backups").body();
        var store = new BackupStore(state);
        var backup = store.list().get(0);
        assertThat(listed).contains("data-backup=\"" + backup.name() + "\"").contains("manager.example.com")
                .contains(hostedengine.enginedouble.EngineDouble.VERSION).contains(backup.sha256());

        var download = s.client().send(HttpRequest.newBuilder(URI.create(s.url("/backups/files/" + backup.name()))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains(backup.name());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body()))).isEqualTo(backup.sha256());
        assertThat(s.get("/backups/files/..%2Faudit.log").statusCode()).isEqualTo(404);
        assertThat(s.get("/backups/files/ovirt-engine-backup-20990101000000.backup").statusCode()).isEqualTo(404);

        assertThat(s.post("/backups/delete", Map.of("name", backup.name())).statusCode()).isEqualTo(422);
        assertThat(store.file(backup.name())).isPresent();
        assertThat(s.post("/backups/delete", Map.of("name", backup.name(), "confirm", "yes")).statusCode()).isEqualTo(303);
        assertThat(store.list()).isEmpty();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"engine-backup\"")
                .contains("\"action\":\"backup-downloaded\"").contains("\"action\":\"backup-deleted\"").doesNotContain(ROOT_PASSWORD);
    }

    @Test
    void anUploadedBackupIsListedAndAFileThatIsNoneIsRefusedInTheUsersLanguage() throws Exception {
        server = new TestServer(state);
        Path vm = Files.createDirectories(state.resolve("elsewhere"));
        Path archive = hostedengine.backup.BackupsForTests.made(vm.resolve("vm"), vm.resolve("made.backup"));

        var stored = upload(server, Files.readAllBytes(archive), "en");
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(stored.body()).contains("Stored: a backup of engine.example.com");
        var store = new BackupStore(state);
        assertThat(store.list()).singleElement().satisfies(b -> assertThat(stored.body()).contains(b.name()));
        assertThat(server.get("/backups").body()).contains("id=\"backup-upload\"");

        var refused = upload(server, "not a backup".getBytes(), "ja");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("保存しませんでした").contains("アーカイブではありません");
        assertThat(store.list()).hasSize(1);
        assertThat(Files.list(store.incoming()).toList()).isEmpty();

        server.post("/logout", Map.of());
        server.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        assertThat(upload(server, Files.readAllBytes(archive), "en").statusCode()).isEqualTo(403);
        assertThat(store.list()).hasSize(1);
    }

    private static HttpResponse<String> upload(TestServer s, byte[] body, String language) throws Exception {
        var csrf = s.get("/backups").body().replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]*)\".*", "$1");
        return s.client().send(HttpRequest.newBuilder(URI.create(s.url("/backups/upload")))
                .header("Content-Type", "application/octet-stream").header("X-CSRF-Token", csrf)
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCheckForUpdatesFromItsPageShowsTheToolsAnswerAndItsOutput() throws Exception {
        var s = deployed();
        assertThat(s.get("/status").body()).contains("href=\"/engine/updates\"");
        var page = s.get("/engine/updates");
        assertThat(page.body()).containsPattern("id=\"check-engine\"[^>]*data-level=\"PASS\"").contains("id=\"update-check-form\"")
                .doesNotContain("id=\"last-update-check\"");

        var started = s.post("/engine/updates/check", Map.of("auth", "password", "password", ROOT_PASSWORD));
        assertThat(started.statusCode()).isEqualTo(303);
        String runId = started.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
        assertThat(s.runs.awaitEnd(runId, Duration.ofSeconds(90)).orElseThrow().status()).isEqualTo(RunStatus.SUCCESSFUL);
        var after = s.get("/engine/updates", "Accept-Language", "ja").body();
        assertThat(after).contains("data-verdict=\"NONE\"").contains("セットアップパッケージの更新はありません")
                .contains("No upgrade is available for the setup package.").doesNotContain(ROOT_PASSWORD);

        s.post("/logout", Map.of());
        s.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        assertThat(s.get("/engine/updates").body()).doesNotContain("id=\"update-check-form\"").contains("data-verdict=\"NONE\"");
        assertThat(s.post("/engine/updates/check", Map.of("auth", "password", "password", ROOT_PASSWORD)).statusCode()).isEqualTo(403);
    }

    @Test
    void retentionKeepsTheNewestAndAViewerMayNotDownloadDeleteOrBackUp() throws Exception {
        var s = deployed();
        var store = new BackupStore(state);
        store.prepare();
        // Three backups as a backup run leaves them (the archive of one, copied under the product's names).
        var started = s.post("/backups/start", Map.of("auth", "password", "password", ROOT_PASSWORD));
        String runId = started.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
        assertThat(s.runs.awaitEnd(runId, Duration.ofSeconds(90)).orElseThrow().status()).isEqualTo(RunStatus.SUCCESSFUL);
        Path made = store.file(store.list().get(0).name()).orElseThrow();
        Files.copy(made, store.directory().resolve("ovirt-engine-backup-20200101000000.backup"));
        Files.copy(made, store.directory().resolve("ovirt-engine-backup-20210101000000.backup"));
        assertThat(store.list()).hasSize(3);

        var bad = s.post("/backups/retention", Map.of("keep", "two"), "Accept-Language", "ja");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("0 から 1000 までの整数を入力してください。").contains("value=\"two\"");
        assertThat(s.post("/backups/retention", Map.of("keep", "2")).statusCode()).isEqualTo(303);
        assertThat(store.list()).extracting(BackupStore.Backup::name)
                .containsExactly(made.getFileName().toString(), "ovirt-engine-backup-20210101000000.backup");

        s.post("/logout", Map.of());
        s.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD);
        assertThat(s.get("/backups").body()).doesNotContain("id=\"backup-form\"").doesNotContain("backup-download");
        assertThat(s.get("/backups/files/" + made.getFileName()).statusCode()).isEqualTo(403);
        assertThat(s.post("/backups/delete", Map.of("name", made.getFileName().toString(), "confirm", "yes")).statusCode()).isEqualTo(403);
        assertThat(s.post("/backups/start", Map.of("auth", "password", "password", ROOT_PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(store.list()).hasSize(2);
    }
}
