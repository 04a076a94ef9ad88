package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import of answer files over HTTP. */
class AnswerFileHttpTest {
    @TempDir Path state;
    TestServer server;

    @BeforeEach void start() { server = new TestServer(state); }

    @AfterEach void stop() { server.close(); }

    @Test
    void exportIsKeyedByRoleVariableAndHoldsNoPassword() {
        server.post("/wizard/vm", TestServer.validVm("ExportCanary-1"));
        server.post("/wizard/engine", TestServer.validEngine("ExportCanary-2"));
        server.post("/wizard/storage", TestServer.validNfs());
        var r = server.get("/wizard/answers.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).get().asString().contains("attachment");
        assertThat(r.body()).contains("\"he_fqdn\" : \"manager.example.com\"")
                .contains("\"he_storage_domain_addr\" : \"storage.example.com\"")
                .contains("\"he_storage_domain_path\" : \"/exports/he\"")
                .doesNotContain("ExportCanary").doesNotContain("password");
    }

    @Test
    void exportedFileImportedInANewBrowserReproducesTheReview() {
        server.post("/wizard/vm", TestServer.validVm("Root-1"));
        server.post("/wizard/engine", TestServer.validEngine("Admin-1"));
        server.post("/wizard/storage", TestServer.validNfs());
        String exported = server.get("/wizard/answers.json").body();
        String review = reviewValues(server.get("/wizard/finish").body());

        server.newBrowser();
        // drafts belong to users now: another user's browser starts from an empty draft
        server.login(hostedengine.auth.TestDoubleAuthenticator.VIEWER, hostedengine.auth.TestDoubleAuthenticator.PASSWORD);
        var imported = server.upload("/wizard/import", "answers.json", exported.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).isEqualTo(302);
        // passwords never come from a file: the VM step asks for them again
        assertThat(imported.headers().firstValue("Location")).hasValue("/wizard/vm");
        assertThat(server.get("/wizard/vm").body()).contains("id=\"import-result\"").contains("id=\"rootPassword-error\"");
        server.post("/wizard/vm", java.util.Map.of("rootPassword", "Root-2", "rootPasswordConfirm", "Root-2",
                "engineVmFqdn", "manager.example.com", "editHostsFile", "true"));
        server.post("/wizard/engine", java.util.Map.of("adminPassword", "Admin-2", "adminPasswordConfirm", "Admin-2",
                "smtpServer", "localhost", "smtpPort", "25", "sourceEmail", "root@localhost", "destEmails", "root@localhost"));
        assertThat(reviewValues(server.get("/wizard/finish").body())).isEqualTo(review);
    }

    @Test
    void importedShellInjectionIsListedAsRefusedAndNeverKept() {
        String json = "{\"he_fqdn\": \"manager.example.com;touch /tmp/x\", \"he_vcpus\": \"4; reboot\", \"he_unknown\": 1}";
        var r = server.upload("/wizard/import", "bad.json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue("Location")).hasValue("/wizard/vm");
        var page = server.get("/wizard/vm").body();
        // Both are pasted into shell commands by the role: listed as refused with their messages, not kept.
        assertThat(page).contains("he_unknown").contains("he_fqdn (Engine VM FQDN): ").contains("he_vcpus (")
                .doesNotContain("touch /tmp/x").doesNotContain("4; reboot")
                .containsPattern("id=\"engineVmFqdn-error\"[^>]*>[^<]+<");
        assertThat(server.get("/wizard/prepare").statusCode()).isEqualTo(302);
    }

    @Test
    void otopiAnswerFileFillsTheWizard() {
        String otopi = """
                [environment:default]
                OVEHOSTED_NETWORK/fqdn=str:engine.example.com
                OVEHOSTED_VM/vmMemSizeMB=int:8192
                OVEHOSTED_VM/vmVCpus=str:2
                OVEHOSTED_STORAGE/domainType=str:nfs
                OVEHOSTED_STORAGE/storageDomainConnection=str:nfs.example.com:/he
                OVEHOSTED_VM/cloudinitRootPwd=str:FromFileCanary
                """;
        server.upload("/wizard/import", "answers.conf", otopi.getBytes(StandardCharsets.UTF_8));
        assertThat(server.get("/wizard/vm").body()).contains("value=\"engine.example.com\"").contains("value=\"8192\"")
                .doesNotContain("FromFileCanary");
        assertThat(server.get("/wizard/storage").body()).contains("value=\"nfs.example.com:/he\"");
    }

    @Test
    void somethingThatIsNoAnswerFileIsRefusedWithAMessage() {
        var r = server.upload("/wizard/import", "photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"import-error\"").contains("neither a JSON answer file");
        var broken = server.upload("/wizard/import", "x.json", "{\"he_fqdn\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("not valid JSON");
    }

    @Test
    void aFileTooLargeIsRefused() {
        var r = server.upload("/wizard/import", "big.json", ("{\"a\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("256 KiB");
    }

    /** The data-var cells of a review page, in order. */
    static String reviewValues(String html) {
        var m = java.util.regex.Pattern.compile("data-var=\"([a-zA-Z_]+)\"[^>]*>([^<]*)<").matcher(html);
        var sb = new StringBuilder();
        while (m.find()) sb.append(m.group(1)).append('=').append(m.group(2)).append('\n');
        return sb.toString();
    }
}
