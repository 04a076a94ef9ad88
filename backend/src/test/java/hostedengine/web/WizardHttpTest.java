package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.wizard.Field;
import hostedengine.wizard.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard over real HTTP, as a browser without JavaScript would use it. */
class WizardHttpTest {
    @TempDir Path state;
    TestServer server;

    @BeforeEach void start() { server = new TestServer(state); }

    @AfterEach void stop() { server.close(); }

    @Test
    void rootRedirectsToTheVmStep() {
        var r = server.get("/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/wizard/vm");
    }

    @Test
    void validVmStepGoesOnToEngine() {
        var r = server.post("/wizard/vm", TestServer.validVm("Secret1!"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/wizard/engine");
    }

    @Test
    void fqdnWithShellMetacharactersIsRefusedAtTheFieldAndNeverReviewed() {
        var form = new HashMap<>(TestServer.validVm("Secret1!"));
        form.put("engineVmFqdn", "manager.example.com;touch /tmp/x");
        var r = server.post("/wizard/vm", form);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"engineVmFqdn-error\"").contains("id=\"error-summary\"").contains("href=\"#engineVmFqdn\"");
        server.post("/wizard/engine", TestServer.validEngine("Admin1!"));
        var review = server.get("/wizard/prepare");
        assertThat(review.statusCode()).isEqualTo(302);
        assertThat(review.headers().firstValue("Location")).hasValue("/wizard/vm");
    }

    @Test
    void reviewShowsTheRoleVariablesAndOnlyThatPasswordsAreSet() {
        server.post("/wizard/vm", TestServer.validVm("RootCanary-4711"));
        server.post("/wizard/engine", TestServer.validEngine("AdminCanary-4712"));
        var review = server.get("/wizard/prepare");
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body())
                .contains("data-var=\"he_fqdn\">manager.example.com<")
                .contains("data-var=\"he_vm_mac_addr\">00:16:3e:12:34:56<")
                .containsPattern("<td[^>]*data-var=\"he_appliance_password\"[^>]*>set<")
                .doesNotContain("RootCanary-4711").doesNotContain("AdminCanary-4712");
    }

    @Test
    void liveCheckAnswersInTheRequestedLanguageAndSavesTheDraft() {
        var r = server.post("/api/wizard/engine/check", Map.of("smtpPort", "70000"), "Accept-Language", "ja,en;q=0.5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"smtpPort\"").contains("65535").containsPattern("[\\u3040-\\u30ff]");
        assertThat(server.get("/wizard/engine").body()).contains("value=\"70000\"");
    }

    @Test
    void typedAnswersSurviveARestartButPasswordsNeverReachTheDisk() throws IOException {
        server.post("/api/wizard/vm/check", Map.of("engineVmFqdn", "kept.example.com", "rootPassword", "DiskCanary-99"));
        server.close();
        server = new TestServer(state, server.client());
        assertThat(server.get("/wizard/vm").body()).contains("value=\"kept.example.com\"");
        try (Stream<Path> files = Files.walk(state)) {
            var texts = files.filter(Files::isRegularFile).map(WizardHttpTest::read).toList();
            assertThat(texts).isNotEmpty().noneMatch(t -> t.contains("DiskCanary-99"));
        }
    }

    @Test
    void aPrivateKeyPastedAsThePublicKeyIsNeitherShownNorSaved() throws IOException {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-Canary-7731\n"
                + "-----END OPENSSH PRIVATE KEY-----";
        // As the page saves while typing.
        var r = server.post("/api/wizard/vm/check", Map.of("rootSshPublicKey", key));
        assertThat(r.body()).doesNotContain("Canary-7731");
        var page = server.get("/wizard/vm", "Accept-Language", "ja");
        assertThat(page.body()).doesNotContain("Canary-7731").contains("秘密鍵が貼り付けられたため");
        try (Stream<Path> files = Files.walk(state)) {
            assertThat(files.filter(Files::isRegularFile).map(WizardHttpTest::read).toList())
                    .noneMatch(t -> t.contains("Canary-7731"));
        }
        // The notice is said once.
        assertThat(server.get("/wizard/vm").body()).doesNotContain("A private key was pasted");
    }

    @Test
    void hostFactsAreServedAsJson() {
        var r = server.get("/api/host/facts");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"eth0\"").contains("\"addresses\":[\"192.168.122.10/24\"]")
                .contains("\"defaultGateway\":\"192.168.122.1\"");
    }

    @Test
    void anUnknownStepOrATraversalIsNotFoundWithoutAStackTrace() {
        for (String path : List.of("/wizard/nope", "/wizard/..%2F..%2Fetc%2Fpasswd", "/static/..%2F..%2Fetc%2Fpasswd",
                "/api/wizard/../../etc/passwd/check")) {
            var r = path.startsWith("/api") ? server.post(path, Map.of()) : server.get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("Exception").doesNotContain("at hostedengine");
        }
    }

    @Test
    void everyFieldSurvivesHostileInputWithAMessageOrVerbatim() {
        List<String> hostile = List.of("", "x".repeat(20_000), "a\u0000b\u0007c", "{{ lookup('pipe','id') }}",
                "{% for x in y %}", "key: value", "- item", "line1\nline2", "12abc", "-5", "99999999999999999999");
        for (Step step : Step.values()) {
            for (Field field : Field.of(step)) {
                for (String value : hostile) {
                    var r = server.post("/wizard/" + step.id(), Map.of(field.id(), value));
                    assertThat(r.statusCode()).as(field.id() + "=" + value.length()).isIn(200, 302, 422);
                    assertThat(r.body()).doesNotContain("Exception");
                    var check = server.post("/api/wizard/" + step.id() + "/check", Map.of(field.id(), value));
                    assertThat(check.statusCode()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void templateLookingPasswordIsAcceptedAndNeverEchoed() {
        String password = "{{ lookup('pipe','id') }}";
        var r = server.post("/wizard/vm", TestServer.validVm(password));
        assertThat(r.statusCode()).isEqualTo(302);
        var page = server.get("/wizard/vm").body();
        assertThat(page).doesNotContain("lookup(").contains("id=\"rootPassword-set\"");
    }

    @Test
    void oversizedBodyIsRefused() {
        var r = server.post("/wizard/vm", Map.of("engineVmFqdn", "x".repeat(2 * 1024 * 1024)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        var r = server.get("/wizard/vm");
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // no-referrer would make Chrome send "Origin: null" on the pages' own form posts
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        // the session cookie is set when logging in
        assertThat(server.loginResponse().headers().firstValue("Set-Cookie")).get().asString()
                .contains("HttpOnly").contains("SameSite=Strict");
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
