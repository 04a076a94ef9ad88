package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failed deployment explains itself: on one simulated server, Finish Deployment fails at three
 * different tasks of the role, each time with the role's own message (the simulator's trigger file
 * {@code <state>/simulator/role-failure.json}, read as each tag starts): the storage domain's free
 * space, the host's name that does not resolve, the engine VM that never becomes healthy. Each run
 * page shows its own cause, steps and guide sections above the raw message, in English and in
 * Japanese, with Retry phase, which starts the next attempt.
 */
class FailuresExplainedTest {
    static final String TRIGGER = "simulator/role-failure.json";
    /** A whole phase of the simulator's Ansible tasks, on a machine shared with other builds. */
    static final java.time.Duration PHASE = java.time.Duration.ofMinutes(4);

    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();
    private final TestAnswers answers = TestAnswers.valid();

    @Test
    void threeFailuresOfTheRoleShowThreeExplanationsInEnglishAndJapanese() {
        RunPage prepared = WizardFlow.toPrepareReview(wizard, answers).prepareVm().awaitSuccess(PHASE);

        wizard.server().writeState(TRIGGER, "{\"tag\": \"create_storage_domain\", \"task\": \"Check storage domain free space\","
                + " \"message\": \"Error: the target storage domain contains only 40.0GiB of available space while a minimum of"
                + " 61.0GiB is required If you wish to use the current target storage domain by extending it, make sure it"
                + " contains nothing before adding it.\"}");
        RunPage storage = prepared.toStorage().chooseType("nfs").fillConnection("storage.example.com:/exports/hosted_engine")
                .fillDomainName("hosted_storage").next().finishDeployment().awaitFailure(PHASE);
        assertThat(storage.explanationId()).isEqualTo("storageFreeSpace");
        assertThat(storage.explanationPrecedesRawMessage()).isTrue();
        assertThat(storage.failureCause()).contains("less free space");
        assertThat(storage.failureFix()).contains("74 GiB").contains("Disk size (GiB)");
        assertThat(storage.failureGuide()).contains("2.1 Deploying the Self-Hosted Engine Using Cockpit");
        assertThat(storage.failureMessage()).contains("contains only 40.0GiB");
        RunPage storageJa = storage.inLanguage("ja");
        assertThat(storageJa.failureCause()).contains("空き容量");
        assertThat(storageJa.failureGuide()).contains("2.1. Cockpit を使用したセルフホストエンジンのデプロイ");

        wizard.server().writeState(TRIGGER, "{\"tag\": \"create_target_vm\", \"task\": \"Check address resolution\","
                + " \"message\": \"Unable to resolve address\\n\"}");
        RunPage dns = storageJa.inLanguage("en").retryPhase().awaitFailure(PHASE);
        assertThat(dns.failedTask()).endsWith("Check address resolution");
        assertThat(dns.explanationId()).isEqualTo("hostFqdnUnresolved");
        assertThat(dns.failureCause()).contains("host's FQDN does not resolve");
        assertThat(dns.failureFix()).contains("getent ahosts");
        assertThat(dns.inLanguage("ja").failureCause()).contains("ホストの FQDN がアドレスに解決されない");

        wizard.server().writeState(TRIGGER, "{\"tag\": \"create_target_vm\", \"task\": \"Check engine VM health\","
                + " \"message\": \"non-zero return code\"}");
        RunPage health = new RunPage(wizard).inLanguage("en").retryPhase().awaitFailure(PHASE);
        assertThat(health.explanationId()).isEqualTo("engineHealth");
        assertThat(health.failureCause()).contains("did not become healthy");
        assertThat(health.failureGuide()).contains("3.1 Troubleshooting the Manager Virtual Machine");
        RunPage healthJa = health.inLanguage("ja");
        assertThat(healthJa.failureCause()).contains("正常な状態になりませんでした");
        assertThat(healthJa.failureGuide()).contains("3.1. Manager 用仮想マシンのトラブルシューティング");
    }
}
