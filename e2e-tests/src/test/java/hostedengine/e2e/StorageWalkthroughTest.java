package hostedengine.e2e;

import static hostedengine.e2e.WizardFlow.ISCSI_TARGET;
import static hostedengine.e2e.WizardFlow.ISCSI_TPGT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every storage type can be walked to the Finish review, which shows what was typed. */
class StorageWalkthroughTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void nfsDeploymentReachesFinishReviewShowingTypedValues() {
        FinishReviewPage review = WizardFlow.toStorage(wizard, answers)
                .chooseType("nfs")
                .fillConnection("storage.example.com:/exports/hosted_engine/")
                .fillMountOptions("nosharecache,timeo=600")
                .chooseNfsVersion("v4_1")
                .fillDomainName("he_domain")
                .fillDiskSize("70")
                .next();

        assertVmAndEngineAnswersShown(review);
        assertThat(review.reviewValue("he_domain_type")).isEqualTo("nfs");
        assertThat(review.reviewValue("he_storage_domain_addr")).isEqualTo("storage.example.com");
        assertThat(review.reviewValue("he_storage_domain_path")).isEqualTo("/exports/hosted_engine");
        assertThat(review.reviewValue("he_mount_options")).isEqualTo("nosharecache,timeo=600");
        assertThat(review.reviewValue("he_nfs_version")).isEqualTo("v4_1");
        assertThat(review.reviewValue("he_storage_domain_name")).isEqualTo("he_domain");
        assertThat(review.reviewValue("he_disk_size_GB")).isEqualTo("70");
    }

    @Test
    void glusterDeploymentReachesFinishReviewShowingTypedValues() {
        StoragePage storage = WizardFlow.toStorage(wizard, answers).chooseType("glusterfs");
        assertThat(storage.nfsVersionVisible()).as("NFS version is for NFS only").isFalse();

        FinishReviewPage review = storage
                .fillConnection("gluster1.example.com:/hosted_engine")
                .fillMountOptions("backup-volfile-servers=gluster2.example.com:gluster3.example.com")
                .fillDomainName("gluster_domain")
                .next();

        assertVmAndEngineAnswersShown(review);
        assertThat(review.reviewValue("he_domain_type")).isEqualTo("glusterfs");
        assertThat(review.reviewValue("he_storage_domain_addr")).isEqualTo("gluster1.example.com");
        assertThat(review.reviewValue("he_storage_domain_path")).isEqualTo("/hosted_engine");
        assertThat(review.reviewValue("he_mount_options"))
                .isEqualTo("backup-volfile-servers=gluster2.example.com:gluster3.example.com");
        assertThat(review.reviewValue("he_storage_domain_name")).isEqualTo("gluster_domain");
    }

    @Test
    void iscsiDeploymentWithChosenTargetAndLunReachesFinishReview() {
        StoragePage storage = WizardFlow.toStorage(wizard, answers)
                .chooseType("iscsi")
                .fillPortal("192.0.2.10", "3260")
                .fillPortalChap("chap-user", "Chap-Secret-1")
                .fillDomainName("iscsi_domain")
                .retrieveTargets();
        assertThat(storage.targets()).contains(ISCSI_TARGET + "/" + ISCSI_TPGT);

        storage.chooseTarget(ISCSI_TARGET, ISCSI_TPGT);
        assertThat(storage.selectableLunIds()).isNotEmpty();
        String lun = storage.selectableLunIds().get(0);
        FinishReviewPage review = storage.chooseLun(lun).next();

        assertVmAndEngineAnswersShown(review);
        assertThat(review.reviewValue("he_domain_type")).isEqualTo("iscsi");
        assertThat(review.reviewValue("he_iscsi_target")).isEqualTo(ISCSI_TARGET);
        assertThat(review.reviewValue("he_iscsi_tpgt")).isEqualTo(ISCSI_TPGT);
        assertThat(review.reviewValue("he_iscsi_portal_port")).isEqualTo("3260");
        assertThat(review.reviewValue("he_iscsi_username")).isEqualTo("chap-user");
        assertThat(review.reviewValue("he_storage_domain_addr")).isNotBlank();
        assertThat(review.reviewValue("he_lun_id")).isEqualTo(lun);
        assertThat(review.reviewValue("he_storage_domain_name")).isEqualTo("iscsi_domain");
        assertThat(review.isSecret("he_iscsi_password")).isTrue();
        assertThat(review.reviewValue("he_iscsi_password")).isEqualTo("set");
    }

    @Test
    void fibreChannelDeploymentWithChosenLunReachesFinishReview() {
        StoragePage storage = WizardFlow.toStorage(wizard, answers)
                .chooseType("fc")
                .fillDomainName("fc_domain")
                .discoverFc();
        assertThat(storage.selectableLunIds()).isNotEmpty();
        String lun = storage.selectableLunIds().get(0);
        FinishReviewPage review = storage.chooseLun(lun).setDiscard(true).next();

        assertVmAndEngineAnswersShown(review);
        assertThat(review.reviewValue("he_domain_type")).isEqualTo("fc");
        assertThat(review.reviewValue("he_lun_id")).isEqualTo(lun);
        assertThat(review.reviewValue("he_storage_domain_name")).isEqualTo("fc_domain");
        assertThat(review.reviewValue("he_discard")).isEqualTo("true");
    }

    private void assertVmAndEngineAnswersShown(FinishReviewPage review) {
        assertThat(review.reviewValue("he_fqdn")).isEqualTo(answers.engineVmFqdn());
        assertThat(review.reviewValue("he_vm_mac_addr")).isEqualTo(answers.macAddress());
        assertThat(review.reviewValue("he_smtp_server")).isEqualTo(answers.smtpServer());
        assertThat(review.reviewValue("he_smtp_port")).isEqualTo(answers.smtpPort());
        assertThat(review.reviewValue("he_source_email")).isEqualTo(answers.sourceEmail());
        assertThat(review.reviewValue("he_dest_email")).isEqualTo(answers.destEmails());
        assertThat(review.reviewValue("he_appliance_password")).isEqualTo("set");
        assertThat(review.reviewValue("he_admin_password")).isEqualTo("set");
    }
}
