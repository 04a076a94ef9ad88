package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import hostedengine.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run does when its files go wrong under it: removed by hand, a process gone without
 * an exit code, garbage in events.jsonl, a full disk, an unwritable state directory, and a tag
 * left waiting for passwords by a server that restarted. Every case ends the run with a
 * readable status; none throws at the caller or leaves a run "running" forever.
 */
class RunsBadInputTest {
    private static final Duration END = Duration.ofSeconds(40);

    @TempDir Path tmp;
    Path state;
    RunSettings settings;
    Runs runs;
    private final List<Integer> groupsToKill = new ArrayList<>();
    private final List<Path> mounts = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createDirectories(tmp.resolve("state"));
        settings = TestPlaybooks.settings(tmp);
        runs = new Runs(state, settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        runs.close();
        for (int pgid : groupsToKill) ProcessGroup.signal(pgid, "KILL");
        for (Path m : mounts) {
            Process umount = new ProcessBuilder("umount", "-l", m.toString()).inheritIO().start();
            umount.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunDirectoryRemovedByHandWhileItRunsEndsLostWithoutHanging() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 30), Map.of());
        awaitEvent(id, e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment"));
        Path runDir = state.resolve("runs").resolve(id);
        groupsToKill.add(RunFiles.pgid(runDir.resolve("2-bootstrap_local_vm")).orElseThrow());

        deleteTree(runDir);
        RunInfo done = awaitEnd(id, Duration.ofSeconds(5));

        assertThat(done.status()).isEqualTo(RunStatus.LOST);
        assertThat(done.messageKey()).isEqualTo("run.directoryRemoved");
        assertThat(done.message()).contains("removed");
        assertThat(runs.current()).isEmpty();
        assertThat(runs.list()).extracting(RunInfo::id).contains(id);
        assertThat(runs.page(id, 0, 100)).isEmpty();
    }

    @Test
    void aProcessGoneWithoutAnExitCodeIsLostWithinTheGracePeriod() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 30), Map.of());
        awaitEvent(id, e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment"));
        Path tagDir = state.resolve("runs").resolve(id).resolve("2-bootstrap_local_vm");
        int pgid = RunFiles.pgid(tagDir).orElseThrow();

        long killedAt = System.nanoTime();
        ProcessGroup.signal(pgid, "KILL"); // the wrapper dies too: no rc is ever written
        RunInfo done = awaitEnd(id, Duration.ofSeconds(6));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

        assertThat(done.status()).isEqualTo(RunStatus.LOST);
        assertThat(done.messageKey()).isEqualTo("run.processGone");
        assertThat(done.message()).contains("2-bootstrap_local_vm").contains("no exit code");
        assertThat(tagDir.resolve("rc")).doesNotExist();
        assertThat(tookMs).as("grace period is 1.5 s, polling 0.1 s").isLessThan(5000);
        assertThat(new RunFiles(state).readInfo(id)).map(RunInfo::status).contains(RunStatus.LOST);
    }

    @Test
    void garbageWrittenIntoALiveEventFileBecomesReadableCorruptEventsAndTheRunStillEnds() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 2), Map.of());
        awaitEvent(id, e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment"));
        Path events = state.resolve("runs").resolve(id).resolve("2-bootstrap_local_vm/events.jsonl");

        Files.writeString(events, "this is not json\n{\"no_event_here\": true}\n", StandardOpenOption.APPEND);
        RunInfo done = awaitEnd(id, END);

        assertThat(done.status()).as(done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        List<RunEvent> all = runs.page(id, 0, 10_000);
        assertThat(all).extracting(RunEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
        List<RunEvent> corrupt = all.stream().filter(e -> "corrupt".equals(e.type())).toList();
        assertThat(corrupt).extracting(RunEvent::message).containsExactly(
                "event " + corrupt.get(0).seq() + " is not a complete JSON object (the line may have been cut off)",
                "event " + corrupt.get(1).seq() + " has no event type");
        assertThat(corrupt.get(0).data()).containsEntry("line", "this is not json");
        assertThat(done.events()).isEqualTo(all.size());
    }

    @Test
    void aCutLastLineAndACorruptLineAreNumberedAndShownWhenARunIsFoundAgain() throws Exception {
        String id = "20200101-000000-validate-hostnames-abcdef";
        Path tagDir = Files.createDirectories(state.resolve("runs").resolve(id).resolve("1-validate_hostnames"));
        Files.writeString(tagDir.resolve("events.jsonl"), """
                {"event":"playbook_start"}
                {"event":"task_start","task":"Check names"
                {"event":"ok","task":"Check names"}
                {"event":"stats","ta""");
        Files.writeString(tagDir.resolve("rc"), "0\n");
        new RunFiles(state).writeInfo(runningInfo(id, Phase.VALIDATE_HOSTNAMES));

        runs.recover();
        RunInfo done = awaitEnd(id, Duration.ofSeconds(10));

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(runs.page(id, 0, 10)).extracting(RunEvent::type)
                .containsExactly("playbook_start", "corrupt", "ok", "corrupt");
        assertThat(runs.page(id, 0, 10)).filteredOn(e -> "corrupt".equals(e.type())).extracting(RunEvent::message)
                .allMatch(m -> m.contains("is not a complete JSON object (the line may have been cut off)"));
        assertThat(done.events()).isEqualTo(4);
    }

    @Test
    void aDiskThatFillsUpMidRunEndsTheRunWithAReadableStatus() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        mount(disk);
        runs.close();
        Path small = Files.createDirectories(disk.resolve("state"));
        runs = new Runs(small, settings);
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 2), Map.of());
        awaitEvent(id, e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment"));
        groupsToKill.add(RunFiles.pgid(small.resolve("runs").resolve(id).resolve("2-bootstrap_local_vm")).orElseThrow());

        fill(disk.resolve("filler"));
        RunInfo done = awaitEnd(id, END);

        assertThat(done.status().isFinal()).isTrue();
        assertThat(done.status()).isIn(RunStatus.LOST, RunStatus.FAILED);
        assertThat(done.messageKey()).isNotBlank();
        assertThat(done.message()).isNotBlank();
        assertThat(runs.current()).isEmpty();
        assertThatCode(() -> runs.page(id, 0, 1000)).doesNotThrowAnyException();
        assertThat(runs.list()).filteredOn(r -> r.id().equals(id)).extracting(RunInfo::status).containsExactly(done.status());
    }

    @Test
    void startingWithAnUnwritableStateDirectoryGivesAFailedRunNotAnException() throws Exception {
        Files.writeString(state.resolve("runs"), "a file where the runs directory should be");

        String id = runs.start(Phase.PREPARE_VM, "root", Map.of(), Map.of("he_appliance_password", "pw"));
        RunInfo done = runs.get(id).orElseThrow();

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.messageKey()).isEqualTo("run.cannotWrite");
        assertThat(done.message()).contains("could not create").doesNotContain("pw");
        assertThat(runs.current()).isEmpty();
        assertThat(runs.list()).extracting(RunInfo::id).containsExactly(id);
        assertThat(runs.page(id, 0, 10)).isEmpty();
    }

    @Test
    void aTagStuckOnLostPasswordsAfterARestartFailsAndItsProcessGroupIsKilled() throws Exception {
        String id = "20200101-000000-prepare-vm-123456";
        Path tagDir = Files.createDirectories(state.resolve("runs").resolve(id).resolve("1-initial_clean"));
        Files.createDirectories(tagDir.resolve("secrets-4711"));
        // As bin/run-phase does: its own session, "PID PGID" in pid.
        Process stuck = new ProcessBuilder("setsid", "sh", "-c",
                "read -r _ _ _ _ pgid _ < /proc/$$/stat; echo \"$$ $pgid\" > pid.tmp && mv pid.tmp pid; exec sleep 600")
                .directory(tagDir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Await.until("the pid file in " + tagDir, () -> RunFiles.pgid(tagDir).isPresent(), Duration.ofSeconds(5));
        int pgid = RunFiles.pgid(tagDir).getAsInt();
        groupsToKill.add(pgid);
        assertThat(ProcessGroup.alive(pgid)).isTrue();
        new RunFiles(state).writeInfo(runningInfo(id, Phase.PREPARE_VM));

        runs.close();
        runs = new Runs(state, settings);
        runs.recover();
        RunInfo done = awaitEnd(id, Duration.ofSeconds(10));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.messageKey()).isEqualTo("run.restartBetweenTags");
        assertThat(done.message()).contains("initial_clean").contains("start the phase again");
        assertThat(stuck.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Await.until("process group " + pgid + " ends", () -> !ProcessGroup.alive(pgid), Duration.ofSeconds(5));
        assertThat(new RunFiles(state).readInfo(id)).map(RunInfo::status).contains(RunStatus.FAILED);
    }

    private static RunInfo runningInfo(String id, Phase phase) {
        return new RunInfo(id, phase, "root", "2020-01-01T00:00:00Z", null, RunStatus.RUNNING, phase.tags(), 0, false,
                null, null, null, Map.of(), 0);
    }

    private void mount(Path dir) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Mounting needs privileges (root, a container that allows it), no tool bin/test installs.
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
                "cannot mount a tmpfs here: " + out);
        mounts.add(dir);
    }

    /** Writes until the file system is full. */
    private static void fill(Path file) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // No space left on device: what we wanted.
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private RunInfo awaitEnd(String id, Duration timeout) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), timeout);
    }

    private void awaitEvent(String id, Predicate<RunEvent> match) throws InterruptedException {
        Await.until("the awaited event of run " + id, () -> runs.page(id, 0, 10_000).stream().anyMatch(match), Duration.ofSeconds(30));
    }
}
