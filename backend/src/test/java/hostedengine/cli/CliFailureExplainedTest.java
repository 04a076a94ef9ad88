package hostedengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hosted-engine-wizard deploy, failing early in Prepare VM (the simulator at the role's second task
 * with a real dnf message): after the failing task and its message it prints what the failure table
 * says, in the console's language.
 */
class CliFailureExplainedTest {
    static final String TASK = "Install oVirt Hosted Engine packages";
    static final Map<String, Object> FAIL = Map.of("he_simulator_fail_at", TASK, "he_simulator_fail_msg",
            "Failed to download metadata for repo 'ovirt-45': Cannot download repomd.xml: All mirrors were tried");

    @TempDir Path tmp;

    @Test
    void aFailedPrepareVmPrintsTheCauseTheFixAndTheGuideInEnglishAndJapanese() throws Exception {
        var english = new CliUnderTest(tmp.resolve("en")).simulating(FAIL);
        assertThat(english.run(Map.of("LANG", "en_US.UTF-8"), deploy())).isEqualTo(Cli.FAILED);
        assertThat(english.errors()).contains(TASK).contains("All mirrors were tried")
                .contains("Cause: The hosted-engine packages could not be installed on this host.")
                .contains("How to fix it: Enable the oVirt / RHV repositories")
                .contains("In the guide: 2.1 Deploying the Self-Hosted Engine Using Cockpit");

        var japanese = new CliUnderTest(tmp.resolve("ja")).simulating(FAIL);
        assertThat(japanese.run(Map.of("LANG", "ja_JP.UTF-8"), deploy())).isEqualTo(Cli.FAILED);
        assertThat(japanese.errors()).contains("原因: このホストにセルフホストエンジンのパッケージをインストールできませんでした。")
                .contains("ガイドの参照先: 2.1. Cockpit を使用したセルフホストエンジンのデプロイ");
    }

    private String[] deploy() throws Exception {
        var json = new ObjectMapper();
        Path answers = tmp.resolve("answers.json");
        if (!Files.exists(answers)) {
            Files.writeString(answers, json.writeValueAsString(hostedengine.wizard.AnswerFiles.export(CliDeployTest.RULES,
                    CliDeployTest.wizardAnswers(), hostedengine.wizard.StorageDevices.none())));
            Path secrets = tmp.resolve("secrets.json");
            Files.writeString(secrets, json.writeValueAsString(Map.of("he_appliance_password", "Cli-root-Pw-7f3",
                    "he_admin_password", "Cli-admin-Pw-9c1")));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        }
        return new String[] {"deploy", "--answers", answers.toString(), "--secrets", tmp.resolve("secrets.json").toString(),
                "--simulate"};
    }
}
