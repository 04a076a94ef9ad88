package hostedengine.e2e;

import static hostedengine.e2e.WizardFlow.ISCSI_TARGET;
import static hostedengine.e2e.WizardFlow.ISCSI_TARGET_NO_LUNS;
import static hostedengine.e2e.WizardFlow.ISCSI_TARGET_TWO_GROUPS;
import static hostedengine.e2e.WizardFlow.ISCSI_TPGT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage discovery runs the role's tags (here the simulator role, through ansible-playbook):
 * targets grouped by TPGT with their portals, LUNs of the chosen target, Fibre Channel LUNs on
 * choosing Fibre Channel, and every way it finds nothing or fails, said where it matters, with
 * Retry. The simulator's triggers: portal 192.0.2.99 does not answer, 192.0.2.98 has no
 * targets, the target ...:empty has no LUNs.
 */
class StorageDiscoveryTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private static StoragePage iscsi() {
        return WizardFlow.toStorage(wizard, TestAnswers.valid()).chooseType("iscsi");
    }

    @Test
    void retrievingTargetsSaysSoWithTheButtonDisabledThenListsThemByTpgtWithTheirPortals() {
        StoragePage storage = iscsi().fillPortal("192.0.2.10", "3260").startRetrievingTargets();

        // ansible-playbook takes a second or more to start, so the page first says it is working
        assertThat(storage.discoveryRunning("targets")).isTrue();
        assertThat(storage.discoveryMessage("targets")).contains("Retrieving targets");
        assertThat(storage.buttonEnabled("iscsi-discover")).isFalse();

        storage.awaitDiscoveryEnd();
        assertThat(storage.targetsInGroup("1")).contains(ISCSI_TARGET, ISCSI_TARGET_TWO_GROUPS);
        assertThat(storage.targetsInGroup("2")).containsExactly(ISCSI_TARGET_TWO_GROUPS);
        assertThat(storage.targetRowText(ISCSI_TARGET, "1")).contains("192.0.2.10:3260").contains("198.51.100.11:3260");
        assertThat(storage.targetRowText(ISCSI_TARGET_TWO_GROUPS, "2")).contains("198.51.100.12:3260");
        assertThat(storage.buttonEnabled("iscsi-discover")).isTrue();
    }

    @Test
    void portalThatDoesNotAnswerIsReportedAtThePortalAndRetryWorksOnceTheAddressIsFixed() {
        StoragePage storage = iscsi().fillPortal("192.0.2.99", "3260").retrieveTargetsExpectingProblem();

        assertThat(storage.discoveryMessage("targets")).contains("Discovery failed").contains("Failed discovery of iSCSI targets");
        assertThat(storage.discoveryMessageRightUnder("targets", "iscsiPortalAddress")).isTrue();
        assertThat(storage.discoveryLogLink("targets")).startsWith("/runs/");
        assertThat(storage.targets()).isEmpty();

        storage.fillPortal("192.0.2.10", "3260").retryDiscovery("targets");

        assertThat(storage.discoveryMessage("targets")).isEmpty();
        assertThat(storage.targets()).contains(ISCSI_TARGET + "/" + ISCSI_TPGT);
    }

    @Test
    void portalWithoutTargetsSaysSoAtThePortal() {
        StoragePage storage = iscsi().fillPortal("192.0.2.98", "3260").retrieveTargetsExpectingProblem();

        assertThat(storage.discoveryMessage("targets")).contains("offers no iSCSI target");
        assertThat(storage.discoveryMessageRightUnder("targets", "iscsiPortalAddress")).isTrue();
        assertThat(storage.targets()).isEmpty();
    }

    @Test
    void targetWithoutLunsSaysSoAndAnotherTargetStillListsItsLuns() {
        StoragePage storage = iscsi().fillPortal("192.0.2.10", "3260").retrieveTargets()
                .chooseTargetExpectingProblem(ISCSI_TARGET_NO_LUNS, "1");

        assertThat(storage.discoveryMessage("luns")).contains("offers no LUN");
        assertThat(storage.lunIds()).isEmpty();

        storage.chooseTarget(ISCSI_TARGET, ISCSI_TPGT);

        assertThat(storage.discoveryMessage("luns")).isEmpty();
        assertThat(storage.lunIds()).hasSize(4);
    }

    @Test
    void choosingFibreChannelListsItsLunsWithoutAskingTwice() {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid()).chooseType("fc");

        assertThat(storage.lunIds()).hasSize(4);
        assertThat(storage.selectableLunIds()).hasSize(2);
    }

    @Test
    void refreshKeepsTheTargetsTheLunsAndTheChosenLun() {
        StoragePage storage = iscsi().fillPortal("192.0.2.10", "3260").retrieveTargets()
                .chooseTarget(ISCSI_TARGET, ISCSI_TPGT);
        String lun = storage.selectableLunIds().get(0);
        storage.chooseLun(lun);

        StoragePage again = storage.refresh();

        assertThat(again.targets()).contains(ISCSI_TARGET + "/" + ISCSI_TPGT);
        assertThat(again.chosenLun()).isEqualTo(lun);
    }

    @Test
    void anotherPortalClearsTheTargetsAndLunsFoundOnTheFirst() {
        StoragePage storage = iscsi().fillPortal("192.0.2.10", "3260").retrieveTargets()
                .chooseTarget(ISCSI_TARGET, ISCSI_TPGT);

        storage.fillPortal("192.0.2.20", "3260");
        StoragePage again = storage.refresh();

        assertThat(again.targets()).isEmpty();
        assertThat(again.lunIds()).isEmpty();
    }
}
