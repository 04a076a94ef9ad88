package hostedengine.e2e;

import static hostedengine.e2e.WizardFlow.ISCSI_TARGET;
import static hostedengine.e2e.WizardFlow.ISCSI_TPGT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LUNs that cannot hold the hosted engine are listed but cannot be chosen, with the reason shown:
 * the simulator offers 20 GiB (too small), 80 and 100 GiB free, and one LUN already in use.
 */
class LunAvailabilityTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    /** The simulator role's 80 GiB free Fibre Channel LUN (vars/main/storage.yml). */
    private static final String LUN_80_GIB = "3600a0980383146554a5d4f6b6d6e7a32";

    @Test
    void tooSmallAndUsedIscsiLunsAreDisabledWithTheirReason() {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid())
                .chooseType("iscsi")
                .fillPortal("192.0.2.10", "3260")
                .retrieveTargets()
                .chooseTarget(ISCSI_TARGET, ISCSI_TPGT);

        assertTooSmallAndUsedLunsDisabled(storage);
    }

    @Test
    void tooSmallAndUsedFibreChannelLunsAreDisabledWithTheirReason() {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid())
                .chooseType("fc")
                .discoverFc();

        assertTooSmallAndUsedLunsDisabled(storage);
    }

    @Test
    void largerDiskSizeRefusesTheChosenLunWhenTheFieldIsLeft() {
        StoragePage storage = fcWithChosenLun(LUN_80_GIB);

        // 80 GiB < 70 GiB disk + 15.24 GiB overhead
        storage.fillDiskSize("70");

        assertThat(storage.fieldError("lunId")).isNotBlank();
    }

    @Test
    void largerDiskSizeDisablesTheChosenLunAfterSubmitting() {
        StoragePage storage = fcWithChosenLun(LUN_80_GIB).fillDiskSize("70");

        StoragePage refused = storage.nextExpectingErrors();

        assertThat(refused.errorSummaryTargets()).contains("lunId");
        assertThat(refused.lunDisabled(LUN_80_GIB)).isTrue();
        assertThat(refused.lunReason(LUN_80_GIB)).isNotBlank();
    }

    private static StoragePage fcWithChosenLun(String lun) {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid())
                .chooseType("fc")
                .discoverFc();
        assertThat(storage.lunRowText(lun)).contains("80.00");
        assertThat(storage.lunDisabled(lun)).as("80 GiB fits the default disk").isFalse();
        return storage.chooseLun(lun);
    }

    private static void assertTooSmallAndUsedLunsDisabled(StoragePage storage) {
        String small = lunShowing(storage, "20.00");
        assertThat(storage.lunDisabled(small)).isTrue();
        assertThat(storage.lunReason(small)).containsIgnoringCase("small");

        List<String> used = storage.lunIds().stream()
                .filter(id -> storage.lunRowText(id).toLowerCase().contains("used")
                        || storage.lunRowText(id).toLowerCase().contains("in use"))
                .toList();
        assertThat(used).as("a LUN shown as used").isNotEmpty();
        for (String id : used) {
            assertThat(storage.lunDisabled(id)).isTrue();
            assertThat(storage.lunReason(id)).containsIgnoringCase("in use");
        }
        assertThat(storage.selectableLunIds()).doesNotContain(small).doesNotContainAnyElementsOf(used).isNotEmpty();
    }

    private static String lunShowing(StoragePage storage, String sizeText) {
        return storage.lunIds().stream()
                .filter(id -> storage.lunRowText(id).contains(sizeText))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no LUN row showing " + sizeText + " GiB in " + storage.lunIds()));
    }
}
