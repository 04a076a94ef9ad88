package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only kinds (host facts, network interfaces, name checks) are runs like a phase: a run
 * directory with events, listed, read back; they run beside a deployment, and only the last
 * {@link Phase#READ_ONLY_KEPT} of each kind are kept.
 */
class ReadOnlyRunsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir Path tmp;
    Path state;
    Runs runs;

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createDirectories(tmp.resolve("state"));
        runs = new Runs(state, TestPlaybooks.settings(tmp));
    }

    @AfterEach
    void tearDown() {
        runs.close();
    }

    @Test
    void aFactsRunLeavesARunDirectoryWithEventsAndItsAnswer() throws Exception {
        RunOutcome facts = runs.runToEnd(Phase.HOST_FACTS, "server", Map.of("he_local_vm_dir_path", "/var/tmp"), Map.of(),
                AnsibleTarget.LOCAL, TIMEOUT);

        assertThat(facts.info().status()).as(facts.problem()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(facts.info().tags()).containsExactly("host_facts");
        Path step = state.resolve("runs").resolve(facts.info().id()).resolve("1-host_facts");
        for (String f : List.of("vars.json", "command.json", "events.jsonl", "ansible.log", "rc", "pid")) {
            assertThat(step.resolve(f)).exists();
        }
        String command = Files.readString(step.resolve("command.json"));
        assertThat(command).contains("host_facts.yml").doesNotContain("--tags").doesNotContain("--skip-tags");
        int processors = (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        assertThat(facts.stdout("Count processors")).contains(String.valueOf(processors));
        assertThat(facts.events()).extracting(RunEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, facts.events().size()).boxed().toList());
        assertThat(facts.events()).extracting(RunEvent::tag).containsOnly("host_facts");
        assertThat(runs.list()).extracting(RunInfo::id).contains(facts.info().id());
        assertThat(runs.page(facts.info().id(), 0, 10_000)).hasSameSizeAs(facts.events());
    }

    @Test
    void aRetryNeverReusesSavedVariablesThatHoldShellText() throws Exception {
        RunOutcome check = runs.runToEnd(Phase.VALIDATE_HOSTNAMES, "server", Map.of("he_fqdn", "manager.example.com"),
                Map.of(), AnsibleTarget.LOCAL, TIMEOUT);
        Path saved = state.resolve("runs").resolve(check.info().id()).resolve(Runs.RETRY_VARS);
        String retried = runs.retry(check.info().id(), "server").orElseThrow();
        // Its end awaited, so no run still writes into the state directory when the test's is removed.
        assertThat(runs.awaitEnd(retried, TIMEOUT)).isPresent();

        Files.writeString(saved, "{\"he_fqdn\": \"manager.example.com;touch /tmp/x\"}");

        assertThat(runs.retry(check.info().id(), "server")).isEmpty();
    }

    @Test
    void aNameCheckRunLeavesARunDirectoryAndItsFirstFailure() throws Exception {
        RunOutcome check = runs.runToEnd(Phase.VALIDATE_HOSTNAMES, "server",
                Map.of("he_test_fail_at", "validate_hostnames"), Map.of(), AnsibleTarget.LOCAL, TIMEOUT);

        assertThat(check.info().status()).isEqualTo(RunStatus.FAILED);
        assertThat(check.firstFailure()).hasValueSatisfying(e ->
                assertThat(e.message()).isEqualTo("Failed as asked at validate_hostnames"));
        assertThat(check.last("failed", "Fail when asked")).isPresent();
        Path step = state.resolve("runs").resolve(check.info().id()).resolve("1-validate_hostnames");
        assertThat(Files.readString(step.resolve("command.json"))).contains("--tags=validate_hostnames");
        assertThat(Files.readString(step.resolve("events.jsonl"))).contains("Failed as asked");
    }

    @Test
    void readOnlyRunsRunBesideADeploymentAndADeploymentStartsBesideThem() throws Exception {
        String deployment = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 30), Map.of());
        Await.until("the deployment waits in its task", () -> runs.page(deployment, 0, 10_000).stream()
                .anyMatch(e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment")), TIMEOUT);

        String facts = runs.start(Phase.HOST_FACTS, "server", Map.of(), Map.of());
        String names = runs.start(Phase.VALIDATE_HOSTNAMES, "server", Map.of(), Map.of());
        String nics = runs.start(Phase.NETWORK_INTERFACES, "server", Map.of(), Map.of());
        for (String id : List.of(facts, names, nics)) {
            assertThat(runs.awaitEnd(id, TIMEOUT)).hasValueSatisfying(i ->
                    assertThat(i.status()).as(i.message()).isEqualTo(RunStatus.SUCCESSFUL));
        }
        assertThat(runs.get(deployment).orElseThrow().status().isFinal()).as("the deployment still runs").isFalse();
        assertThat(runs.cancel(deployment)).isTrue();
        assertThat(runs.awaitEnd(deployment, TIMEOUT)).isPresent();

        String beside = runs.start(Phase.HOST_FACTS, "server", Map.of(), Map.of());
        String second = runs.start(Phase.PREPARE_VM, "root", Map.of(), Map.of());
        assertThat(runs.awaitEnd(second, TIMEOUT).orElseThrow().status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(runs.awaitEnd(beside, TIMEOUT).orElseThrow().status()).isEqualTo(RunStatus.SUCCESSFUL);
    }

    @Test
    void theKindsKeepTheirSharingRules() {
        assertThat(Phase.HOST_FACTS.conflictsWith(Phase.PREPARE_VM)).isFalse();
        assertThat(Phase.FINISH.conflictsWith(Phase.VALIDATE_HOSTNAMES)).isFalse();
        assertThat(Phase.NETWORK_INTERFACES.conflictsWith(Phase.HOST_FACTS)).isFalse();
        assertThat(Phase.ISCSI_DISCOVER.conflictsWith(Phase.PREPARE_VM)).isTrue();
        assertThat(Phase.PREPARE_VM.conflictsWith(Phase.FC_GETDEVICES)).isTrue();
        assertThat(Phase.PREPARE_VM.conflictsWith(Phase.FINISH)).isTrue();
        assertThat(Phase.ISCSI_DISCOVER.conflictsWith(Phase.FC_GETDEVICES)).isFalse();
        assertThat(Phase.HOST_FACTS.kept()).isEqualTo(Phase.READ_ONLY_KEPT);
        assertThat(Phase.ISCSI_DISCOVER.kept()).isZero();
        assertThat(Phase.PREPARE_VM.kept()).isZero();
    }

    @Test
    void onlyTheLastRunsOfEachReadOnlyKindAreKeptAndNoUnfinishedOne() throws Exception {
        var files = new RunFiles(state);
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            writeEnded(files, String.format("20200101-0000%02d-host-facts-%06d", i, i), Phase.HOST_FACTS, start.plusSeconds(i));
        }
        String unfinished = "20191231-235959-host-facts-aaaaaa";
        Files.createDirectories(files.runDir(unfinished));
        files.writeInfo(new RunInfo(unfinished, Phase.HOST_FACTS, "server", start.minusSeconds(1).toString(), null,
                RunStatus.RUNNING, Phase.HOST_FACTS.tags(), 0, false, null, null, null, Map.of(), 0));
        writeEnded(files, "20190101-000000-validate-hostnames-bbbbbb", Phase.VALIDATE_HOSTNAMES, start.minusSeconds(99));
        writeEnded(files, "20190101-000000-prepare-vm-cccccc", Phase.PREPARE_VM, start.minusSeconds(99));

        String newest = runs.runToEnd(Phase.HOST_FACTS, "server", Map.of(), Map.of(), AnsibleTarget.LOCAL, TIMEOUT).info().id();

        // The follower prunes just after it reports the end: wait for it.
        Await.until("the facts runs pruned to " + (Phase.READ_ONLY_KEPT + 1), () -> factsDirectories().size() == Phase.READ_ONLY_KEPT + 1,
                Duration.ofSeconds(10));
        List<String> left = runDirectories();
        List<String> factsLeft = left.stream().filter(id -> id.contains("-host-facts-")).toList();
        assertThat(factsLeft).hasSize(Phase.READ_ONLY_KEPT + 1).contains(newest, unfinished)
                .doesNotContain("20200101-000000-host-facts-000000", "20200101-000005-host-facts-000005")
                .contains("20200101-000006-host-facts-000006", "20200101-000024-host-facts-000024");
        assertThat(left).contains("20190101-000000-validate-hostnames-bbbbbb", "20190101-000000-prepare-vm-cccccc");
        assertThat(runs.list()).extracting(RunInfo::id).doesNotContain("20200101-000000-host-facts-000000");
    }

    private static void writeEnded(RunFiles files, String id, Phase phase, Instant created) throws IOException {
        Files.createDirectories(files.tagDir(id, 0, phase.tags().get(0)));
        files.writeInfo(new RunInfo(id, phase, "server", created.toString(), created.plusSeconds(1).toString(),
                RunStatus.SUCCESSFUL, phase.tags(), 0, false, null, null, null, Map.of(), 0));
    }

    private List<String> factsDirectories() {
        try {
            return runDirectories().stream().filter(id -> id.contains("-host-facts-")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> runDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(state.resolve("runs"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
