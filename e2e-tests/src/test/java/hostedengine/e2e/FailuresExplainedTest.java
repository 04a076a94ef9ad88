package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failed deployment explains itself: on one simulated server, Prepare VM fails at three different
 * tasks of the role in turn, each time with the role's own message (the simulator's trigger file
 * {@code <state>/simulator/role-failure.json}, read as each tag starts): the packages early in
 * initial_clean, the appliance's directory without room in bootstrap_local_vm, and the engine
 * setting the added host non operational at the end of it. Each run page shows its own cause,
 * steps and guide sections above the raw message, in English and in Japanese, and Retry phase
 * starts the next attempt. All three are in Prepare VM, the phase every user reaches, so the test
 * costs no more than one whole Prepare VM.
 */
class FailuresExplainedTest {
    static final String TRIGGER = "simulator/role-failure.json";
    /** A whole phase of the simulator's Ansible tasks, on a machine shared with other builds. */
    static final Duration PHASE = Duration.ofMinutes(6);

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();
    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void threeFailuresOfTheRoleShowThreeExplanationsInEnglishAndJapanese() {
        trigger("initial_clean", "Install oVirt Hosted Engine packages", "Failed to download metadata for repo 'ovirt-45':"
                + " Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried");
        RunPage packages = WizardFlow.toPrepareReview(wizard, answers).prepareVm().awaitFailure(PHASE);
        assertThat(packages.failedTask()).endsWith("Install oVirt Hosted Engine packages");
        assertThat(packages.explanationId()).isEqualTo("packages");
        assertThat(packages.explanationPrecedesRawMessage()).isTrue();
        assertThat(packages.failureCause()).contains("packages could not be installed");
        assertThat(packages.failureFix()).contains("dnf install ovirt-hosted-engine-setup");
        assertThat(packages.failureGuide()).contains("2.1 Deploying the Self-Hosted Engine Using Cockpit");
        assertThat(packages.failureMessage()).contains("All mirrors were tried");
        RunPage packagesJa = packages.inLanguage("ja");
        assertThat(packagesJa.failureCause()).contains("パッケージをインストールできませんでした");
        assertThat(packagesJa.failureGuide()).contains("2.1. Cockpit を使用したセルフホストエンジンのデプロイ");

        trigger("bootstrap_local_vm", "Ensure we have enough space to extract the appliance", "/var/tmp doesn't provide"
                + " enough free space to extract the engine appliance: 2048 Mb are available while 5632 Mb are required.\\n");
        RunPage space = packagesJa.inLanguage("en").retryPhase().awaitFailure(PHASE);
        assertThat(space.explanationId()).isEqualTo("applianceSpace");
        assertThat(space.failureCause()).contains("does not have enough free space");
        assertThat(space.failureFix()).contains("at least 5 GB");
        assertThat(space.inLanguage("ja").failureFix()).contains("5 GB 以上の空き");

        trigger("bootstrap_local_vm", "Fail with error description", "The host has been set in non_operational status,"
                + " deployment errors: code 505: Host host.example.com installation failed. Failed to configure management"
                + " network on the host., fix accordingly and re-deploy.");
        RunPage host = new RunPage(wizard).inLanguage("en").retryPhase().awaitFailure(PHASE);
        assertThat(host.explanationId()).isEqualTo("hostNonOperationalDescribed");
        assertThat(host.failureCause()).contains("set it non operational");
        assertThat(host.failureMessage()).contains("Failed to configure management network");
        RunPage hostJa = host.inLanguage("ja");
        assertThat(hostJa.failureCause()).contains("非稼働");
        assertThat(hostJa.failureFix()).contains("クリーンアップ");
    }

    /** The simulator fails the next run of {@code tag} at {@code task}, saying {@code message} as the role does. */
    private static void trigger(String tag, String task, String message) {
        wizard.server().writeState(TRIGGER, "{\"tag\": \"" + tag + "\", \"task\": \"" + task + "\", \"message\": \""
                + message + "\"}");
    }
}
