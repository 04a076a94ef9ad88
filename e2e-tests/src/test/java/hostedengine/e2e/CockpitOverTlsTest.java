package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hostedengine.testing.Required;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production arrangement: Cockpit and the wizard both on HTTPS under one host name, the
 * wizard using Cockpit's certificate (as docs/cockpit-and-packaging.md advises). The wizard's
 * session cookie is then Secure and SameSite=Strict, and still works in Cockpit's frame, because
 * https://127.0.0.1:A and https://127.0.0.1:B are the same site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CockpitOverTlsTest {
    private ServerProcess wizard;
    private CockpitWs cockpit;

    @BeforeAll
    void startBothOnHttps(@TempDir Path certificates) {
        Required.executable(CockpitWs.COCKPIT_WS, "cockpit-ws");
        // Root is no tool bin/test installs: by hand, as another user, the test is skipped.
        assumeTrue("root".equals(System.getProperty("user.name")),
                "creates a system account for Cockpit's login: run as root (CI does)");
        Path cert = certificates.resolve("0-self-signed.cert");
        Path key = certificates.resolve("0-self-signed.key");
        TestTls.selfSignedFor127(cert, key);
        int cockpitPort = CockpitWs.freePort();
        String cockpitOrigin = "https://127.0.0.1:" + cockpitPort;
        wizard = ServerProcess.start(Map.of(), null, List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--cockpit-origin", cockpitOrigin));
        cockpit = CockpitWs.start(cockpitPort, List.of(
                "port = " + wizard.baseUri().getPort(),
                "cockpit-origin = " + cockpitOrigin), cert, key);
    }

    @AfterAll
    void stopAll() {
        if (cockpit != null) cockpit.close();
        if (wizard != null) wizard.close();
    }

    @Test
    void theWizardWorksInsideCockpitWithSecureStrictCookies() {
        assertThat(wizard.url("/")).startsWith("https://");
        try (Browser browser = Browser.englishAcceptingSelfSignedCertificates()) {
            CockpitEvidence.onFailure(browser, wizard, "CockpitOverTlsTest", () -> {
                var page = HostedEngineInCockpit.open(browser, cockpit, cockpit.url("/"), "Virtualization");
                assertThat(page.showsProblem()).isFalse();
                page.logInToWizard(wizard.url("/"), cockpit.user(), cockpit.password());
                assertThat(page.checkEngineVmFqdn("manager")).contains("fully qualified host name");
            });
        }
    }
}
