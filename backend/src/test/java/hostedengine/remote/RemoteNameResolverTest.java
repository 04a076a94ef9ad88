package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.host.NameResolver;
import hostedengine.testing.Sshd;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-flight name lookups on the deployment host: getent over a real sshd, or the local resolver. */
class RemoteNameResolverTest {
    static Sshd sshd;

    @TempDir Path state;

    /** Stands for this machine's resolver, so a test can tell which one answered. */
    private static final NameResolver LOCAL = new NameResolver() {
        @Override public List<String> forward(String name) { return List.of("192.0.2.1"); }

        @Override public Optional<String> reverse(String address) { return Optional.of("local.example.com"); }
    };

    @BeforeAll
    static void startSshd(@TempDir Path dir) throws Exception {
        Sshd.assumeAvailable();
        sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @Test
    void thisHostUsesTheLocalResolver() throws Exception {
        var resolver = new RemoteNameResolver(new DeploymentTarget(state, RemoteHostSshIntegrationTest.TIMEOUT), LOCAL,
                RemoteHostSshIntegrationTest.TIMEOUT);

        assertThat(resolver.forward("manager.example.com")).containsExactly("192.0.2.1");
        assertThat(resolver.reverse("192.0.2.1")).contains("local.example.com");
    }

    @Test
    void aRemoteHostResolvesNamesItselfAndRefusesAnythingButPlainNames() throws Exception {
        var target = new DeploymentTarget(state, RemoteHostSshIntegrationTest.TIMEOUT);
        HostKey offered = target.connect(RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port()))
                .awaiting().orElseThrow();
        assertThat(target.confirm(offered.fingerprint())).isTrue();
        var resolver = new RemoteNameResolver(target, LOCAL, RemoteHostSshIntegrationTest.TIMEOUT);

        // The sshd is this machine: its /etc/hosts answers, not the stand-in local resolver.
        assertThat(resolver.forward("localhost")).isNotEmpty().doesNotContain("192.0.2.1")
                .anyMatch(a -> a.equals("127.0.0.1") || a.equals("::1"));
        assertThat(resolver.reverse("127.0.0.1")).isPresent().get().asString().isNotEqualTo("local.example.com");
        assertThat(resolver.forward("no-such-host.invalid")).isEmpty();

        Path marker = state.resolve("injected");
        assertThat(resolver.forward("localhost;touch " + marker)).isEmpty();
        assertThat(resolver.reverse("127.0.0.1 && touch " + marker)).isEmpty();
        assertThat(marker).doesNotExist();
    }

    @Test
    void parsesGetentOutput() {
        assertThat(RemoteNameResolver.addresses("10.0.0.5      STREAM manager.example.com\n10.0.0.5      DGRAM\n"
                + "fd00::5       STREAM\n")).containsExactly("10.0.0.5", "fd00::5");
        assertThat(RemoteNameResolver.firstName("10.0.0.5        manager.example.com manager\n"))
                .contains("manager.example.com");
        assertThat(RemoteNameResolver.firstName("")).isEmpty();
    }
}
