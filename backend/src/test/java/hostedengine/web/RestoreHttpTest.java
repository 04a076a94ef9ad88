package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.backup.BackupStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy from a backup over HTTP: the backups with what the guide says of their version, every
 * bad field at once in the user's language, the Engine VM FQDN taken from the backup, the banner
 * on the wizard's steps, and back to a new engine.
 */
class RestoreHttpTest {
    @TempDir Path state;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void aPlanIsJudgedSavedShownOnEveryStepAndForgotten() throws Exception {
        server = new TestServer(state);
        var store = new BackupStore(state);
        store.prepare();
        String name = BackupStore.newName(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        hostedengine.backup.BackupsForTests.made(state.resolve("elsewhere/vm"), store.directory().resolve(name));
        Files.deleteIfExists(store.directory().resolve(name + ".log"));

        var page = server.get("/wizard/restore");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + name + "\"").contains("engine.example.com")
                .contains("data-verdict=\"restore.version.same\"").contains("the same version, which engine-backup restores")
                .contains("id=\"backup-upload\"").contains("at most 32 GiB");
        assertThat(server.get("/wizard/vm").body()).contains("id=\"restore-choose\"");

        var bad = server.post("/wizard/restore", Map.of("dataCenter", "", "cluster", "{{ 7*6 }}"), "Accept-Language", "ja");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"backup-error\"").contains("id=\"dataCenter-error\"")
                .contains("復元には既定値がありません").contains("id=\"cluster-error\"").contains("id=\"checklist-error\"");

        var saved = server.post("/wizard/restore", Map.of("backup", name, "dataCenter", "DC1", "cluster", "C1",
                "pkiRenew", "yes", "checklistDone", "yes"));
        assertThat(saved.statusCode()).isEqualTo(303);
        var vm = server.get("/wizard/vm").body();
        assertThat(vm).contains("id=\"restore-banner-text\"").contains(name).contains("DC1")
                .contains("value=\"engine.example.com\"");

        assertThat(server.post("/wizard/restore/clear", Map.of()).statusCode()).isEqualTo(303);
        assertThat(server.get("/wizard/vm").body()).doesNotContain("id=\"restore-banner-text\"").contains("id=\"restore-choose\"");
    }
}
