package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A browser refresh on a step keeps what was typed there: the live check saves the draft. */
class RefreshKeepsAnswersTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    @Test
    void refreshOnVmStepKeepsTypedAnswers() {
        VmStepPage vm = wizard.start()
                .fillFqdn("engine.lab.example.com")
                .fillMac("00:16:3e:0a:0b:0c")
                .chooseRootSshAccess("without-password")
                .fillBridgeName("hebridge");

        VmStepPage refreshed = vm.refresh();

        assertThat(refreshed.value("engineVmFqdn")).isEqualTo("engine.lab.example.com");
        assertThat(refreshed.value("macAddress")).isEqualTo("00:16:3e:0a:0b:0c");
        assertThat(refreshed.selected("rootSshAccess")).isEqualTo("without-password");
        assertThat(refreshed.value("bridgeName")).isEqualTo("hebridge");
    }

    @Test
    void refreshOnEngineStepKeepsTypedAnswers() {
        TestAnswers answers = TestAnswers.valid();
        EngineStepPage engine = wizard.start().fillValid(answers).next()
                .fillSmtpServer("smtp.lab.example.com")
                .fillSmtpPort("2525")
                .fillSourceEmail("he@lab.example.com")
                .fillDestEmails("a@lab.example.com,b@lab.example.com");

        EngineStepPage refreshed = engine.refresh();

        assertThat(refreshed.value("smtpServer")).isEqualTo("smtp.lab.example.com");
        assertThat(refreshed.value("smtpPort")).isEqualTo("2525");
        assertThat(refreshed.value("sourceEmail")).isEqualTo("he@lab.example.com");
        assertThat(refreshed.value("destEmails")).isEqualTo("a@lab.example.com,b@lab.example.com");
    }

    @Test
    void refreshOnStorageStepKeepsTypedAnswers() {
        StoragePage storage = WizardFlow.toStorage(wizard, TestAnswers.valid())
                .chooseType("glusterfs")
                .fillConnection("gluster1.example.com:/engine")
                .fillMountOptions("backup-volfile-servers=gluster2.example.com")
                .fillDomainName("kept_domain");

        StoragePage refreshed = storage.refresh();

        assertThat(refreshed.selected("storageType")).isEqualTo("glusterfs");
        assertThat(refreshed.value("storageConnection")).isEqualTo("gluster1.example.com:/engine");
        assertThat(refreshed.value("mountOptions")).isEqualTo("backup-volfile-servers=gluster2.example.com");
        assertThat(refreshed.value("storageDomainName")).isEqualTo("kept_domain");
    }
}
