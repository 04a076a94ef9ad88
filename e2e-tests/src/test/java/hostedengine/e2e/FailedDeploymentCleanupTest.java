package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated deployment fails at a real task of initial_clean; the run page leads to the cleanup,
 * which, confirmed twice, shows its output and the space freed and opens the wizard with the
 * previous answers; the server is restarted on the same state directory without the failure
 * switch, the passwords re-entered, and the redeployment succeeds up to the status page.
 */
class FailedDeploymentCleanupTest {
    static final String FAILING_TASK = "Stop libvirt service";

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish()
            .withServerEnv("HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT", FAILING_TASK);
    private final TestAnswers answers = TestAnswers.valid().withEngineVmFqdn("redeployed.example.com");

    @Test
    void failedDeploymentIsCleanedUpAndRedeployedWithTheKeptAnswers() {
        RunPage failed = WizardFlow.toPrepareReview(wizard, answers).prepareVm().awaitFailure();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failedTask()).endsWith(FAILING_TASK);

        // a real host has ovirt-hosted-engine-setup installed by now; the simulator installs its
        // doubles only at final_clean, so the test puts them where a failed host has them
        new EngineDouble(wizard.server()).install().failedAttempt();

        CleanupPage cleanup = failed.toCleanup().confirmAndStart().awaitSuccess();
        assertThat(cleanup.logLines()).isNotEmpty();
        assertThat(cleanup.freed()).matches("\\d+\\.\\d MiB");

        VmStepPage vm = cleanup.toWizard();
        assertThat(vm.value("engineVmFqdn")).isEqualTo(answers.engineVmFqdn());
        assertThat(vm.value("macAddress")).isEqualTo(answers.macAddress());

        // the failure switch belongs to the server process: the same state directory, without it
        wizard.restartServer(Map.of());
        wizard.start();
        vm = new VmStepPage(wizard);
        assertThat(vm.value("engineVmFqdn")).as("the draft survived the restart").isEqualTo(answers.engineVmFqdn());

        RunPage prepared = vm.fillValid(answers).next().fillValid(answers).next().prepareVm().awaitSuccess();
        RunPage finished = prepared.toStorage()
                .chooseType("nfs")
                .fillConnection("storage.example.com:/exports/hosted_engine")
                .fillDomainName("hosted_storage")
                .next()
                .finishDeployment()
                .awaitSuccess();
        assertThat(finished.status()).isEqualTo("SUCCESSFUL");

        wizard.open("/");
        StatusPage status = new StatusPage(wizard).awaitDiagnosis("engineUp");
        assertThat(status.hosts().values()).anySatisfy(h -> assertThat(h)
                .containsEntry("runsEngine", "true").containsEntry("vm", "up").containsEntry("health", "good"));
    }
}
