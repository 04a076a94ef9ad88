package hostedengine.e2e;

/** On a failure inside Cockpit's frames: a screenshot of the whole page and the wizard's last lines. */
final class CockpitEvidence {
    private CockpitEvidence() {}

    static void onFailure(Browser browser, ServerProcess wizard, String name, Runnable test) {
        try {
            test.run();
        } catch (RuntimeException | AssertionError e) {
            browser.driver().switchTo().defaultContent();
            System.err.println("Evidence: " + browser.saveEvidence(name));
            System.err.println("Wizard server:\n" + wizard.logTail(30));
            throw e;
        }
    }
}
