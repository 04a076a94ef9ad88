package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The answer file the wizard exports, deployed with {@code hosted-engine-wizard deploy} on the
 * server's state directory: the run page in the browser follows the command line's run live.
 */
class CommandLineDeploymentTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private final TestAnswers answers = TestAnswers.valid();
    private Process cli;

    @TempDir
    Path tempDir;

    @AfterEach
    void stopCli() {
        if (cli != null) cli.destroyForcibly();
    }

    @Test
    void anExportedAnswerFileDeploysOnTheCommandLineAndTheRunPageShowsItLive() throws Exception {
        WizardFlow.toFinishWithNfs(wizard, answers);
        HttpResponse<String> export = SessionHttp.get(wizard, "/wizard/answers.json");
        assertThat(export.statusCode()).isEqualTo(200);
        Path answersFile = Files.writeString(tempDir.resolve("hosted-engine-answers.json"), export.body());
        Path secrets = Files.writeString(tempDir.resolve("secrets.json"), "{\"he_appliance_password\": \""
                + answers.rootPassword() + "\", \"he_admin_password\": \"" + answers.adminPassword() + "\"}");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path output = tempDir.resolve("cli.out");
        Path jar = Path.of(System.getProperty("wizard.jar", "../backend/target/hosted-engine-wizard-all.jar"));
        var command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString(), "deploy", "--answers", answersFile.toString(),
                "--secrets", secrets.toString(), "--simulate", "--state-dir", wizard.server().stateDir().toString())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        command.environment().put("HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED", "50");
        command.environment().put("LANG", "C.UTF-8");
        cli = command.start();

        String prepareId = awaitRun("prepare-vm");
        wizard.driver().get(wizard.url("/runs/" + prepareId));
        RunPage page = new RunPage(wizard).awaitLogLines(10);
        assertThat(cli.isAlive()).as("the command line is still deploying while the page shows its log").isTrue();

        assertThat(cli.waitFor(300, TimeUnit.SECONDS)).isTrue();
        page.awaitSuccess();
        String printed = Files.readString(output);
        assertThat(cli.exitValue()).as(printed).isZero();
        assertThat(printed).contains("Prepare VM: completed successfully (run " + prepareId + ")",
                "Finish Deployment: completed successfully").doesNotContain(answers.rootPassword(), answers.adminPassword());
        wizard.driver().get(wizard.url("/runs/" + awaitRun("finish")));
        assertThat(new RunPage(wizard).awaitSuccess().status()).isEqualTo("SUCCESSFUL");
    }

    /** The id of the command line's run of this phase once its directory exists. */
    private String awaitRun(String phase) {
        Path runs = wizard.server().stateDir().resolve("runs");
        return new WebDriverWait(wizard.driver(), Duration.ofSeconds(60))
                .withMessage(() -> "no " + phase + " run appeared in " + runs)
                .until(d -> find(runs, phase).orElse(null));
    }

    private static Optional<String> find(Path runs, String phase) {
        if (!Files.isDirectory(runs)) return Optional.empty();
        try (Stream<Path> dirs = Files.list(runs)) {
            List<String> ids = dirs.map(p -> p.getFileName().toString()).filter(n -> n.contains("-" + phase + "-"))
                    .filter(n -> Files.exists(runs.resolve(n).resolve("run.json"))).sorted().toList();
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
