package hostedengine;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerOptionsTest {
    private static final Path HOME = Path.of("/home/alice");

    private static ServerOptions parse(String... args) throws StartupProblem {
        return ServerOptions.parse(args, true, HOME);
    }

    @Test
    void defaultsAreHttpsOn9090AllAddressesAndTheSystemStateDirectory() throws StartupProblem {
        ServerOptions o = parse();
        assertThat(o.port()).isEqualTo(9090);
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.tls()).isTrue();
        assertThat(o.tlsCert()).isEmpty();
        assertThat(o.tlsKey()).isEmpty();
        assertThat(o.stateDir()).isEqualTo(Path.of("/var/lib/hosted-engine-wizard"));
        assertThat(o.simulate()).isFalse();
        assertThat(o.help()).isFalse();
    }

    @Test
    void nonRootDefaultsToAStateDirectoryInHome() throws StartupProblem {
        assertThat(ServerOptions.parse(new String[0], false, HOME).stateDir())
                .isEqualTo(Path.of("/home/alice/.local/state/hosted-engine-wizard"));
    }

    @Test
    void everyFlagIsRead() throws StartupProblem {
        ServerOptions o = parse("--port", "9443", "--bind", "127.0.0.1", "--tls-cert", "/etc/pki/c.pem",
                "--tls-key=/etc/pki/k.pem", "--state-dir", "/srv/hew", "--simulate",
                "--pam-service", "cockpit", "--idle-timeout=30", "--cockpit-origin", "https://host1.example.com:9090/");
        assertThat(o).isEqualTo(new ServerOptions(9443, "127.0.0.1", true,
                java.util.Optional.of(Path.of("/etc/pki/c.pem")), java.util.Optional.of(Path.of("/etc/pki/k.pem")),
                Path.of("/srv/hew"), true, false, "cockpit", java.time.Duration.ofMinutes(30),
                java.util.Optional.of("https://host1.example.com:9090"), false));
    }

    @Test
    void loginOptionsHaveSafeDefaultsAndRefuseNonsense() throws StartupProblem {
        ServerOptions o = parse();
        assertThat(o.pamService()).isEqualTo("hosted-engine-wizard");
        assertThat(o.idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(o.cockpitOrigin()).isEmpty();
        for (String[] bad : new String[][] {{"--pam-service", "../shadow"}, {"--idle-timeout", "0"},
                {"--idle-timeout", "soon"}, {"--cockpit-origin", "https://evil.example.com/x; script-src *"},
                {"--cockpit-origin", "javascript:alert(1)"}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(bad))
                    .isInstanceOf(StartupProblem.class).hasMessageContaining(bad[0]);
        }
    }

    @Test
    void noTlsAndHelp() throws StartupProblem {
        assertThat(parse("--no-tls").tls()).isFalse();
        assertThat(parse("--help").help()).isTrue();
        assertThat(ServerOptions.usage()).contains("--port", "--bind", "--no-tls", "--tls-cert", "--tls-key",
                "--state-dir", "--simulate", "--help");
    }

    @Test
    void unknownFlagIsOneLineProblem() {
        assertThatThrownBy(() -> parse("--prot", "80"))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("Unknown option --prot; see --help for the options");
    }

    @Test
    void badPortIsOneLineProblemNamingTheFlag() {
        assertThatThrownBy(() -> parse("--port", "90a0")).hasMessage("--port must be a number from 1 to 65535, not '90a0'");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageStartingWith("--port must be");
        assertThatThrownBy(() -> parse("--port")).hasMessage("--port needs a value; see --help");
        assertThatThrownBy(() -> parse("--port", "--no-tls")).hasMessage("--port needs a value; see --help");
    }

    @Test
    void certificateAndKeyComeTogether() {
        assertThatThrownBy(() -> parse("--tls-cert", "c.pem"))
                .hasMessage("--tls-cert needs --tls-key: give both PEM files, or neither for a self-signed certificate");
        assertThatThrownBy(() -> parse("--tls-key", "k.pem")).hasMessageStartingWith("--tls-key needs --tls-cert");
        assertThatThrownBy(() -> parse("--no-tls", "--tls-cert", "c", "--tls-key", "k"))
                .hasMessageContaining("--no-tls cannot be combined");
    }

    @Test
    void switchesTakeNoValue() {
        assertThatThrownBy(() -> parse("--simulate=yes")).hasMessage("--simulate takes no value; see --help");
    }

    @Test
    void problemsAreAlwaysOneLine() {
        assertThat(new StartupProblem("first\nsecond\r\n third").getMessage()).isEqualTo("first second third");
    }
}
