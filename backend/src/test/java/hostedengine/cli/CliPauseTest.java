package hostedengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.PausedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy} through the role's pauses (simulator: he_pause_before_engine_setup and he_pause_host,
 * two pauses in Prepare VM): it prints the role's message, when the wait gives up and how to go on;
 * {@code continue RUN} from another command line ends the first, Enter on the terminal the second.
 */
class CliPauseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @Test
    void aDeployThatPausesGoesOnWithContinueFromAnotherCommandAndWithEnter() throws Exception {
        Path state = tmp.resolve("state");
        var cli = new CliUnderTest(state).withKeyboard()
                .simulating(Map.of("he_pause_before_engine_setup", true, "he_pause_host", true));
        Path answers = tmp.resolve("answers.json");
        Files.writeString(answers, JSON.writeValueAsString(hostedengine.wizard.AnswerFiles.export(
                CliDeployTest.RULES, CliDeployTest.wizardAnswers(), hostedengine.wizard.StorageDevices.none())));
        Path secrets = tmp.resolve("secrets.json");
        Files.writeString(secrets, JSON.writeValueAsString(Map.of("he_appliance_password", CliDeployTest.ROOT_PW,
                "he_admin_password", CliDeployTest.ADMIN_PW)));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        CompletableFuture<Integer> deploy = CompletableFuture.supplyAsync(() -> cli.run("deploy", "--answers",
                answers.toString(), "--secrets", secrets.toString(), "--simulate"));

        PausedRuns.PausedRun first = await(() -> new PausedRuns(state).current(), Duration.ofMinutes(4));
        String runId = first.runId();
        awaitText(cli, "hosted-engine-wizard continue " + runId);
        assertThat(cli.printed()).contains("Paused: the role waits for you (run " + runId + ")")
                .contains("The role says: You can now connect from this host to the bootstrap engine VM using ssh as root")
                .contains("the deployment fails at " + first.pause().timesOutAt());

        var status = new CliUnderTest(state);
        status.run("status", "--json", "--simulate");
        JsonNode paused = JSON.readTree(status.printed()).get("paused");
        assertThat(paused.get("run").asText()).isEqualTo(runId);
        assertThat(paused.get("message").asText()).startsWith("You can now connect from this host");
        assertThat(paused.get("timesOutAt").asText()).isEqualTo(first.pause().timesOutAt());

        var other = new CliUnderTest(state);
        assertThat(other.run("continue", runId)).as(other.errors()).isZero();
        assertThat(other.printed()).contains("The deployment goes on.");

        PausedRuns.PausedRun second = await(() -> new PausedRuns(state).current()
                .filter(p -> !p.pause().lockFile().equals(first.pause().lockFile())), Duration.ofMinutes(4));
        awaitText(cli, "The role says: You can now connect to https://");
        cli.pressEnter();

        assertThat(deploy.get(5, TimeUnit.MINUTES)).as(cli.printed() + cli.errors()).isZero();
        assertThat(Path.of(second.pause().lockFile())).doesNotExist();
        assertThat(cli.printed()).contains("Continued: the deployment goes on.", "The hosted engine is deployed");
        String audit = Files.readString(state.resolve("audit.log"));
        assertThat(audit.lines().filter(l -> l.contains("\"action\":\"deployment-continued\"")
                && l.contains("\"outcome\":\"success\""))).hasSize(2);

        var late = new CliUnderTest(state);
        assertThat(late.run("continue", runId)).isEqualTo(Cli.REFUSED);
        assertThat(late.errors()).contains("This run is not paused");
    }

    private static <T> T await(Supplier<Optional<T>> probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) return value.get();
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout);
            Thread.sleep(100);
        }
    }

    private static void awaitText(CliUnderTest cli, String text) throws InterruptedException {
        await(() -> Optional.of(cli.printed()).filter(p -> p.contains(text)), Duration.ofSeconds(30));
    }

}
