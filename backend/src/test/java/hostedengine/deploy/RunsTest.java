package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTest {
    @TempDir Path tmp;
    Path state;
    RunSettings settings;
    Runs runs;

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createDirectories(tmp.resolve("state"));
        settings = TestPlaybooks.settings(tmp);
        runs = new Runs(state, settings);
    }

    @AfterEach
    void tearDown() {
        runs.close();
    }

    @Test
    void prepareVmSucceedsWithContiguousEventNumbersAcrossItsTags() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_fqdn", "manager.example.com"),
                Map.of("he_appliance_password", "pw1"));
        RunInfo done = awaitEnd(id);

        assertThat(done.status()).as(done.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(done.localVmDir()).contains("/var/tmp/localvmTEST");
        List<RunEvent> events = runs.page(id, 0, 10_000);
        assertThat(events).extracting(RunEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(RunEvent::tag).contains("initial_clean", "bootstrap_local_vm");
        assertThat(done.events()).isEqualTo(events.size());
        Path runDir = state.resolve("runs").resolve(id);
        assertThat(runDir.resolve("run.json")).exists();
        for (String f : List.of("vars.json", "command.json", "events.jsonl", "ansible.log", "rc", "pid")) {
            assertThat(runDir.resolve("2-bootstrap_local_vm").resolve(f)).exists();
        }
        assertThat(runs.page(id, events.size() - 2, 10)).extracting(RunEvent::seq)
                .containsExactly((long) events.size() - 1, (long) events.size());
    }

    @Test
    void aSubscriberThatWantsOnlyTheEndIsToldTheOutcome() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_fqdn", "manager.example.com"), Map.of());
        var ended = new CountDownLatch(1);
        runs.subscribe(id, Long.MAX_VALUE, new RunListener() {
            @Override public void onEvent(RunEvent e) { }

            @Override public void onEnd(RunInfo r) { ended.countDown(); }
        }).orElseThrow();
        assertThat(ended.await(40, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSubscriberOfAFinishedRunGetsItsHistoryThenTheEnd() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_fqdn", "manager.example.com"), Map.of());
        RunInfo done = awaitEnd(id);
        runs.close();
        runs = new Runs(state, settings); // a later server, which never followed this run
        var seen = new CopyOnWriteArrayList<Long>();
        var ended = new CountDownLatch(1);
        runs.subscribe(id, 3, new RunListener() {
            @Override public void onEvent(RunEvent e) { seen.add(e.seq()); }

            @Override public void onEnd(RunInfo r) { ended.countDown(); }
        }).orElseThrow();
        assertThat(ended.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(4, done.events()).boxed().toList());
    }

    @Test
    void aFailingTaskEndsFailedWithTheTaskAndItsMessage() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_fail_at", "bootstrap_local_vm"), Map.of());
        RunInfo done = awaitEnd(id);

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.failedTask()).isEqualTo("wizard_test_role : Fail when asked");
        assertThat(done.messageKey()).isEqualTo("run.taskFailed");
        assertThat(done.message()).isEqualTo("Failed as asked at bootstrap_local_vm");
    }

    @Test
    void cancelStopsEveryProcessOfTheRunAndRefusesNoMoreRuns() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 30), Map.of());
        awaitEvent(id, e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment"));
        assertThatThrownBy(() -> runs.start(Phase.FC_GETDEVICES, "root", Map.of(), Map.of()))
                .isInstanceOf(RunConflict.class).hasMessageContaining(id);
        assertThat(runs.current()).map(RunInfo::id).contains(id);
        int pgid = RunFiles.pgid(state.resolve("runs").resolve(id).resolve("2-bootstrap_local_vm")).orElseThrow();

        assertThat(runs.cancel(id)).isTrue();
        RunInfo done = awaitEnd(id);

        assertThat(done.status()).isEqualTo(RunStatus.CANCELED);
        assertThat(ProcessGroup.alive(pgid)).isFalse();
        assertThat(runs.current()).isEmpty();
    }

    @Test
    void aRestartedServerContinuesTheRunWithoutGapsOrDuplicates() throws Exception {
        String id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_sleep", 3), Map.of());
        awaitEvent(id, e -> "task_start".equals(e.type()) && e.task().endsWith("Wait a moment"));
        runs.close();

        runs = new Runs(state, settings);
        runs.recover();
        assertThat(runs.get(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        CountDownLatch end = new CountDownLatch(1);
        runs.subscribe(id, 2, new RunListener() {
            @Override public void onEvent(RunEvent event) { seen.add(event); }
            @Override public void onEnd(RunInfo run) { end.countDown(); }
        }).orElseThrow();
        assertThat(end.await(30, TimeUnit.SECONDS)).isTrue();

        RunInfo done = runs.get(id).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(seen).extracting(RunEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(3, done.events()).boxed().toList());
        assertThat(runs.page(id, 0, 10_000)).hasSize((int) done.events());
    }

    @Test
    void aPasswordReachesThePlaybookLiterallyAndNowhereElse() throws Exception {
        String canary = "Canary-{{ lookup('pipe','id') }}-7q";
        String admin = "AdminCanary-93kd";
        Path out = Files.createDirectories(tmp.resolve("out"));
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> inArguments = Collections.synchronizedList(new ArrayList<>());
        Thread scanner = new Thread(() -> {
            while (running.get()) {
                scanCmdlines(canary, admin, inArguments);
            }
        });
        scanner.start();
        String id;
        RunInfo prepare;
        RunInfo finish;
        try {
            id = runs.start(Phase.PREPARE_VM, "root", Map.of("he_test_out", out.toString()),
                    Map.of("he_appliance_password", canary, "he_admin_password", admin));
            prepare = awaitEnd(id);
            Map<String, Object> vars = new HashMap<>(Map.of("he_test_fail_at", "create_target_vm"));
            vars.put("he_local_vm_dir", prepare.localVmDir().orElseThrow());
            String finishId = runs.start(Phase.FINISH, "root", vars, Map.of("he_admin_password", admin));
            finish = awaitEnd(finishId);
        } finally {
            running.set(false);
            scanner.join();
        }

        assertThat(prepare.status()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(Files.readString(out.resolve("password.txt"))).isEqualTo(canary);
        assertThat(finish.status()).isEqualTo(RunStatus.FAILED);
        assertThat(finish.failedTask()).isEqualTo("wizard_test_role : Echo a secret to stderr and fail");
        assertThat(finish.message()).isEqualTo("bad ********");
        assertThat(runs.page(finish.id(), 0, 1000)).anyMatch(e -> String.valueOf(e.message()).contains("local vm dir is /var/tmp/localvmTEST"));
        assertThat(inArguments).isEmpty();
        for (String runId : List.of(id, finish.id())) {
            assertThat(runs.page(runId, 0, 10_000).toString()).doesNotContain(canary).doesNotContain(admin);
        }
        try (Stream<Path> all = Files.walk(state)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isRegularFile(p)) continue;
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                assertThat(text).as(p.toString()).doesNotContain(canary).doesNotContain(admin).doesNotContain("Canary");
            }
        }
        try (Stream<Path> all = Files.walk(state)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("secrets-"));
        }
    }

    @Test
    void missingAnsiblePlaybookEndsFailedWithAReason() throws Exception {
        runs.close();
        runs = new Runs(state, new RunSettings(tmp.resolve("no-ansible"), settings.playbooksDir(), "wizard_test_role",
                false, 1.0, Map.of()));
        String id = runs.start(Phase.VALIDATE_HOSTNAMES, "root", Map.of(), Map.of());
        RunInfo done = awaitEnd(id);
        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.messageKey()).isEqualTo("run.ansibleMissing");
    }

    @Test
    void aMissingRoleEndsFailedWithAnsiblesOwnWords() throws Exception {
        runs.close();
        runs = new Runs(state, new RunSettings(settings.ansiblePlaybook(), settings.playbooksDir(), "no_such_role",
                false, 1.0, Map.of()));
        RunInfo done = awaitEnd(runs.start(Phase.VALIDATE_HOSTNAMES, "root", Map.of(), Map.of()));
        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.messageKey()).startsWith("ansible.exit.");
        assertThat(done.message()).contains("no_such_role");
    }

    @Test
    void aRunWhoseProcessVanishedWithoutExitCodeIsLost() throws Exception {
        Path runDir = Files.createDirectories(state.resolve("runs/20200101-000000-prepare-vm-abcdef/1-initial_clean"));
        Files.writeString(runDir.resolve("pid"), "999999 999999\n");
        Files.writeString(runDir.resolve("events.jsonl"), "{\"event\":\"playbook_start\"}\n{\"event\":\"task_st");
        RunInfo info = new RunInfo("20200101-000000-prepare-vm-abcdef", Phase.PREPARE_VM, "root",
                "2020-01-01T00:00:00Z", null, RunStatus.RUNNING, Phase.PREPARE_VM.tags(), 0, false, null, null, null,
                Map.of(), 0);
        new RunFiles(state).writeInfo(info);

        runs.recover();
        RunInfo done = awaitEnd(info.id());

        assertThat(done.status()).isEqualTo(RunStatus.LOST);
        assertThat(done.messageKey()).isEqualTo("run.processGone");
        assertThat(runs.page(info.id(), 0, 10)).extracting(RunEvent::type).containsExactly("playbook_start", "corrupt");
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> runs.get(id).filter(i -> i.status().isFinal()), Duration.ofSeconds(40));
    }

    private void awaitEvent(String id, java.util.function.Predicate<RunEvent> match) throws InterruptedException {
        Await.until("the awaited event of run " + id, () -> runs.page(id, 0, 10_000).stream().anyMatch(match), Duration.ofSeconds(30));
    }

    private static void scanCmdlines(String canary, String admin, List<String> found) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.forEach(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains(canary) || cmd.contains(admin) || cmd.contains("Canary-")) found.add(cmd);
                } catch (IOException | RuntimeException ignored) {
                    // Gone or not a process.
                }
            });
        } catch (IOException ignored) {
            // /proc unreadable
        }
    }
}
