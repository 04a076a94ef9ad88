package hostedengine.e2e;

import org.openqa.selenium.By;

/** /wizard/prepare: the VM and Engine answers reviewed before "Prepare VM". */
public final class PrepareReviewPage extends ReviewPage {

    public PrepareReviewPage(WizardUnderTest wizard) {
        super(wizard, "/wizard/prepare");
    }

    /** The "Storage" link (#to-storage): on to the Storage step without running Prepare VM. */
    public StoragePage toStorage() {
        clickAndAwaitNewPage(By.id("to-storage"));
        return new StoragePage(wizard);
    }

    /** "Prepare VM" (#next): starts the Prepare VM run and shows its progress page. */
    public RunPage prepareVm() {
        clickNext();
        return new RunPage(wizard);
    }
}
