package hostedengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an administrator sees when the server starts, or cannot. */
class MainStartupTest {
    @TempDir Path state;

    @Test
    void startsOnHttpsWithAGeneratedCertificateAndSecureCookies() throws Exception {
        var console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        Javalin app;
        try {
            app = Main.start(ServerOptions.parse(new String[] {"--port", "0", "--bind", "127.0.0.1", "--state-dir", state.toString(), "--simulate", "--login-link"}));
        } finally {
            System.setOut(original);
        }
        try {
            // the operator at the console logs in with the single-use link the server printed
            Matcher link = Pattern.compile("(https://127\\.0\\.0\\.1:[0-9]+/login/once/[A-Za-z0-9_-]{43})").matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(link.find()).as(console.toString(StandardCharsets.UTF_8)).isTrue();
            var client = HttpClient.newBuilder().sslContext(trustingEveryone()).sslParameters(noHostnameCheck())
                    .cookieHandler(new CookieManager()).build();
            var login = client.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Set-Cookie")).get().asString().contains("Secure").contains("HttpOnly");
            var r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/wizard/vm")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
            assertThat(r.body()).contains("id=\"simulator-banner\"");
            assertThat(state.resolve("tls/server.crt")).exists();
        } finally {
            app.stop();
            ServerRuns.awaitEnded(state);
        }
    }

    @Test
    void aPortInUseIsOneLineNamingTheFlag() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var options = ServerOptions.parse(new String[] {"--no-tls", "--port", String.valueOf(taken.getLocalPort()),
                    "--bind", "127.0.0.1", "--state-dir", state.toString(), "--simulate"});
            assertThatThrownBy(() -> Main.start(options))
                    .isInstanceOf(StartupProblem.class)
                    .hasMessageContaining("already in use").hasMessageContaining("--port")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void anUnreadableCertificateIsOneLineNamingTheFile() throws Exception {
        Path cert = Files.writeString(state.resolve("bad.crt"), "not a certificate");
        Path key = Files.writeString(state.resolve("bad.key"), "not a key");
        var options = ServerOptions.parse(new String[] {"--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--port", "0", "--state-dir", state.resolve("s").toString()});
        assertThatThrownBy(() -> Main.start(options))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("bad.crt").hasMessageContaining("--tls-cert").hasMessageNotContaining("\n");
    }

    @Test
    void aStateDirectoryThatIsAFileIsOneLineNamingTheFlag() throws Exception {
        Path file = Files.writeString(state.resolve("plain-file"), "x");
        var options = ServerOptions.parse(new String[] {"--no-tls", "--port", "0", "--state-dir", file.toString()});
        assertThatThrownBy(() -> Main.start(options))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("--state-dir").hasMessageNotContaining("\n");
    }

    @Test
    void theBenchmarksRoleIsUsedOnlyWithSimulateAndAnAbsoluteRoleDirectory() throws Exception {
        Path role = Files.createDirectories(state.resolve("bench/wizard_bench/tasks")).getParent();
        Files.writeString(role.resolve("tasks/main.yml"), "---\n");
        assertThat(Main.benchRole(null, false)).isNull();
        assertThat(Main.benchRole(" ", true)).isNull();
        assertThat(Main.benchRole(role.toString(), true)).isEqualTo(role);
        assertThatThrownBy(() -> Main.benchRole(role.toString(), false))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("needs --simulate");
        assertThatThrownBy(() -> Main.benchRole("bench/wizard_bench", true))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> Main.benchRole(state.resolve("nothing").toString(), true))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("tasks/main.yml");
    }

    private static SSLContext trustingEveryone() throws Exception {
        var ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}
            public void checkServerTrusted(X509Certificate[] c, String a) {}
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, new SecureRandom());
        return ctx;
    }

    private static SSLParameters noHostnameCheck() {
        var p = new SSLParameters();
        p.setEndpointIdentificationAlgorithm(null);
        return p;
    }
}
