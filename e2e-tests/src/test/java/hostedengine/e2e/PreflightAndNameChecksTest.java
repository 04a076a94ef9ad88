package hostedengine.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role's FQDN checks on the VM step and the pre-flight list before Prepare VM, against the
 * simulator. Names resolve through the simulator's SIMULATED NAME TABLE (a test double of DNS,
 * {@code <state>/simulator/hosts}): unresolvable.example.com never resolves, noreverse.example.com
 * resolves but maps back to another name, and the test edits the table as DNS would change.
 */
class PreflightAndNameChecksTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    @Test
    void anUnresolvableEngineNameFailsWithTheRolesReasonAndPassesOnceCorrected() {
        VmStepPage vm = wizard.start().fillValid(TestAnswers.valid());
        vm.awaitNameChecks().recordNameCheckStates("engineVmFqdn").fillFqdn("unresolvable.example.com");

        String failed = vm.awaitNameCheck("engineVmFqdn", "failed");
        assertThat(vm.nameCheckStatesSeen()).containsSubsequence("checking", "failed");
        assertThat(failed).startsWith("This name does not resolve.");
        assertThat(vm.nameCheckOriginal("engineVmFqdn")).isEqualTo("Unable to resolve address");

        // the server refuses to leave the step, with the reason at the field
        vm = vm.nextExpectingErrors();
        assertThat(vm.fieldError("engineVmFqdn")).startsWith("This name does not resolve.");
        assertThat(vm.errorSummaryTargets()).contains("engineVmFqdn");

        vm.fillFqdn("manager.example.com");
        assertThat(vm.awaitNameCheck("engineVmFqdn", "passed")).contains("validate_hostnames accepts this name");
        EngineStepPage engine = vm.next();
        assertThat(engine).isNotNull();
    }

    @Test
    void nextWhileANameIsStillCheckedSaysSoAndGoesOnByItselfOnceItPassed() {
        VmStepPage vm = wizard.start().fillValid(TestAnswers.valid()).awaitNameChecks();
        // A name nobody checked yet, typed without leaving the field: its check starts only at Next.
        vm.setFqdnWithoutLiveCheck("late-" + Long.toHexString(System.nanoTime()) + ".example.com");
        String said = vm.nextWhileTheNameIsChecked();
        assertThat(said).contains("The wizard goes on to the next step by itself once the check has passed");
        assertThat(wizard.driver().getCurrentUrl()).endsWith("/wizard/engine");
    }

    @Test
    void theVmStepSaysWhenTheHostFactsWereReadAndRefreshesThem() {
        VmStepPage vm = wizard.start();
        assertThat(vm.hostFactsText()).matches("(?s).*(Host facts read at \\d\\d:\\d\\d from this host|Reading).*");
        vm = vm.refreshHostFacts();
        assertThat(vm.hostFactsText()).contains("from this host");
        assertThat(vm.hostFactsText()).contains("simulator's get_network_interfaces (simulated)");
    }

    @Test
    void aPreflightWarningDoesNotBlockPrepareVmAndAFailureDoes() throws IOException {
        Path table = wizard.server().stateDir().resolve("simulator/hosts");
        String original = Files.readString(table, StandardCharsets.UTF_8);
        try {
            PrepareReviewPage prepare = WizardFlow.toPrepareReview(wizard,
                    TestAnswers.valid().withEngineVmFqdn("noreverse.example.com"));
            assertThat(prepare.preflightStatus("engineFqdn")).isEqualTo("warning");
            assertThat(prepare.preflightText("engineFqdn")).contains("Warning", "resolves back to other.example.com");
            assertThat(prepare.preflightFix("engineFqdn")).contains("PTR");
            assertThat(prepare.preflightStatus("tools")).isEqualTo("pass");
            assertThat(prepare.preflightText("tools")).contains("simulated");
            assertThat(prepare.prepareVmEnabled()).isTrue();

            // DNS changes: the engine name now also resolves to this host's own address
            Files.writeString(table, original + hostAddress(original) + " noreverse.example.com\n", StandardCharsets.UTF_8);
            prepare = prepare.runChecksAgain();
            assertThat(prepare.preflightStatus("engineFqdn")).isEqualTo("failure");
            assertThat(prepare.preflightText("engineFqdn")).contains("Failure", "which is an address of this host");
            assertThat(prepare.prepareVmEnabled()).isFalse();

            // a forced POST is refused: back to the review with the reason, no run page
            HttpResponse<String> forced = SessionHttp.postForm(wizard, "/wizard/prepare/run", "");
            assertThat(forced.statusCode()).isEqualTo(303);
            assertThat(forced.headers().firstValue("Location")).hasValue("/wizard/prepare");
            wizard.open("/wizard/prepare");
            prepare = new PrepareReviewPage(wizard);
            assertThat(prepare.pageText()).contains("Prepare VM did not start: a pre-flight check fails.");
            assertThat(prepare.prepareVmEnabled()).isFalse();

            // fixed: the failure goes, the warning stays and does not block
            Files.writeString(table, original, StandardCharsets.UTF_8);
            prepare = prepare.runChecksAgain();
            assertThat(prepare.preflightStatus("engineFqdn")).isEqualTo("warning");
            assertThat(prepare.prepareVmEnabled()).isTrue();
        } finally {
            Files.writeString(table, original, StandardCharsets.UTF_8);
        }
    }

    /** This host's address, from the table's own line for it (seeded by the server). */
    private static String hostAddress(String table) {
        List<String> lines = table.lines().toList();
        int i = lines.indexOf("# this host, on its default-route interface");
        assertThat(i).as("the table names this host").isNotNegative();
        return lines.get(i + 1).trim().split("\\s+")[0];
    }
}
