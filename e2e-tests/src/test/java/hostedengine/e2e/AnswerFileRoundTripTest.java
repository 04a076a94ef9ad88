package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An exported answer file, imported into a new session, reproduces the same review. */
class AnswerFileRoundTripTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private final TestAnswers answers = TestAnswers.valid();

    @TempDir
    Path tempDir;

    @Test
    void exportedAnswersHoldRoleVariablesButNoSecret() throws IOException {
        WizardFlow.toFinishWithNfs(wizard, answers);

        JsonNode exported = new ObjectMapper().readTree(export().body());

        assertThat(exported.path("he_fqdn").asText()).isEqualTo(answers.engineVmFqdn());
        assertThat(exported.path("he_domain_type").asText()).isEqualTo("nfs");
        assertThat(exported.has("he_appliance_password")).isFalse();
        assertThat(exported.has("he_admin_password")).isFalse();
        assertThat(exported.toString()).doesNotContain(answers.rootPassword(), answers.adminPassword());
    }

    @Test
    void importedAnswerFileReproducesTheSameReviewAfterStartingOver() throws IOException {
        FinishReviewPage original = WizardFlow.toFinishWithNfs(wizard, answers);
        Map<String, String> expected = original.reviewValues();
        assertThat(original.exportLink()).endsWith("/wizard/answers.json");
        Path file = Files.writeString(tempDir.resolve("answers.json"), export().body());

        wizard.startOver();
        // Secrets are not in the file: the wizard asks for them again on the VM step.
        VmStepPage vm = ImportPage.open(wizard).importLandingOnVmStep(file);
        assertThat(ImportPage.resultBanner(wizard)).isNotBlank();
        assertThat(vm.value("engineVmFqdn")).isEqualTo(answers.engineVmFqdn());
        FinishReviewPage reimported = vm.fillRootPassword(answers.rootPassword()).next()
                .fillAdminPassword(answers.adminPassword()).next()
                .toStorage()
                .next();

        assertThat(reimported.reviewValues()).isEqualTo(expected);
    }

    @Test
    void hostedEngineDeployAnswerFileFillsTheFieldsItKnows() throws IOException {
        Path file = Files.writeString(tempDir.resolve("answers.conf"), String.join("\n",
                "[environment:default]",
                "OVEHOSTED_NETWORK/fqdn=str:engine.imported.example.com",
                "OVEHOSTED_VM/vmMACAddr=str:00:16:3e:6a:7b:8c",
                "OVEHOSTED_NOTIF/smtpServer=str:smtp.imported.example.com",
                "OVEHOSTED_NOTIF/smtpPort=str:2525",
                ""));

        VmStepPage vm = ImportPage.open(wizard).importLandingOnVmStep(file);

        assertThat(ImportPage.resultBanner(wizard)).isNotBlank();
        assertThat(vm.value("engineVmFqdn")).isEqualTo("engine.imported.example.com");
        assertThat(vm.value("macAddress")).isEqualTo("00:16:3e:6a:7b:8c");
        EngineStepPage engine = vm.fillRootPassword(answers.rootPassword()).next();
        assertThat(engine.value("smtpServer")).isEqualTo("smtp.imported.example.com");
        assertThat(engine.value("smtpPort")).isEqualTo("2525");
    }

    private HttpResponse<String> export() {
        HttpResponse<String> response = SessionHttp.get(wizard, "/wizard/answers.json");
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
