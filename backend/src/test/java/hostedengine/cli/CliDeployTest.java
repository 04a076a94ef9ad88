package hostedengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.PausedRuns;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.messages.Messages;
import hostedengine.testing.Await;
import hostedengine.wizard.AnswerFiles;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.Field;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.RoleVariables;
import hostedengine.wizard.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Over 300 lines: every way the console deploy starts or refuses to start, with one whole deployment through its pauses.
/** hosted-engine-wizard deploy and continue, in this JVM, with the simulator: what an administrator at the console sees. */
class CliDeployTest {
    static final String ROOT_PW = "Cli-root-Pw-7f3";
    static final String ADMIN_PW = "Cli-admin-Pw-9c1";
    /** The role pauses twice in Prepare VM: before engine-setup, then after adding the host. */
    static final Map<String, Object> TWO_PAUSES = Map.of("he_pause_before_engine_setup", true, "he_pause_host", true);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    static final hostedengine.wizard.Rules RULES = new hostedengine.wizard.Rules(CliUnderTest.HOST, f -> false);

    /** What the wizard holds before export: this host's defaults, an engine name and NFS storage. */
    static Answers wizardAnswers() {
        return Defaults.forHost(CliUnderTest.HOST, new Random(7))
                .with(Field.ENGINE_VM_FQDN, "manager.example.com")
                .with(Field.STORAGE_TYPE, "nfs")
                .with(Field.STORAGE_CONNECTION, "storage.example.com:/exports/he");
    }

    Path exported(Answers answers) throws IOException {
        Path file = tmp.resolve("hosted-engine-answers.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(AnswerFiles.export(RULES, answers, hostedengine.wizard.StorageDevices.none())));
        return file;
    }

    /** An answer file written by hand (not exported: an export leaves out what fails its rule). */
    Path handWritten(Answers answers) throws IOException {
        var vars = new java.util.LinkedHashMap<String, Object>();
        hostedengine.wizard.RoleVariables.byStep(answers).values().forEach(vars::putAll);
        Path file = tmp.resolve("hand-written-answers.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(vars));
        return file;
    }

    /** Every variable the role pastes into a root shell command, with a shell-looking value, in the command line's file. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "ENGINE_VM_FQDN|manager.example.com;touch /tmp/x", "HOST_FQDN|host1.example.com$(id)",
            "BRIDGE_INTERFACE|eth0;id", "BRIDGE_NAME|ovirt`id`", "MAC_ADDRESS|00:16:3e:12:34:56;id",
            "VCPUS|4;id", "MEMORY_SIZE_MB|16384 -x", "APPLIANCE_OVA|/tmp/a.ova;reboot",
            "STORAGE_DOMAIN_NAME|hosted$(reboot)"})
    void aShellLookingValueInTheAnswerFileIsRefusedAtItsFieldAndNothingStarts(Field field, String value) throws Exception {
        Path state = tmp.resolve("state-" + field);
        var cli = new CliUnderTest(state);

        int code = cli.run(Map.of("LANG", "en_US.UTF-8"), "deploy", "--answers",
                handWritten(wizardAnswers().with(field, value)).toString(),
                "--secrets", secretsFile("rw-------").toString(), "--simulate");

        assertThat(code).isEqualTo(Cli.REFUSED);
        assertThat(cli.errors()).contains(new Messages().text(Locale.ENGLISH, "field." + field.id() + ".label") + ": ");
        assertThat(state.resolve("runs")).doesNotExist();
    }

    @Test
    void aFailingPreflightCheckIsPrintedWithTheWizardsWordsAndPrepareVmDoesNotStart() throws Exception {
        Path state = tmp.resolve("state-preflight");
        var cli = new CliUnderTest(state);
        cli.preflightFailures.add(new hostedengine.deploy.Deployments.PreflightFailure("engineFqdn", "unresolvable", List.of("manager.example.com")));

        int code = cli.run(Map.of("LANG", "ja_JP.UTF-8"), "deploy", "--answers", exported(wizardAnswers()).toString(),
                "--secrets", secretsFile("rw-------").toString(), "--simulate");

        assertThat(code).isEqualTo(Cli.REFUSED);
        var messages = new Messages();
        assertThat(cli.errors()).contains(messages.text(Locale.JAPANESE, "cli.preflightFailed"))
                .contains(messages.text(Locale.JAPANESE, "preflight.engineFqdn.title"))
                .contains(messages.text(Locale.JAPANESE, "preflight.engineFqdn.unresolvable.fix", "manager.example.com"));
        assertThat(state.resolve("runs")).doesNotExist();
    }

    Path secretsFile(String mode) throws IOException {
        Path file = tmp.resolve("secrets.json");
        Files.writeString(file, JSON.writeValueAsString(Map.of("he_appliance_password", ROOT_PW, "he_admin_password", ADMIN_PW)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    /**
     * The console's whole deployment, from an exported answer file, through the role's two pauses
     * in Prepare VM (simulator: he_pause_before_engine_setup and he_pause_host): it prints the
     * role's message, when the wait gives up and how to go on; {@code continue RUN} from another
     * command line ends the first pause, Enter on the terminal the second. Its run files are the
     * wizard's, and no password is written anywhere. One deployment for all of it: a deployment
     * is most of this class's time.
     */
    @Test
    void deployFromAnExportedAnswerFileGoesThroughThePausesAndWritesTheWizardsRunFilesAndNoPassword() throws Exception {
        Path state = tmp.resolve("state");
        var cli = new CliUnderTest(state).withKeyboard().simulating(TWO_PAUSES);
        Answers answers = wizardAnswers();
        Path answersFile = exported(answers);
        Path secrets = secretsFile("rw-------");
        CompletableFuture<Integer> deploy = CompletableFuture.supplyAsync(() -> cli.run("deploy", "--answers",
                answersFile.toString(), "--secrets", secrets.toString(), "--simulate"));

        PausedRuns.PausedRun first = Await.value("the first pause", () -> new PausedRuns(state).current(), Duration.ofMinutes(4));
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

        PausedRuns.PausedRun second = Await.value("the second pause", () -> new PausedRuns(state).current()
                .filter(p -> !p.pause().lockFile().equals(first.pause().lockFile())), Duration.ofMinutes(4));
        awaitText(cli, "The role says: You can now connect to https://");
        cli.pressEnter();

        int code = deploy.get(5, TimeUnit.MINUTES);
        assertThat(code).as(cli.printed() + cli.errors()).isZero();
        assertThat(Path.of(second.pause().lockFile())).doesNotExist();
        assertThat(cli.printed()).contains("Continued: the deployment goes on.", "Prepare VM: completed successfully",
                "Finish Deployment: completed successfully", "The hosted engine is deployed");
        Path runs = state.resolve("runs");
        List<Path> runDirs = list(runs);
        assertThat(runDirs).hasSize(2);
        Path cliPrepare = runDirs.get(0);
        assertThat(read(cliPrepare.resolve("run.json")).get("status")).isEqualTo("SUCCESSFUL");
        assertThat(read(runDirs.get(1).resolve("run.json")).get("status")).isEqualTo("SUCCESSFUL");
        assertThat(read(runDirs.get(1).resolve("3-final_clean/vars.json"))).containsKey("he_local_vm_dir");

        String audit = Files.readString(state.resolve("audit.log"));
        assertThat(audit).contains(cliPrepare.getFileName().toString(), runDirs.get(1).getFileName().toString(), "\"console\"");
        assertThat(audit.lines().filter(l -> l.contains("\"action\":\"deployment-continued\"")
                && l.contains("\"outcome\":\"success\""))).hasSize(2);
        var late = new CliUnderTest(state);
        assertThat(late.run("continue", runId)).isEqualTo(Cli.REFUSED);
        assertThat(late.errors()).contains("This run is not paused");

        // The wizard's Prepare VM on the same answers, as the review page starts it, through the same pauses.
        try (var server = new Runs(state, CliUnderTest.settings(state, TWO_PAUSES))) {
            String id = server.start(Phase.PREPARE_VM, "user:root", RoleVariables.all(answers.merge(passwords())),
                    RoleVariables.secrets(answers.merge(passwords())));
            RunInfo done = continueEachPauseToTheEnd(server, id);
            assertThat(done.status()).isEqualTo(RunStatus.SUCCESSFUL);
            Path browserPrepare = runs.resolve(id);
            assertThat(relativeFiles(cliPrepare)).isEqualTo(relativeFiles(browserPrepare));
            for (String tag : List.of("1-initial_clean", "2-bootstrap_local_vm")) {
                assertThat(read(cliPrepare.resolve(tag + "/vars.json"))).as(tag)
                        .isEqualTo(read(browserPrepare.resolve(tag + "/vars.json")));
                assertThat(command(cliPrepare, tag)).isEqualTo(command(browserPrepare, tag));
            }
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(ROOT_PW).doesNotContain(ADMIN_PW);
            }
        }
        assertThat(cli.printed() + cli.errors()).doesNotContain(ROOT_PW).doesNotContain(ADMIN_PW);
    }

    @Test
    void wrongAnswersAreRefusedWithTheWizardsOwnMessagesInEnglishAndJapaneseAndNothingStarts() throws Exception {
        Answers wrong = wizardAnswers().with(Field.ENGINE_VM_FQDN, "manager.example.com;touch /tmp/x")
                .with(Field.SMTP_PORT, "70000");
        Path file = handWritten(wrong);
        List<FieldError> expected = new Rules(CliUnderTest.HOST, p -> false).checkAll(wrong.merge(passwords()), null)
                .stream().filter(FieldError::blocking).toList();
        assertThat(expected).extracting(FieldError::field).containsExactly(Field.ENGINE_VM_FQDN, Field.SMTP_PORT);

        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Path state = tmp.resolve("state-" + locale);
            var cli = new CliUnderTest(state);
            int code = cli.run(Map.of("LANG", locale == Locale.JAPANESE ? "ja_JP.UTF-8" : "en_US.UTF-8"),
                    "deploy", "--answers", file.toString(), "--secrets", secretsFile("rw-------").toString(), "--simulate");

            assertThat(code).isEqualTo(Cli.REFUSED);
            var messages = new Messages();
            for (FieldError e : expected) {
                assertThat(cli.errors()).contains(messages.text(locale, "field." + e.field().id() + ".label") + ": "
                        + messages.text(locale, e.key(), e.args().toArray()));
            }
            assertThat(state.resolve("runs")).doesNotExist();
        }
    }

    @Test
    void aSecretsFileOthersCanReadIsRefusedBeforeAnythingStarts() throws Exception {
        Path state = tmp.resolve("state");
        var cli = new CliUnderTest(state);
        Path secrets = secretsFile("rw-r--r--");

        int code = cli.run("deploy", "--answers", exported(wizardAnswers()).toString(), "--secrets", secrets.toString(), "--simulate");

        assertThat(code).isEqualTo(Cli.REFUSED);
        assertThat(cli.errors()).contains("can be read by others", "chmod 600 " + secrets);
        assertThat(state.resolve("runs")).doesNotExist();
    }

    @Test
    void withoutATerminalOrASecretsFileItSaysHowToGiveThePasswords() throws Exception {
        Path state = tmp.resolve("state");
        var cli = new CliUnderTest(state);

        int code = cli.run("deploy", "--answers", exported(wizardAnswers()).toString(), "--simulate");

        assertThat(code).isEqualTo(Cli.REFUSED);
        assertThat(cli.errors()).contains("no terminal", "he_admin_password", "he_appliance_password", "--secrets FILE");
        assertThat(state.resolve("runs")).doesNotExist();
    }

    @Test
    void passwordsTypedOnTheTerminalAreConfirmedAsInTheWizard() throws Exception {
        Path state = tmp.resolve("state");
        var cli = new CliUnderTest(state).typing(ROOT_PW, "Something-else-1", ADMIN_PW, ADMIN_PW);

        int code = cli.run("deploy", "--answers", exported(wizardAnswers()).toString(), "--simulate");

        assertThat(code).isEqualTo(Cli.REFUSED);
        assertThat(cli.printed()).contains("Root password: ", "Confirm root password: ");
        assertThat(cli.errors()).contains("Confirm root password: " + new Messages().text(Locale.ENGLISH, "error.passwordMismatch"));
        assertThat(cli.printed() + cli.errors()).doesNotContain(ROOT_PW).doesNotContain("Something-else-1");
        assertThat(state.resolve("runs")).doesNotExist();
    }

    /** The argument list, with the parts that differ between any two runs (run directory, FIFO name) named. */
    static String command(Path runDir, String tag) throws IOException {
        return Files.readString(runDir.resolve(tag + "/command.json")).replace(runDir.toString(), "RUN")
                .replaceAll("secrets-[0-9]+", "secrets-N");
    }

    static Answers passwords() {
        return Answers.of(Map.of(Field.ROOT_PASSWORD, ROOT_PW, Field.ROOT_PASSWORD_CONFIRM, ROOT_PW,
                Field.ADMIN_PASSWORD, ADMIN_PW, Field.ADMIN_PASSWORD_CONFIRM, ADMIN_PW));
    }

    /** Continues the run at each of its pauses, as an administrator presses Continue, until it ends. */
    static RunInfo continueEachPauseToTheEnd(Runs runs, String id) throws InterruptedException {
        return Await.value("run " + id + " ends, continued at each pause", () -> {
            RunInfo info = runs.get(id).orElseThrow();
            if (info.pause() != null) runs.continueRun(id);
            return Optional.of(info).filter(i -> i.status().isFinal());
        }, Duration.ofMinutes(4));
    }

    private static void awaitText(CliUnderTest cli, String text) throws InterruptedException {
        Await.value("\"" + text + "\" on the terminal", () -> Optional.of(cli.printed()).filter(p -> p.contains(text)),
                Duration.ofSeconds(30));
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static TreeSet<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new TreeSet<>(s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).toList());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), Map.class);
    }
}
