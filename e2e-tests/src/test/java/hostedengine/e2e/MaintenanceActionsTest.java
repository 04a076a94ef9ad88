package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status page's maintenance actions against the hosted-engine double: each is confirmed by its
 * checkbox, answered with the command's result, and the status follows. Host 1 is this host.
 */
class MaintenanceActionsTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();
    /** This host's FQDN as the server knows it (the VM step's default host FQDN): host 1 of the double. */
    private String HOST1;

    @org.junit.jupiter.api.BeforeEach
    void learnThisHostsName() {
        HOST1 = new VmStepPage(wizard).openAdvanced().value("hostFqdn");
        assertThat(HOST1).isNotBlank();
    }

    private EngineDouble engine() {
        return new EngineDouble(wizard.server()).localHostnamed(HOST1).install();
    }

    @Test
    void globalMaintenanceOnShowsTheBannerAndTheNoteThenNoneTakesItAway() {
        EngineDouble engine = engine().engineUpOn(1);
        StatusPage page = StatusPage.open(wizard).awaitEngineOn(HOST1);
        assertThat(page.globalMaintenanceBanner()).isFalse();

        page = page.act("maintenance-global");
        assertThat(page.actionOutcome()).isEqualTo("DONE");
        assertThat(page.actionForm()).isEqualTo("maintenance-global");
        assertThat(page.actionMessage()).contains("global maintenance");
        assertThat(page.reflectNote()).contains("about 20 seconds");
        page.awaitGlobalMaintenanceBanner(true);
        assertThat(engine.stateJson()).contains("\"global_maintenance\": true");

        page = page.act("maintenance-none");
        assertThat(page.actionOutcome()).isEqualTo("DONE");
        assertThat(page.reflectNote()).contains("about 20 seconds");
        page.awaitGlobalMaintenanceBanner(false);
    }

    @Test
    void localMaintenanceOnTheHostRunningTheEngineVmIsRefusedWithTheReason() {
        EngineDouble engine = engine().engineUpOn(1);
        StatusPage page = StatusPage.open(wizard).awaitEngineOn(HOST1);
        assertThat(page.localMaintenanceRefusalNote()).contains("engine VM runs here");

        page = page.act("maintenance-local");
        assertThat(page.actionOutcome()).isEqualTo("REFUSED");
        assertThat(page.actionMessage()).contains("engine VM runs here").contains("Migrate");
        assertThat(page.reflectNote()).isNull();
        assertThat(engine.stateJson()).doesNotContain("LocalMaintenance");
        assertThat(page.hosts().get(HOST1)).containsEntry("localMaintenance", "no");
    }

    @Test
    void engineVmShutdownAndStartAreEachConfirmedAndShowTheirOutput() {
        engine().engineUpOn(1);
        StatusPage page = StatusPage.open(wizard).awaitEngineOn(HOST1);

        page = page.act("vm-shutdown");
        assertThat(page.actionOutcome()).isEqualTo("DONE");
        assertThat(page.actionForm()).isEqualTo("vm-shutdown");
        assertThat(page.reflectNote()).contains("about 20 seconds");
        page.awaitDiagnosis("vmNotRunning");

        page = page.act("vm-start");
        assertThat(page.actionOutcome()).isEqualTo("DONE");
        assertThat(page.actionForm()).isEqualTo("vm-start");
        assertThat(page.actionOutput()).contains("VM in WaitForLaunch");
        page.awaitEngineOn(HOST1).awaitDiagnosis("engineUp");
    }

    @Test
    void anActionWithoutItsConfirmationDoesNothing() {
        EngineDouble engine = engine().engineUpOn(1);
        StatusPage page = StatusPage.open(wizard).awaitEngineOn(HOST1);
        String before = engine.stateJson();

        page = page.submitUnconfirmed("vm-shutdown");
        assertThat(page.actionOutcome()).isEqualTo("REFUSED");
        assertThat(page.actionMessage()).contains("tick the box");
        assertThat(engine.stateJson()).isEqualTo(before);
    }
}
