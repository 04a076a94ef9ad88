package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Over 300 lines: login, sessions, CSRF, Origin and roles are one gate; its cases read best side by side.
/**
 * Login, sessions, CSRF, Origin and who may operate, over real HTTP. Logins go through the
 * test double; the real PAM login is {@code hostedengine.auth.PamLoginTest}.
 */
class AuthHttpTest {
    /** A route only an operator may call, standing in for deploy/cancel/cleanup/maintenance. */
    static final String OPERATE_PROBE = "/api/test/operate";

    @TempDir Path state;
    final List<HandlerMetaInfo> routes = new CopyOnWriteArrayList<>();
    TestServer server;

    @BeforeEach void start() {
        server = new TestServer(state, newClient(), TestDoubleAuthenticator.withOperatorAndViewer(), config -> {
            config.events.handlerAdded(routes::add);
            config.routes.post(OPERATE_PROBE, ctx -> ctx.result("operated"), Access.OPERATE);
        });
    }

    @AfterEach void stop() { server.close(); }

    @Test
    void everyRouteRefusesAnAnonymousRequestExceptLoginAndHealth() {
        var endpoints = routes.stream().filter(r -> r.getHttpMethod().isHttpMethod()).toList();
        assertThat(endpoints).extracting(HandlerMetaInfo::getPath)
                .contains("/wizard/{step}", "/api/wizard/{step}/check", "/wizard/import", "/logout", OPERATE_PROBE);
        assertThat(endpoints.stream().filter(r -> r.getRoles().contains(Access.PUBLIC))
                .map(r -> r.getHttpMethod() + " " + r.getPath()).toList())
                .containsExactlyInAnyOrder("GET /login", "POST /login", "GET /login/once/{token}", "GET /health");
        for (HandlerMetaInfo route : endpoints) {
            if (route.getRoles().contains(Access.PUBLIC)) continue;
            String path = route.getPath().replaceAll("\\{[^}]*}|<[^>]*>", "vm");
            var r = anonymous(route.getHttpMethod(), path);
            String what = route.getHttpMethod() + " " + route.getPath();
            if (path.startsWith("/api/") || route.getHttpMethod() != HandlerType.GET) {
                assertThat(r.statusCode()).as(what).isEqualTo(401);
            } else {
                assertThat(r.statusCode()).as(what).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).as(what).get().asString().startsWith("/login?next=");
            }
            assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("manager.example.com");
        }
    }

    @Test
    void theLoginPageStaticFilesAndHealthNeedNoLogin() {
        assertThat(server.get("/login").statusCode()).isEqualTo(200);
        assertThat(server.get("/health").body()).isEqualTo("ok");
        assertThat(server.get("/static/js/wizard.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/static/css/wizard.css").statusCode()).isEqualTo(200);
        assertThat(server.get(Webjars.bootstrapCss()).statusCode()).isEqualTo(200);
    }

    @Test
    void afterLoginTheUserLandsWhereTheyWantedToGoAndSeesWhoTheyAre() {
        var page = server.get("/wizard/engine");
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fwizard%2Fengine");
        var form = server.get(page.headers().firstValue("Location").get());
        String token = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        var r = server.postWithoutCsrf("/login", Map.of("username", "admin", "password", TestDoubleAuthenticator.PASSWORD,
                "_csrf", token, "next", "/wizard/engine"));
        assertThat(r.headers().firstValue("Location")).hasValue("/wizard/engine");
        assertThat(r.headers().firstValue("Set-Cookie")).get().asString()
                .contains("hew_session=").contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        var body = server.get("/wizard/engine").body();
        assertThat(body).contains("id=\"current-user\"").contains("admin").contains("id=\"logout\"").doesNotContain("view-only-banner");
    }

    @Test
    void nextNeverLeadsToAnotherSite() {
        for (String next : List.of("//evil.example.com/", "https://evil.example.com/", "/\\evil.example.com", "javascript:alert(1)")) {
            assertThat(AuthRoutes.safeNext(next)).as(next).isEqualTo("/");
        }
        assertThat(AuthRoutes.safeNext("/wizard/storage")).isEqualTo("/wizard/storage");
    }

    @Test
    void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        var wrongPassword = server.login("admin", "nope");
        var unknownUser = server.login("nobody", "nope");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("id=\"login-error\"").contains("Wrong user name or password");
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(302);
    }

    @Test
    void afterFiveFailuresLoginsWaitAndTheWaitGrows() throws IOException {
        for (int i = 0; i < 5; i++) assertThat(server.login("admin", "wrong-" + i).statusCode()).isEqualTo(401);
        var throttled = server.login("admin", TestDoubleAuthenticator.PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("Wait 30 seconds");
        server.clock.advance(Duration.ofSeconds(31));
        assertThat(server.login("admin", "wrong-again").statusCode()).isEqualTo(401);
        assertThat(server.login("admin", "wrong-again").body()).contains("Wait 60 seconds");
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(server.login("admin", TestDoubleAuthenticator.PASSWORD).statusCode()).isEqualTo(302);
        String audit = Files.readString(state.resolve("audit.log"));
        assertThat(audit).contains("\"reason\":\"throttled\"").contains("\"outcome\":\"refused\"")
                .doesNotContain("wrong-").doesNotContain(TestDoubleAuthenticator.PASSWORD);
    }

    @Test
    void theLoginFormNeedsItsOwnTokenAndOurOrigin() {
        var noToken = server.postWithoutCsrf("/login", Map.of("username", "admin", "password", TestDoubleAuthenticator.PASSWORD));
        assertThat(noToken.statusCode()).isEqualTo(403);
        server.get("/login");
        var foreign = server.postWithoutCsrf("/login", Map.of("username", "admin", "password", TestDoubleAuthenticator.PASSWORD),
                "Origin", "https://evil.example.com");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(302);
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenAreRefused() {
        loginAsOperator();
        var form = server.postWithoutCsrf("/wizard/vm", TestServer.validVm("Secret1!"));
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.body()).contains("security token");
        var api = server.postWithoutCsrf("/api/wizard/vm/check", Map.of("engineVmFqdn", "x.example.com"));
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type")).get().asString().contains("json");
        assertThat(server.postWithoutCsrf("/wizard/start-over", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.postWithoutCsrf("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.postWithoutCsrf("/wizard/vm", Map.of("_csrf", "x".repeat(43))).statusCode()).isEqualTo(403);
        // the same requests with the token go through
        assertThat(server.post("/wizard/vm", TestServer.validVm("Secret1!")).statusCode()).isEqualTo(302);
        assertThat(server.postWithoutCsrf("/api/wizard/vm/check", Map.of(), "X-CSRF-Token", server.csrf()).statusCode()).isEqualTo(200);
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheRightToken() {
        loginAsOperator();
        var r = server.post("/wizard/vm", TestServer.validVm("Secret1!"), "Origin", "https://evil.example.com");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("another web site");
        assertThat(server.post("/wizard/vm", Map.of(), "Origin", "null").statusCode()).isEqualTo(403);
        assertThat(server.post("/wizard/vm", Map.of(), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        String own = "http://127.0.0.1:" + server.app.port();
        assertThat(server.post("/wizard/vm", TestServer.validVm("Secret1!"), "Origin", own).statusCode()).isEqualTo(302);
    }

    @Test
    void anotherSessionsTokenIsRefused() {
        loginAsOperator();
        String mine = server.csrf();
        server.newBrowser();
        server.login("viewer", TestDoubleAuthenticator.PASSWORD);
        assertThat(server.csrf()).isNotEqualTo(mine);
        server.useCsrf(mine);
        assertThat(server.post("/wizard/vm", TestServer.validVm("Secret1!")).statusCode()).isEqualTo(403);
    }

    @Test
    void aViewerMayLookAndKeepADraftButNotOperate() {
        server.login("viewer", TestDoubleAuthenticator.PASSWORD);
        var page = server.get("/wizard/vm");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"view-only-banner\"");
        assertThat(server.post("/wizard/vm", TestServer.validVm("Secret1!")).statusCode()).isEqualTo(302);
        var refused = server.post(OPERATE_PROBE, Map.of(), "Accept-Language", "ja");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("wheel").containsPattern("[\\u3040-\\u30ff]");
        server.newBrowser();
        loginAsOperator();
        assertThat(server.post(OPERATE_PROBE, Map.of()).body()).isEqualTo("operated");
    }

    @Test
    void anIdleSessionEndsAndTheDraftIsThereAfterLoggingInAgain() throws IOException {
        loginAsOperator();
        server.post("/wizard/vm", Map.of("engineVmFqdn", "kept.example.com"));
        server.clock.advance(Duration.ofMinutes(14));
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(15));
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(302);
        assertThat(server.post("/api/wizard/vm/check", Map.of()).statusCode()).isEqualTo(401);
        server.newBrowser();
        loginAsOperator();
        assertThat(server.get("/wizard/vm").body()).contains("value=\"kept.example.com\"");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"session-expired\"");
    }

    @Test
    void logoutEndsTheSessionForGood() throws IOException {
        loginAsOperator();
        var cookies = server.client().cookieHandler().orElseThrow();
        var r = server.post("/logout", Map.of());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?bye");
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(302);
        assertThat(cookies).isNotNull();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"logout\"");
    }

    @Test
    void anOldSessionCookieReplayedAfterLogoutIsRefused() {
        loginAsOperator();
        String cookie = server.loginResponse().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        server.post("/logout", Map.of());
        var replay = raw(HttpRequest.newBuilder(URI.create(server.url("/wizard/vm"))).header("Cookie", cookie).build());
        assertThat(replay.statusCode()).isEqualTo(302);
    }

    @Test
    void theSingleUseLinkWorksOnceAndNeverAgain() {
        String link = server.singleUseLinkFor("admin");
        var first = server.get(link);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Set-Cookie")).get().asString().contains("hew_session=");
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(200);
        server.newBrowser();
        var second = server.get(link);
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).contains("used already");
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(302);
    }

    @Test
    void theSingleUseLinkExpiresAfterTenMinutes() {
        String link = server.singleUseLinkFor("admin");
        server.clock.advance(Duration.ofMinutes(10));
        assertThat(server.get(link).statusCode()).isEqualTo(403);
        assertThat(server.get("/login/once/not-a-token").statusCode()).isEqualTo(403);
    }

    @Test
    void malformedCookiesAreTreatedAsNoLoginNeverAsAnError() {
        for (String cookie : List.of("hew_session=", "hew_session=%%%;;;===", "hew_session=\"unterminated", "hew_session="
                + "A".repeat(43), "hew_session=" + "A".repeat(4000), "=;=;=", "hew_session=a\u00e9b", "hew_session=x; hew_session=y")) {
            var r = raw(HttpRequest.newBuilder(URI.create(server.url("/wizard/vm"))).header("Cookie", cookie).build());
            assertThat(r.statusCode()).as(cookie).isIn(302, 400);
            assertThat(r.body()).as(cookie).doesNotContain("Exception").doesNotContain("at org.");
            var api = raw(HttpRequest.newBuilder(URI.create(server.url("/api/wizard/vm/check")))
                    .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(api.statusCode()).as(cookie).isIn(400, 401);
        }
    }

    @Test
    void oversizedHeadersAreRefusedWithoutAStackTrace() {
        var r = raw(HttpRequest.newBuilder(URI.create(server.url("/wizard/vm"))).header("X-Padding", "x".repeat(17 * 1024)).build());
        assertThat(r.statusCode()).isEqualTo(431);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
        var cookie = raw(HttpRequest.newBuilder(URI.create(server.url("/login"))).header("Cookie", "a=" + "x".repeat(17 * 1024)).build());
        assertThat(cookie.statusCode()).isEqualTo(431);
    }

    @Test
    void unknownPathsAreNotFoundWithoutAStackTrace() {
        loginAsOperator();
        for (String path : List.of("/nope", "/api/nope", "/wizard/vm/extra", "/login/once/", "/static/nope.js", "/WEB-INF/web.xml")) {
            var r = server.get(path);
            assertThat(r.statusCode()).as(path).isIn(302, 404);
            assertThat(r.body()).as(path).doesNotContain("Exception").doesNotContain("at io.javalin");
        }
        assertThat(server.get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void anAnswerFileImportIsAudited() throws IOException {
        loginAsOperator();
        server.upload("/wizard/import", "answers.json", "{\"he_fqdn\": \"manager.example.com\"}".getBytes());
        var log = state.resolve("audit.log");
        assertThat(Files.readString(log)).contains("\"action\":\"answer-file-imported\"").contains("\"user\":\"admin\"")
                .contains("\"file\":\"answers.json\"").contains("\"address\":\"127.0.0.1\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void responsesForbidFramingByOthersAndSniffing() {
        var r = server.get("/login");
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'self'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(r.headers().firstValue("Set-Cookie")).get().asString().contains("HttpOnly").contains("SameSite=Strict");
    }

    private void loginAsOperator() {
        assertThat(server.login("admin", TestDoubleAuthenticator.PASSWORD).statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> anonymous(HandlerType method, String path) {
        var b = HttpRequest.newBuilder(URI.create(server.url(path)));
        b = method == HandlerType.GET ? b.GET()
                : b.header("Content-Type", "application/x-www-form-urlencoded").method(method.name(), HttpRequest.BodyPublishers.ofString("a=b"));
        return raw(b.build());
    }

    /** A request from a browser with no cookies at all. */
    private static HttpResponse<String> raw(HttpRequest request) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
