package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The role pauses after adding the host (he_pause_host, switched on in the simulator with
 * HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE): the run page says Paused with the role's own message
 * and when the wait gives up; Continue lets the role go on and Prepare VM completes. Its own
 * server: the pause switch is the server process's, and would pause every other test's runs.
 */
class PausedDeploymentTest {
    /** Prepare VM reaches the role's pause near the end of bootstrap_local_vm: most of the phase. */
    static final Duration UNTIL_PAUSE = Duration.ofMinutes(4);

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish()
            .withServerEnv("HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE", "host");

    @Test
    void theRunPageSaysWhatTheRoleWaitsForAndContinueFinishesPrepareVm() {
        RunPage run = WizardFlow.toPrepareReview(wizard, TestAnswers.valid()).prepareVm().awaitPause(UNTIL_PAUSE);

        assertThat(run.pauseText()).contains("Paused: the deployment waits for you", "press Continue");
        assertThat(run.pauseMessage()).startsWith("You can now connect to https://")
                .contains(":6900/ovirt-engine/").endsWith("please continue only when the host is listed as 'up'");
        assertThat(Instant.parse(run.pauseTimesOutAt())).isAfter(Instant.now().plus(Duration.ofHours(23)));

        RunPage after = run.continueRun().awaitSuccess();
        assertThat(after.status()).isEqualTo("SUCCESSFUL");
    }
}
