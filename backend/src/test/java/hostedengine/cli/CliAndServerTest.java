package hostedengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunListener;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.host.LocalHostFacts;
import hostedengine.host.RoleDefaultsReader;
import hostedengine.testing.Await;
import hostedengine.wizard.AnswerFiles;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.Field;
import hostedengine.wizard.RoleVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the server on one state directory: a deployment either starts shows
 * live in the other, is driven only by the process that started it, and blocks a second one.
 */
class CliAndServerTest {
    /** Put in every vars file the server's launcher writes, so a tag the server launched would show. */
    private static final Map<String, Object> SERVER_MARK = Map.of("he_simulator_launched_by", "the-server");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    private Runs server;
    private Process cli;

    @AfterEach
    void stop() {
        if (cli != null) cli.destroyForcibly();
        if (server != null) server.close();
    }

    @Test
    void aDeploymentStartedOnTheCommandLineShowsLiveInTheServerWhichNeverDrivesIt() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        server = new Runs(state, CliUnderTest.settings(state, SERVER_MARK));
        server.recover();
        server.watchOtherProcesses(Duration.ofMillis(200));
        // A separate process, as an administrator at the console starts it, with this machine's facts.
        Answers answers = Defaults.forHost(LocalHostFacts.read(RoleDefaultsReader.read()), new Random(3))
                .with(Field.ENGINE_VM_FQDN, "manager.example.com").with(Field.STORAGE_TYPE, "nfs")
                .with(Field.STORAGE_CONNECTION, "storage.example.com:/exports/he");
        Path answersFile = tmp.resolve("answers.json");
        Files.writeString(answersFile, JSON.writeValueAsString(AnswerFiles.export(new hostedengine.wizard.Rules(LocalHostFacts.read(RoleDefaultsReader.read()), f -> false),
                answers, hostedengine.wizard.StorageDevices.none())));
        Path secrets = tmp.resolve("secrets.json");
        Files.writeString(secrets, JSON.writeValueAsString(Map.of("he_appliance_password", CliDeployTest.ROOT_PW,
                "he_admin_password", CliDeployTest.ADMIN_PW)));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path output = tmp.resolve("cli.out");
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "hostedengine.Main", "deploy",
                "--answers", answersFile.toString(), "--secrets", secrets.toString(), "--simulate",
                "--state-dir", state.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED", "200");
        pb.environment().put("LANG", "C.UTF-8");
        cli = pb.start();

        // The server finds the new run by its scan and only watches it: the other process owns it.
        RunInfo prepare = Await.value("the server sees the other process's Prepare VM", () -> server.list().stream().filter(r -> r.phase() == Phase.PREPARE_VM)
                .filter(r -> server.ownedElsewhere(r.id())).findFirst(), Duration.ofSeconds(60));
        var seen = new CopyOnWriteArrayList<RunEvent>();
        var endedLive = new CopyOnWriteArrayList<RunInfo>();
        server.subscribe(prepare.id(), 0, new RunListener() {
            @Override public void onEvent(RunEvent e) { seen.add(e); }

            @Override public void onEnd(RunInfo r) { endedLive.add(r); }
        }).orElseThrow();
        Await.until("four events of run " + prepare.id() + " live", () -> seen.size() > 3 || !cli.isAlive(), Duration.ofSeconds(60));
        assertThat(endedLive).as("events arrive while the run is still going").isEmpty();
        assertThat(server.get(prepare.id()).orElseThrow().status().isFinal()).isFalse();
        assertThatThrownBy(() -> server.start(Phase.PREPARE_VM, "user:root", RoleVariables.all(answers), Map.of()))
                .isInstanceOf(RunConflict.class).hasMessageContaining(prepare.id());

        assertThat(cli.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).contains("Finish Deployment: completed successfully");
        RunInfo finish = Await.value("the server sees Finish end", () -> server.list().stream()
                .filter(r -> r.phase() == Phase.FINISH && r.status().isFinal()).findFirst(), Duration.ofSeconds(20));
        assertThat(finish.status()).isEqualTo(RunStatus.SUCCESSFUL);
        Await.until("the end of run " + prepare.id() + " live", () -> !endedLive.isEmpty(), Duration.ofSeconds(10));
        assertThat(endedLive.get(0).status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(seen).extracting(RunEvent::seq).doesNotHaveDuplicates();
        assertThat((long) seen.size()).isEqualTo(endedLive.get(0).events());
        for (Path vars : varsFiles(state.resolve("runs"))) {
            assertThat(Files.readString(vars)).as(vars.toString()).doesNotContain("the-server");
        }
    }

    @Test
    void deployWhileTheWizardsDeploymentRunsSaysSoAndFollowsItToItsEnd() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        server = new Runs(state, CliUnderTest.settings(state, Map.of()));
        Answers answers = CliDeployTest.wizardAnswers().merge(CliDeployTest.passwords());
        String running = server.start(Phase.PREPARE_VM, "user:root", RoleVariables.all(answers),
                RoleVariables.secrets(answers));
        Path answersFile = tmp.resolve("answers.json");
        Files.writeString(answersFile, JSON.writeValueAsString(AnswerFiles.export(CliDeployTest.RULES, CliDeployTest.wizardAnswers(),
                hostedengine.wizard.StorageDevices.none())));
        Path secrets = tmp.resolve("secrets.json");
        Files.writeString(secrets, JSON.writeValueAsString(Map.of("he_appliance_password", "Other-pw-1",
                "he_admin_password", "Other-pw-2")));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        var console = new CliUnderTest(state);

        int code = console.run("deploy", "--answers", answersFile.toString(), "--secrets", secrets.toString(), "--simulate");

        assertThat(code).as(console.printed() + console.errors()).isEqualTo(Cli.OTHER_DEPLOYMENT);
        assertThat(console.errors()).contains("Another deployment is running on this host (" + running + ")",
                "the answers you gave were not used");
        assertThat(console.printed()).contains("Initial checks and clean-up", "Prepare VM: completed successfully (run " + running + ")");
        try (Stream<Path> dirs = Files.list(state.resolve("runs"))) {
            assertThat(dirs.toList()).hasSize(1);
        }
    }

    private static List<Path> varsFiles(Path runs) throws IOException {
        try (Stream<Path> s = Files.walk(runs)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().equals("vars.json")).toList());
        }
    }
}
