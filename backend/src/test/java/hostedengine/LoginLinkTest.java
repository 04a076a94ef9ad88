package hostedengine;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.cli.Cli;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login link is a password: a server whose output is not a terminal (a service) prints none and
 * says how to get one, and root's {@code hosted-engine-wizard login-link} prints one the running
 * server honours once.
 */
class LoginLinkTest {
    @TempDir Path state;

    @Test
    void aServiceprintsNoLinkAndRootsCommandMakesOneThatWorksOnce() throws Exception {
        var console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        Javalin app;
        try {
            app = Main.start(ServerOptions.parse(new String[] {"--no-tls", "--port", "0", "--bind", "127.0.0.1",
                    "--state-dir", state.toString(), "--simulate"}));
        } finally {
            System.setOut(original);
        }
        try {
            String started = console.toString(StandardCharsets.UTF_8);
            assertThat(started).doesNotContain("/login/once/")
                    .contains("No login link printed").contains("hosted-engine-wizard login-link");

            var out = new ByteArrayOutputStream();
            int rc = Cli.run(new String[] {"login-link", "--state-dir", state.toString()}, terminal(out), Map.of(),
                    Main.cliWiring());
            String printed = out.toString(StandardCharsets.UTF_8);
            boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
            if (!root) {
                // Only root may make a link that logs in as root.
                assertThat(rc).isEqualTo(Cli.REFUSED);
                assertThat(printed).contains("only root").doesNotContain("/login/once/");
                return;
            }
            assertThat(rc).as(printed).isZero();
            Matcher link = Pattern.compile("Log in once as root: (http://127\\.0\\.0\\.1:" + app.port()
                    + "/login/once/[A-Za-z0-9_-]{43})").matcher(printed);
            assertThat(link.find()).as(printed).isTrue();

            var client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            client.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            var page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/wizard/vm")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);

            // Spent: a second browser gets the login page, and the link's file is gone.
            var other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            var again = other.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(403);
            try (var files = java.nio.file.Files.list(state.resolve("login-links"))) {
                assertThat(files.toList()).isEmpty();
            }
        } finally {
            app.stop();
            ServerRuns.awaitEnded(state);
        }
    }

    private static Cli.Terminal terminal(ByteArrayOutputStream out) {
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Cli.Terminal() {
            @Override public PrintStream out() { return stream; }
            @Override public PrintStream err() { return stream; }
            @Override public boolean interactive() { return false; }
            @Override public boolean canAskSecrets() { return false; }
            @Override public Optional<char[]> readSecret(String prompt) { return Optional.empty(); }
        };
    }
}
