package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hostedengine.auth.PamAuthenticator;
import hostedengine.auth.User;
import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PAM login, against system users this test creates: runs only as root (it adds
 * and removes users, and installs the shipped PAM service file when it is missing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PamLoginHttpTest {
    static final String SERVICE = PamAuthenticator.DEFAULT_SERVICE;
    static final Path SHIPPED = Path.of("..", "packaging", "pam", SERVICE);
    static final Path INSTALLED = Path.of("/etc/pam.d", SERVICE);
    static final String PASSWORD = "Pam-Test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

    final List<String> users = new ArrayList<>();
    String operator;
    String viewer;
    boolean installedServiceFile;
    boolean createdWheel;

    @BeforeAll
    void createUsers() throws Exception {
        // Neither is something bin/test installs: root it does not promise, useradd comes with Debian's base system.
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isReadable(Path.of("/etc/shadow")),
                "needs root: creates system users");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "needs useradd");
        if (!Files.exists(INSTALLED)) {
            Files.copy(SHIPPED, INSTALLED, StandardCopyOption.COPY_ATTRIBUTES);
            installedServiceFile = true;
        }
        createdWheel = run("getent", "group", "wheel") != 0;
        assertThat(run("groupadd", "-f", "wheel")).isZero();
        operator = newUser(true);
        viewer = newUser(false);
    }

    @AfterAll
    void removeUsers() throws Exception {
        for (String u : users) run("userdel", u);
        if (createdWheel) run("groupdel", "wheel");
        if (installedServiceFile) Files.deleteIfExists(INSTALLED);
    }

    @Test
    void pamAcceptsTheRightPasswordAndKnowsTheGroups() throws Exception {
        var pam = new PamAuthenticator(SERVICE);
        Optional<User> user = pam.authenticate(operator, PASSWORD);
        assertThat(user).get().satisfies(u -> assertThat(u.groups()).contains("wheel"));
        assertThat(pam.authenticate(operator, PASSWORD + "x")).isEmpty();
        assertThat(pam.authenticate("hewtest-no-such-user", PASSWORD)).isEmpty();
        assertThat(pam.authenticate("root\nx", PASSWORD)).isEmpty();
        assertThat(pam.lookup(viewer)).get().satisfies(u -> assertThat(u.groups()).doesNotContain("wheel"));
    }

    @Test
    void anOperatorLogsInAndAWrongPasswordIsRefused(@TempDir Path state) {
        try (var server = new TestServer(state, client(), new PamAuthenticator(SERVICE), config ->
                config.routes.post(AuthHttpTest.OPERATE_PROBE, ctx -> ctx.result("operated"), Access.OPERATE))) {
            assertThat(server.login(operator, "wrong").statusCode()).isEqualTo(401);
            assertThat(server.login(operator, PASSWORD).statusCode()).isEqualTo(302);
            assertThat(server.get("/wizard/vm").body()).contains(operator).doesNotContain("view-only-banner");
            assertThat(server.post(AuthHttpTest.OPERATE_PROBE, Map.of()).body()).isEqualTo("operated");
        }
    }

    @Test
    void aUserOutsideWheelMayLookButNotOperate(@TempDir Path state) {
        try (var server = new TestServer(state, client(), new PamAuthenticator(SERVICE), config ->
                config.routes.post(AuthHttpTest.OPERATE_PROBE, ctx -> ctx.result("operated"), Access.OPERATE))) {
            assertThat(server.login(viewer, PASSWORD).statusCode()).isEqualTo(302);
            assertThat(server.get("/wizard/vm").body()).contains("id=\"view-only-banner\"");
            var refused = server.post(AuthHttpTest.OPERATE_PROBE, Map.of());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("root and members of the group wheel");
        }
    }

    @Test
    void fiveWrongPasswordsThrottleTheUserAndAreAudited(@TempDir Path state) throws IOException {
        try (var server = new TestServer(state, client(), new PamAuthenticator(SERVICE), config -> {})) {
            for (int i = 0; i < 5; i++) assertThat(server.login(viewer, "Wrong-" + i).statusCode()).isEqualTo(401);
            var throttled = server.login(viewer, PASSWORD);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.body()).contains("Wait 30 seconds");
            String audit = Files.readString(state.resolve("audit.log"));
            assertThat(audit.lines().filter(l -> l.contains("\"user\":\"" + viewer + "\"") && l.contains("\"outcome\":\"failure\"")))
                    .hasSize(5);
            assertThat(audit).contains("\"reason\":\"throttled\"").doesNotContain("Wrong-").doesNotContain(PASSWORD);
        }
    }

    private String newUser(boolean wheel) throws Exception {
        String name = "hewtest" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        var cmd = new ArrayList<>(List.of("useradd", "-M", "-s", "/usr/sbin/nologin"));
        if (wheel) cmd.addAll(List.of("-G", "wheel"));
        cmd.add(name);
        assertThat(run(cmd.toArray(String[]::new))).isZero();
        users.add(name);
        var chpasswd = new ProcessBuilder("chpasswd").redirectErrorStream(true).start();
        chpasswd.getOutputStream().write((name + ":" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        chpasswd.getOutputStream().close();
        assertThat(chpasswd.waitFor(30, TimeUnit.SECONDS) && chpasswd.exitValue() == 0).isTrue();
        return name;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
