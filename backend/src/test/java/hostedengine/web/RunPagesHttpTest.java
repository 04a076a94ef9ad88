package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.testing.Await;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

// Over 300 lines: the cases share one real Prepare VM run (started once, read by many), which is the point of the class.
/**
 * The run pages over HTTP: starting phases with bad input or at the wrong time, the run page
 * in every final state, bad run ids, resuming the event stream by id, paging, the log
 * download, and what a viewer may do. One simulated Prepare VM (speed 50) is shared by the
 * tests that need a real run; the others use their own server and, where a finished run is
 * enough, a run directory written by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPagesHttpTest {
    static final String ROOT = "Root-Canary-5b17c2";
    static final String ADMIN = "Admin-Canary-90ad3e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path tmp;
    TestServer shared;
    String sharedRun;
    RunInfo sharedDone;
    String liveByHeader;
    String liveBySince;
    private final List<TestServer> others = new ArrayList<>();

    /** One real Prepare VM; two streams join it live after event 2, one by Last-Event-ID, one by ?since=. */
    @BeforeAll
    void runOnePrepareVm() throws Exception {
        shared = new TestServer(Files.createDirectories(tmp.resolve("shared")));
        sharedRun = startPrepareVm(shared);
        Await.until("three events of run " + sharedRun + " before its end", () -> shared.runs.get(sharedRun)
                        .map(r -> r.events() >= 3 && !r.status().isFinal()).orElse(false),
                Duration.ofSeconds(60));
        CompletableFuture<HttpResponse<String>> byHeader = shared.client().sendAsync(
                sse(shared, "/api/runs/" + sharedRun + "/events", "Last-Event-ID", "2"), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> bySince = shared.client().sendAsync(
                sse(shared, "/api/runs/" + sharedRun + "/events?since=2"), HttpResponse.BodyHandlers.ofString());
        sharedDone = awaitFinal(shared, sharedRun, Duration.ofMinutes(3));
        liveByHeader = byHeader.get(60, TimeUnit.SECONDS).body();
        liveBySince = bySince.get(60, TimeUnit.SECONDS).body();
        shared.runs.get(sharedRun).flatMap(RunInfo::localVmDir).ifPresent(d -> Path.of(d).toFile().delete());
    }

    @AfterAll
    void stopShared() { shared.close(); }

    @AfterEach
    void stopOthers() {
        others.forEach(TestServer::close);
        others.clear();
    }

    // --- starting phases ---

    @Test
    void prepareVmWithInvalidAnswersSendsBackToTheStepAndStartsNoRun(@TempDir Path state) {
        TestServer server = server(state);
        server.post("/wizard/vm", Map.of("engineVmFqdn", "bad name;rm -rf /"));

        var r = server.post("/wizard/prepare/run", Map.of());

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/wizard/vm");
        assertThat(runDirectories(state)).isEmpty();
        assertThat(server.runs.list()).isEmpty();
    }

    @Test
    void aSecondPrepareVmWhileOneRunsIsRefusedNamingTheRunningRun(@TempDir Path state) throws Exception {
        TestServer server = server(state);
        String first = startPrepareVm(server);
        awaitStatus(server, first, s -> s == RunStatus.RUNNING);

        var second = server.post("/wizard/prepare/run", Map.of());

        assertThat(second.statusCode()).isBetween(302, 303);
        assertThat(second.headers().firstValue("Location")).contains("/wizard/prepare");
        assertThat(server.get("/wizard/prepare").body())
                .contains("Another deployment is running on this host (" + first + ")");
        assertThat(runDirectories(state)).containsExactly(first);
        cancelAndAwait(server, first);
    }

    @Test
    void finishBeforeASuccessfulPrepareVmIsRefusedWithItsMessage(@TempDir Path state) {
        TestServer server = server(state);
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine(ADMIN));
        server.post("/wizard/storage", TestServer.validNfs());

        var r = server.post("/wizard/finish/run", Map.of());

        assertThat(r.statusCode()).isBetween(302, 303);
        assertThat(r.headers().firstValue("Location")).contains("/wizard/finish");
        assertThat(server.get("/wizard/finish").body())
                .contains("Run Prepare VM successfully first: Finish Deployment continues from the bootstrap VM it creates.");
        assertThat(runDirectories(state)).isEmpty();
    }

    // --- the run page in each state ---

    @Test
    void theRunPageOfARunningRunSaysRunningAndOffersCancel(@TempDir Path state) throws Exception {
        TestServer server = server(state);
        String id = startPrepareVm(server);
        awaitStatus(server, id, s -> s == RunStatus.RUNNING);

        var page = server.get("/runs/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-status=\"RUNNING\"").contains("<span>Running</span>")
                .contains("id=\"cancel-run\"").doesNotContain("id=\"retry-run\"");
        cancelAndAwait(server, id);
    }

    @Test
    void cancelThroughThePageEndsTheRunCanceledAndThePageSaysSo(@TempDir Path state) throws Exception {
        TestServer server = server(state);
        String id = startPrepareVm(server);
        awaitStatus(server, id, s -> s == RunStatus.RUNNING);

        var canceled = server.post("/runs/" + id + "/cancel", Map.of());
        assertThat(canceled.statusCode()).isEqualTo(302);
        assertThat(canceled.headers().firstValue("Location")).contains("/runs/" + id);
        awaitStatus(server, id, RunStatus::isFinal);

        assertThat(server.runs.get(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
        String page = server.get("/runs/" + id).body();
        assertThat(page).contains("data-status=\"CANCELED\"").contains("<span>Canceled</span>")
                .contains("id=\"run-canceled\"").contains("id=\"retry-run\"").doesNotContain("id=\"cancel-run\"");
    }

    @Test
    void theRunPageOfASuccessfulRunSaysSoAndLeadsOnToStorage() {
        String page = shared.get("/runs/" + sharedRun).body();

        assertThat(sharedDone.status()).as(sharedDone.message()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(page).contains("data-status=\"SUCCESSFUL\"").contains("<span>Completed successfully</span>")
                .contains("id=\"run-success\"").contains("id=\"next\"")
                .doesNotContain("id=\"cancel-run\"").doesNotContain("id=\"retry-run\"");
    }

    @Test
    void theRunPageOfAFailedRunShowsTheFailingTaskAndItsMessageFirst(@TempDir Path state) throws Exception {
        TestServer server = server(state);
        RunInfo failed = new RunInfo("20250601-090000-prepare-vm-f00f00", Phase.PREPARE_VM, "user:admin",
                "2025-06-01T09:00:00Z", "2025-06-01T09:01:00Z", RunStatus.FAILED, Phase.PREPARE_VM.tags(), 1, false,
                "ovirt.ovirt.hosted_engine_setup : Check the appliance", "run.taskFailed", "The appliance is missing", Map.of(), 2);
        writeRun(state, failed, 2);

        String page = server.get("/runs/" + failed.id()).body();

        assertThat(page).contains("data-status=\"FAILED\"").contains("<span>Failed</span>")
                .contains("id=\"run-failure\"").contains("Check the appliance").contains("The appliance is missing")
                .contains("A task of the role failed.").contains("id=\"retry-run\"").doesNotContain("id=\"cancel-run\"");
    }

    // --- bad run ids ---

    @Test
    void unknownAndTraversalRunIdsAnswer404WithoutAStackTrace(@TempDir Path state) {
        TestServer server = server(state);
        String unknown = "20200101-000000-prepare-vm-ffffff";
        List<String> ids = List.of(unknown, "..%2F..", "..%2F..%2Fdrafts", "%2e%2e", "..", "a".repeat(101), "a".repeat(4000));
        for (String id : ids) {
            for (String path : List.of("/runs/" + id, "/runs/" + id + "/log", "/api/runs/" + id,
                    "/api/runs/" + id + "/page?after=0&limit=10")) {
                assertNotFound(server.get(path), path);
            }
            assertNotFound(server.send(sse(server, "/api/runs/" + id + "/events", "Last-Event-ID", "1")), "events of " + id);
            assertNotFound(server.post("/runs/" + id + "/cancel", Map.of()), "cancel of " + id);
        }
    }

    // --- the event stream ---

    @Test
    void aStreamJoinedLiveByLastEventIdGetsExactlyTheRestOfTheRun() {
        assertThat(TestServer.eventIds(liveByHeader)).containsExactlyElementsOf(range(3, sharedDone.events()));
        assertThat(liveByHeader).contains("event: run-end");
    }

    @Test
    void aStreamJoinedLiveBySinceGetsExactlyTheRestOfTheRun() {
        assertThat(TestServer.eventIds(liveBySince)).containsExactlyElementsOf(range(3, sharedDone.events()));
        assertThat(liveBySince).contains("event: run-end");
    }

    /**
     * Each event is encoded once for all clients (EventTexts): both live streams carry, byte for byte,
     * the text a stream made for itself from the stored event (id, event name, the EventView JSON).
     */
    @Test
    void everyClientGetsEachEventAsItsOwnJsonByteForByte() {
        var expected = new StringBuilder();
        shared.runs.forEachEvent(sharedRun, 2, Long.MAX_VALUE, e -> {
            expected.append("id: ").append(e.seq()).append("\nevent: run-event\ndata: ")
                    .append(RunStream.json(RunStream.EventView.of(e))).append("\n\n");
            return true;
        });
        assertThat(runEvents(liveByHeader)).isEqualTo(expected.toString());
        assertThat(runEvents(liveBySince)).isEqualTo(expected.toString());
    }

    /** The run-event blocks of a stream, in order, each with its blank line (keep-alive comment lines left out). */
    private static String runEvents(String stream) {
        var kept = new StringBuilder();
        String withoutComments = stream.lines().filter(l -> !l.startsWith(":")).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining());
        for (String block : withoutComments.split("\n\n")) {
            if (block.startsWith("id: ") && block.contains("\nevent: run-event\n")) kept.append(block).append("\n\n");
        }
        return kept.toString();
    }

    @Test
    void theStreamsLastProgressCountsEveryEventOfTheRunAsTheServerCountsThem() throws IOException {
        Matcher m = Pattern.compile("^event: progress\ndata: (.*)$", Pattern.MULTILINE).matcher(liveByHeader);
        String last = null;
        int told = 0;
        while (m.find()) { last = m.group(1); told++; }
        assertThat(told).as("progress at connect and after the live events").isGreaterThanOrEqualTo(2);

        Map<String, Object> progress = JSON.readValue(last, new TypeReference<>() {});
        var all = new ArrayList<hostedengine.deploy.RunEvent>();
        shared.runs.forEachEvent(sharedRun, 0, Long.MAX_VALUE, all::add);
        long ok = all.stream().filter(e -> e.type().equals("ok") && !e.changed()).count();
        long changed = all.stream().filter(e -> e.type().equals("ok") && e.changed()).count();
        assertThat(((Number) progress.get("lastSeq")).longValue()).isEqualTo(sharedDone.events());
        assertThat(progress.get("counts")).isEqualTo(Map.of("ok", (int) ok, "changed", (int) changed,
                "failed", 0, "skipped", (int) all.stream().filter(e -> e.type().equals("skipped")).count(), "unreachable", 0));
        @SuppressWarnings("unchecked")
        var tags = (Map<String, Map<String, Integer>>) progress.get("tags");
        long started = all.stream().filter(e -> e.type().equals("task_start") && tags.containsKey(e.tag())).count();
        assertThat(started).isPositive();
        assertThat(tags.values().stream().mapToInt(t -> t.get("done")).sum()).isEqualTo((int) started);
    }

    /**
     * The progress a viewer gets at connect counts exactly the events it already has, whichever
     * viewers came before it (the server counts on from the last count, or anew for an earlier id).
     */
    @Test
    void theProgressAtConnectCountsTheEventsUpToTheGivenIdWhateverCameBefore() throws IOException {
        var all = new ArrayList<hostedengine.deploy.RunEvent>();
        shared.runs.forEachEvent(sharedRun, 0, Long.MAX_VALUE, all::add);
        long n = all.size();
        for (long since : new long[] {n / 2, n / 2, n - 3, n / 4, n - 1, 1}) {
            String body = shared.send(sse(shared, "/api/runs/" + sharedRun + "/events?since=" + since)).body();
            Matcher m = Pattern.compile("^event: progress\ndata: (.*)$", Pattern.MULTILINE).matcher(body);
            assertThat(m.find()).as("a progress event at connect (since=%d)", since).isTrue();
            Map<String, Object> atConnect = JSON.readValue(m.group(1), new TypeReference<>() {});
            var upTo = all.subList(0, (int) since);
            assertThat(((Number) atConnect.get("lastSeq")).longValue()).as("since=%d", since).isEqualTo(since);
            assertThat(atConnect.get("counts")).as("since=%d", since).isEqualTo(Map.of(
                    "ok", (int) upTo.stream().filter(e -> e.type().equals("ok") && !e.changed()).count(),
                    "changed", (int) upTo.stream().filter(e -> e.type().equals("ok") && e.changed()).count(),
                    "failed", 0, "skipped", (int) upTo.stream().filter(e -> e.type().equals("skipped")).count(),
                    "unreachable", 0));
            @SuppressWarnings("unchecked")
            var tags = (Map<String, Map<String, Integer>>) atConnect.get("tags");
            assertThat(tags.values().stream().mapToInt(t -> t.get("done")).sum()).as("since=%d", since)
                    .isEqualTo((int) upTo.stream().filter(e -> e.type().equals("task_start") && tags.containsKey(e.tag())).count());
        }
    }

    @Test
    void aFinishedRunResumesExactlyAfterTheGivenIdByHeaderAndBySince() {
        long n = sharedDone.events() - 5;
        String byHeader = shared.send(sse(shared, "/api/runs/" + sharedRun + "/events", "Last-Event-ID", String.valueOf(n))).body();
        String bySince = shared.send(sse(shared, "/api/runs/" + sharedRun + "/events?since=" + n)).body();
        String fromStart = shared.send(sse(shared, "/api/runs/" + sharedRun + "/events")).body();

        assertThat(TestServer.eventIds(byHeader)).containsExactlyElementsOf(range(n + 1, sharedDone.events()));
        assertThat(TestServer.eventIds(bySince)).containsExactlyElementsOf(range(n + 1, sharedDone.events()));
        assertThat(TestServer.eventIds(fromStart)).containsExactlyElementsOf(range(1, sharedDone.events()));
    }

    @Test
    void aFinishedRunWhoseClientHasEverythingAnswers204() {
        String last = String.valueOf(sharedDone.events());
        var byHeader = shared.send(sse(shared, "/api/runs/" + sharedRun + "/events", "Last-Event-ID", last));
        var bySince = shared.send(sse(shared, "/api/runs/" + sharedRun + "/events?since=" + last));

        assertThat(byHeader.statusCode()).isEqualTo(204);
        assertThat(bySince.statusCode()).isEqualTo(204);
    }

    // --- paging and the log ---

    @Test
    void theEventsPageGivesExactlyTheAskedSliceAndCoversTheWholeRun() throws Exception {
        assertThat(seqs(shared.get("/api/runs/" + sharedRun + "/page?after=10&limit=7"))).containsExactlyElementsOf(range(11, 17));
        List<Long> all = new ArrayList<>();
        for (long after = 0; ; ) {
            List<Long> page = seqs(shared.get("/api/runs/" + sharedRun + "/page?after=" + after + "&limit=50"));
            if (page.isEmpty()) break;
            assertThat(page.size()).isLessThanOrEqualTo(50);
            all.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertThat(all).containsExactlyElementsOf(range(1, sharedDone.events()));
    }

    @Test
    void theEventsPageCapsItsLimitAndToleratesNonsense(@TempDir Path state) throws Exception {
        TestServer server = server(state);
        RunInfo big = new RunInfo("20250601-090000-validate-hostnames-b19b19", Phase.VALIDATE_HOSTNAMES, "user:admin",
                "2025-06-01T09:00:00Z", "2025-06-01T09:01:00Z", RunStatus.SUCCESSFUL, Phase.VALIDATE_HOSTNAMES.tags(), 0,
                false, null, null, null, Map.of(), 1500);
        writeRun(state, big, 1500);
        String page = "/api/runs/" + big.id() + "/page";

        assertThat(seqs(server.get(page + "?after=0&limit=5000"))).containsExactlyElementsOf(range(1, 1000));
        assertThat(seqs(server.get(page + "?after=1200&limit=5000"))).containsExactlyElementsOf(range(1201, 1500));
        assertThat(seqs(server.get(page + "?after=0&limit=0"))).containsExactly(1L);
        assertThat(seqs(server.get(page + "?after=0&limit=-3"))).containsExactly(1L);
        assertThat(seqs(server.get(page + "?after=nonsense&limit=2"))).containsExactly(1L, 2L);
        assertThat(seqs(server.get(page))).containsExactlyElementsOf(range(1, 200));
        assertThat(seqs(server.get(page + "?after=1500"))).isEmpty();
    }

    @Test
    void theLogDownloadHoldsEveryEventLineAndNoPassword() {
        var r = shared.get("/runs/" + sharedRun + "/log");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"" + sharedRun + ".log\"");
        // One line per event, its time then the line as hosted-engine --deploy prints it.
        List<String> lines = r.body().lines().filter(l -> l.matches("\\S+ \\[( INFO  | ERROR |WARNING)\\] .*")).toList();
        assertThat(lines).hasSize((int) sharedDone.events());
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z \\[ INFO  \\] PLAYBOOK \\[hosted_engine.yml\\] tags: initial_clean");
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(" [ INFO  ] TASK [hosted_engine_simulator : Create directory for local VM]"))
                .anySatisfy(l -> assertThat(l).endsWith(" [ INFO  ] ok: [localhost]"))
                .anySatisfy(l -> assertThat(l).contains(" [ INFO  ] ok: [localhost] => (item="));
        assertThat(r.body()).endsWith("status: SUCCESSFUL\n").doesNotContain(ROOT).doesNotContain(ADMIN);
    }

    // --- who may do what ---

    @Test
    void aViewerMayWatchARunButNotStartCancelOrRetryOne(@TempDir Path state) throws Exception {
        TestServer server = server(state);
        RunInfo failed = new RunInfo("20250601-090000-prepare-vm-7e7e7e", Phase.PREPARE_VM, "user:admin",
                "2025-06-01T09:00:00Z", "2025-06-01T09:01:00Z", RunStatus.FAILED, Phase.PREPARE_VM.tags(), 0, false,
                null, "run.processGone", "gone", Map.of(), 3);
        writeRun(state, failed, 3);
        server.newBrowser();
        assertThat(server.login(TestDoubleAuthenticator.VIEWER, TestDoubleAuthenticator.PASSWORD).statusCode()).isEqualTo(302);

        assertThat(server.get("/runs/" + failed.id()).statusCode()).isEqualTo(200);
        assertThat(TestServer.eventIds(server.send(sse(server, "/api/runs/" + failed.id() + "/events")).body()))
                .containsExactly(1L, 2L, 3L);
        assertThat(server.get("/runs/" + failed.id() + "/log").statusCode()).isEqualTo(200);
        assertThat(server.post("/wizard/prepare/run", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.post("/wizard/finish/run", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.post("/runs/" + failed.id() + "/cancel", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.post("/runs/" + failed.id() + "/retry", Map.of()).statusCode()).isEqualTo(403);
        assertThat(runDirectories(state)).containsExactly(failed.id());
    }

    // --- helpers ---

    private TestServer server(Path state) {
        TestServer s = new TestServer(state);
        others.add(s);
        return s;
    }

    /** Valid VM and Engine steps with the canary passwords, then Prepare VM; the new run's id. */
    private static String startPrepareVm(TestServer server) {
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine(ADMIN));
        var r = server.post("/wizard/prepare/run", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/runs/");
        return location.substring("/runs/".length());
    }

    private static void cancelAndAwait(TestServer server, String id) throws InterruptedException {
        server.post("/runs/" + id + "/cancel", Map.of());
        awaitStatus(server, id, RunStatus::isFinal);
    }

    /** A stream request that waits as long as a whole Prepare VM may take. */
    private static HttpRequest sse(TestServer server, String path, String... headers) {
        return server.sse(path, Duration.ofMinutes(3), headers);
    }


    private static List<Long> seqs(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> events = JSON.readValue(r.body(), new TypeReference<>() {});
        return events.stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
    }

    private static List<Long> range(long from, long to) { return LongStream.rangeClosed(from, to).boxed().toList(); }

    private static void assertNotFound(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what).isEqualTo(404);
        assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("hostedengine.");
    }

    private static List<String> runDirectories(Path state) {
        Path runs = state.resolve("runs");
        if (!Files.isDirectory(runs)) return List.of();
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A finished run as the server leaves it on disk: run.json, and one tag with {@code events} events and its rc. */
    private static void writeRun(Path state, RunInfo info, int events) throws IOException {
        Path tag = Files.createDirectories(state.resolve("runs").resolve(info.id()).resolve("1-" + info.tags().get(0)));
        JSON.writeValue(tag.getParent().resolve("run.json").toFile(), info);
        var lines = new StringBuilder();
        for (int i = 1; i <= events; i++) {
            lines.append(i % 2 == 1 ? "{\"event\":\"task_start\",\"task\":\"Task " + i + "\"}"
                    : "{\"event\":\"ok\",\"task\":\"Task " + (i - 1) + "\"}").append('\n');
        }
        Files.writeString(tag.resolve("events.jsonl"), lines);
        Files.writeString(tag.resolve("rc"), "0\n");
    }

    private static void awaitStatus(TestServer server, String id, Predicate<RunStatus> wanted) throws InterruptedException {
        Await.until("the awaited status of run " + id, () -> server.runs.get(id).map(r -> wanted.test(r.status())).orElse(false),
                Duration.ofSeconds(60));
    }

    private static RunInfo awaitFinal(TestServer server, String id, Duration timeout) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> server.runs.get(id).filter(r -> r.status().isFinal()), timeout);
    }
}
