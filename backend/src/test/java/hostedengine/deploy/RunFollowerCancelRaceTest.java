package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower's thread is the only writer of a run's state: a cancel asked from another thread
 * while events pour in is never lost to the follower's own updates (before, both threads replaced
 * {@code info} and wrote run.json, and a run could end FAILED instead of CANCELED). Drives
 * {@link RunFollower} directly over tag directories this test writes, as Ansible and our wrapper would.
 */
class RunFollowerCancelRaceTest {
    private static final int RUNS = 1000;
    private static final int AT_ONCE = 50;
    private static final int EVENTS = 40;

    @TempDir Path state;

    @Test
    void aCancelRacingAFastStreamOfEventsAlwaysEndsTheRunCanceled() throws Exception {
        RunFiles files = new RunFiles(state);
        TagLauncher launcher = new TagLauncher(RunSettings.simulator(state.resolve("playbooks"), 50));
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<RunInfo>> ends = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                String id = String.format("20200101-000000-prepare-vm-%06x", i);
                ends.add(pool.submit(() -> raceOnce(files, launcher, id)));
            }
            for (Future<RunInfo> end : ends) {
                RunInfo ended = end.get(60, TimeUnit.SECONDS);
                assertThat(ended.status()).as(ended.id() + " in memory").isEqualTo(RunStatus.CANCELED);
                assertThat(files.readInfo(ended.id()).orElseThrow().status()).as(ended.id() + " in run.json")
                        .isEqualTo(RunStatus.CANCELED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run: events written as fast as they go, a cancel from another thread in the middle, then the exit code. */
    private static RunInfo raceOnce(RunFiles files, TagLauncher launcher, String id) throws Exception {
        RunInfo info = new RunInfo(id, Phase.PREPARE_VM, "user:root", "2020-01-01T00:00:00Z", null, RunStatus.RUNNING,
                List.of("bootstrap_local_vm"), 0, false, null, null, null, Map.of(), 0);
        Files.createDirectories(files.runDir(id));
        files.writeInfo(info);
        Path tagDir = Files.createDirectories(files.tagDir(id, 0, "bootstrap_local_vm"));
        Path events = files.events(tagDir);
        Files.writeString(events, line(0), StandardCharsets.UTF_8);
        RunOwnership ownership = RunOwnership.tryTake(files.runDir(id).resolve(RunOwnership.FILE)).orElseThrow();
        var ended = new CompletableFuture<RunInfo>();
        var follower = new RunFollower(files, launcher, new EventLog(NO_HISTORY, 100, 4096), info, Map.of(),
                Map.of(), ownership, ended::complete);
        Thread thread = new Thread(follower, "race-" + id);
        thread.setDaemon(true);
        thread.start();
        Thread canceler = new Thread(follower::requestCancel);
        for (int n = 1; n < EVENTS; n++) {
            if (n == EVENTS / 2) canceler.start();
            Files.writeString(events, line(n), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        canceler.join();
        // The wrapper writes the exit code once Ansible has stopped on the signal.
        Files.writeString(tagDir.resolve("rc"), "130\n");
        return ended.get(30, TimeUnit.SECONDS);
    }

    /** Every fourth event carries an otopi_ result, so the follower also writes run.json while the cancel comes. */
    private static String line(int n) {
        String otopi = n % 4 == 0 ? "{\"otopi_step\": " + n + "}" : "{}";
        return "{\"event\": \"ok\", \"time\": \"2020-01-01T00:00:00Z\", \"task\": \"hosted_engine_simulator : Step " + n
                + "\", \"host\": \"localhost\", \"otopi\": " + otopi + "}\n";
    }

    private static final EventLog.History NO_HISTORY = new EventLog.History() {
        @Override public List<RunEvent> read(long afterSeq, int limit) { return List.of(); }

        @Override public void forEach(long afterSeq, long upToSeq, Predicate<RunEvent> sink) {}
    };

}
