package hostedengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's configuration file, read with --config: what an administrator writes there counts. */
class ConfigFileTest {
    private static final Path PACKAGED = Path.of("../packaging/hosted-engine-wizard.conf");

    @TempDir Path dir;

    private static ServerOptions parse(String... args) throws StartupProblem {
        return ServerOptions.parse(args, true, Path.of("/root"));
    }

    @Test
    void thePackagedConfigurationKeepsPort9090ForCockpit() throws StartupProblem {
        ServerOptions o = parse("--config", PACKAGED.toString());
        assertThat(o.port()).isEqualTo(9443);
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.tls()).isTrue();
        assertThat(o.stateDir()).isEqualTo(Path.of("/var/lib/hosted-engine-wizard"));
        assertThat(o.pamService()).isEqualTo("hosted-engine-wizard");
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.cockpitOrigin()).isEmpty();
        assertThat(o.streamsPerSession()).isEqualTo(8);
        assertThat(o.streamsTotal()).isEqualTo(256);
    }

    @Test
    void theStreamCapsAreReadUnderEitherSpellingAndTheCommandLineWins() throws Exception {
        Path conf = Files.writeString(dir.resolve("s.conf"), "streams_per_session = 3\nstreams-total = 40\n");
        ServerOptions o = parse("--config", conf.toString());
        assertThat(o.streamsPerSession()).isEqualTo(3);
        assertThat(o.streamsTotal()).isEqualTo(40);
        assertThat(parse("--config", conf.toString(), "--streams-per-session", "64").streamsPerSession()).isEqualTo(64);
        Path bad = Files.writeString(dir.resolve("t.conf"), "streams_total = many\n");
        assertThatThrownBy(() -> parse("--config", bad.toString()))
                .hasMessage("--streams-total must be a number of streams from 0 to 100000, not 'many'");
    }

    @Test
    void optionsAfterTheFileWinAndQuotesAreTakenOff() throws Exception {
        Path conf = Files.writeString(dir.resolve("w.conf"), """
                # comment
                port = 9443
                cockpit-origin = "https://host1.example.com:9090/"
                  no-tls   
                idle-timeout =
                """);
        ServerOptions o = parse("--config", conf.toString(), "--port", "9500");
        assertThat(o.port()).isEqualTo(9500);
        assertThat(o.tls()).isFalse();
        assertThat(o.cockpitOrigin()).isEqualTo(Optional.of("https://host1.example.com:9090"));
        assertThat(o.idleTimeout()).as("an empty value keeps the default").isEqualTo(Duration.ofMinutes(15));
        assertThat(parse("--port", "9500", "--config=" + conf).port()).isEqualTo(9443);
    }

    @Test
    void aLineThatIsNoOptionNamesTheFileAndLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "port = 9443\n--bind 127.0.0.1\n");
        assertThatThrownBy(() -> parse("--config", conf.toString()))
                .isInstanceOf(StartupProblem.class)
                .hasMessage(conf + " line 2: '--bind 127.0.0.1' is not an option; write one per line, like: port = 9443");
    }

    @Test
    void aMisspelledOptionOrABadValueIsReportedAsOnTheCommandLine() throws Exception {
        Path misspelled = Files.writeString(dir.resolve("a.conf"), "prot = 9443\n");
        assertThatThrownBy(() -> parse("--config", misspelled.toString()))
                .hasMessage("Unknown option --prot; see --help for the options");
        Path badPort = Files.writeString(dir.resolve("b.conf"), "port = nine\n");
        assertThatThrownBy(() -> parse("--config", badPort.toString()))
                .hasMessage("--port must be a number from 1 to 65535, not 'nine'");
    }

    @Test
    void aMissingFileIsOneLineNamingIt() {
        Path missing = dir.resolve("nothing.conf");
        assertThatThrownBy(() -> parse("--config", missing.toString()))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("--config " + missing + " cannot be read (NoSuchFileException")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parse("--config")).hasMessageStartingWith("--config needs a file");
    }

    @Test
    void theServerListensOnTheConfiguredPortAndLetsTheConfiguredCockpitFrameIt() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("hosted-engine-wizard.conf"), String.join("\n",
                "port = " + port, "bind = 127.0.0.1", "no-tls", "simulate",
                "state-dir = " + dir.resolve("state"), "cockpit-origin = https://host1.example.com:9090", ""));
        PrintStream original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Javalin app;
        try {
            app = Main.start(ServerOptions.parse(new String[] {"--config", conf.toString()}));
        } finally {
            System.setOut(original);
        }
        try {
            HttpResponse<String> login = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                    .endsWith("frame-ancestors 'self' https://host1.example.com:9090");
            assertThat(login.headers().firstValue("X-Frame-Options")).isEmpty();
        } finally {
            app.stop();
            ServerRuns.awaitEnded(dir.resolve("state"));
        }
    }
}
