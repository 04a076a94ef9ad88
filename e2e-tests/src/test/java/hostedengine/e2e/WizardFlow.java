package hostedengine.e2e;

/** Walks the steps a test is not about, with valid answers, so each test arranges in one line. */
final class WizardFlow {
    /** The simulator role's multipath target: two portals in TPGT 1 (roles/hosted_engine_simulator/vars/main/storage.yml). */
    static final String ISCSI_TARGET = "iqn.2003-01.org.example.storage:hosted-engine";
    /** The simulator role's target offered in TPGT 1 and TPGT 2. */
    static final String ISCSI_TARGET_TWO_GROUPS = "iqn.2003-01.org.example.storage:data";
    /** The simulator role's target without LUNs. */
    static final String ISCSI_TARGET_NO_LUNS = "iqn.2003-01.org.example.storage:empty";
    static final String ISCSI_TPGT = "1";

    private WizardFlow() {}

    static PrepareReviewPage toPrepareReview(WizardUnderTest wizard, TestAnswers answers) {
        return wizard.start().fillValid(answers).next().fillValid(answers).next();
    }

    static StoragePage toStorage(WizardUnderTest wizard, TestAnswers answers) {
        return toPrepareReview(wizard, answers).toStorage();
    }

    /** An NFS deployment all the way to the Finish review. */
    static FinishReviewPage toFinishWithNfs(WizardUnderTest wizard, TestAnswers answers) {
        return toStorage(wizard, answers)
                .chooseType("nfs")
                .fillConnection("storage.example.com:/exports/hosted_engine")
                .fillDomainName("hosted_storage")
                .next();
    }
}
