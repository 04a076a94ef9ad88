package hostedengine.e2e;

/** /wizard/prepare: the VM and Engine answers reviewed before "Prepare VM". */
public final class PrepareReviewPage extends ReviewPage {

    public PrepareReviewPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/prepare");
    }

    /** "Next" (after Prepare VM) leads to the Storage step. */
    public StoragePage next() {
        clickNext();
        return new StoragePage(wizard);
    }
}
