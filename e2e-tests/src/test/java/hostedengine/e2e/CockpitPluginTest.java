package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hostedengine.testing.Required;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The wizard inside Cockpit, as an administrator meets it: Debian's cockpit-ws (no TLS, a free
 * port), a real login on Cockpit's own login page, Virtualization in Cockpit's menu, the Hosted
 * Engine tab framing the wizard's server (on its own port, allowed to be framed by that Cockpit
 * with --cockpit-origin), the wizard's own login in the frame, and its first step working there.
 * Both on http://127.0.0.1: the same site, so the wizard's SameSite=Strict cookie is sent in the frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CockpitPluginTest {
    private ServerProcess wizard;
    private CockpitWs cockpit;

    @BeforeAll
    void startCockpitAndWizard() {
        Required.executable(CockpitWs.COCKPIT_WS, "cockpit-ws");
        // Root is no tool bin/test installs: by hand, as another user, the test is skipped.
        assumeTrue("root".equals(System.getProperty("user.name")),
                "creates a system account for Cockpit's login: run as root (CI does)");
        int cockpitPort = CockpitWs.freePort();
        String cockpitOrigin = "http://127.0.0.1:" + cockpitPort;
        wizard = ServerProcess.start(Map.of(), null, List.of("--cockpit-origin", cockpitOrigin));
        // the lines an administrator writes in /etc/hosted-engine-wizard/hosted-engine-wizard.conf
        cockpit = CockpitWs.start(cockpitPort, List.of(
                "port = " + wizard.baseUri().getPort(),
                "no-tls",
                "cockpit-origin = " + cockpitOrigin));
    }

    @AfterAll
    void stopAll() {
        if (cockpit != null) cockpit.close();
        if (wizard != null) wizard.close();
    }

    @Test
    void hostedEngineTabUnderVirtualizationShowsAWorkingWizard() {
        try (Browser browser = Browser.english()) {
            evidenceOnFailure(browser, "CockpitPluginTest-english", () -> {
                var page = HostedEngineInCockpit.open(browser, cockpit, cockpit.url("/"), "Virtualization");
                assertThat(page.title()).isEqualTo("Virtualization");
                assertThat(page.tab().getText()).isEqualTo("Hosted Engine");
                assertThat(page.tab().getAttribute("aria-selected")).isEqualTo("true");
                assertThat(page.showsProblem()).isFalse();

                page.logInToWizard(wizard.url("/"), cockpit.user(), cockpit.password());
                assertThat(page.checkEngineVmFqdn("manager")).contains("fully qualified host name");
            });
        }
    }

    @Test
    void inJapaneseTheMenuThePageAndTheWizardAreJapanese() {
        try (Browser browser = Browser.japanese()) {
            evidenceOnFailure(browser, "CockpitPluginTest-japanese", () -> {
                var page = HostedEngineInCockpit.open(browser, cockpit, cockpit.url("/"), "仮想化");
                assertThat(page.title()).isEqualTo("仮想化");
                assertThat(page.openInNewTabLink().getText()).isEqualTo("ウィザードを新しいタブで開く");

                page.logInToWizard(wizard.url("/"), cockpit.user(), cockpit.password());
                assertThat(page.checkEngineVmFqdn("manager")).contains("完全修飾ドメイン名");
            });
        }
    }

    @Test
    void cockpitOpenedUnderAnotherNameExplainsWhyTheWizardIsNotShown() {
        // the wizard lets only http://127.0.0.1:PORT frame it; localhost is another origin
        String localhost = cockpit.origin().replace("127.0.0.1", "localhost");
        try (Browser browser = Browser.english()) {
            evidenceOnFailure(browser, "CockpitPluginTest-elsewhere", () -> {
                var page = HostedEngineInCockpit.open(browser, cockpit, localhost + "/", "Virtualization");
                assertThat(page.problem()).contains(cockpit.origin(), localhost);
                assertThat(page.showsWizardFrame()).isFalse();
                assertThat(page.openInNewTabLink().getAttribute("href")).isEqualTo(wizard.url("/") + "?lang=en");
            });
        }
    }

    private void evidenceOnFailure(Browser browser, String name, Runnable test) {
        CockpitEvidence.onFailure(browser, wizard, name, test);
    }
}
