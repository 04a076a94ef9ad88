package hostedengine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

// Over 300 lines: the five measurements write one report from one set of options; each measurement is a method here.
/**
 * {@code bin/bench}: measures the run pipeline and the pages against plain Ansible and
 * ansible-runner and writes a Markdown report. See bench/README.md.
 *
 * <pre>
 *   Bench [--quick] [--out FILE] [--jar FILE] [--reps N] [--note TEXT] [--keep] [--only 1,2,3,4,5] [--replay-events N]
 * </pre>
 */
public final class Bench {
    static final double OVERHEAD_TARGET = 1.05;
    static final double P99_TARGET_MS = 50;
    static final double REPLAY_TARGET_S = 2;
    static final long LOG_NODES_BOUND = 500; // run.js MAX_LINES
    static final double COLD_START_TARGET_S = 2;
    static final double RSS_TARGET_MB = 256;
    static final double PAGE_TARGET_KB = 150;

    private static final long T0 = System.nanoTime();

    private Bench() {}

    static void progress(String what) {
        System.err.printf(Locale.ROOT, "bench [%5.1fs] %s%n", Stats.s(System.nanoTime() - T0), what);
    }

    public static void main(String[] args) throws Exception {
        Sizes sizes = Sizes.FULL;
        Path out = null;
        Path jar = Path.of("backend/target/hosted-engine-wizard-all.jar");
        String note = null;
        boolean keep = false;
        Integer reps = null;
        Integer replayEvents = null;
        String only = "12345";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> sizes = Sizes.QUICK;
                case "--out" -> out = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--note" -> note = args[++i];
                case "--keep" -> keep = true;
                case "--only" -> only = args[++i].replace(",", "");
                case "--replay-events" -> replayEvents = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: Bench [--quick] [--out FILE] [--jar FILE] [--reps N] [--note TEXT] [--keep]"
                            + " [--only 1,2,3,4,5] [--replay-events N]");
                    System.exit(2);
                }
            }
        }
        if (reps != null) sizes = sizes.withOverheadReps(reps);
        if (replayEvents != null) sizes = sizes.withReplayEvents(replayEvents);
        if (out == null) out = Path.of(sizes.quick() ? "bench/target/RESULTS-quick.md" : "bench/RESULTS.md");
        System.exit(new Bench.Run(sizes, jar, out, note, keep, only).run());
    }

    /** One run of every benchmark, then the report. */
    private static final class Run {
        private final Sizes sizes;
        private final Path jar;
        private final Path out;
        private final String note;
        private final boolean keep;
        private final Report report = new Report();
        private final List<String> failures = new ArrayList<>();
        private OverheadBench overhead;
        private LatencyBench latency;
        private ReplayBench replay;
        private FootprintBench footprint;
        private PageWeightBench pageWeight;
        private String chromium = "?";
        private final Map<String, String> errors = new java.util.HashMap<>();

        private final String only;

        Run(Sizes sizes, Path jar, Path out, String note, boolean keep, String only) {
            this.only = only;
            this.sizes = sizes;
            this.jar = jar;
            this.out = out;
            this.note = note;
            this.keep = keep;
        }

        int run() throws Exception {
            if (!Files.isRegularFile(jar)) {
                System.err.println("bench: no server jar at " + jar + "; build it first (mvn -B -ntp -q -DskipTests install)");
                return 2;
            }
            Instant started = Instant.now();
            String loadBefore = Machine.loadAverage();
            Path work = Files.createTempDirectory("wizard-bench-");
            long started0 = System.nanoTime();
            try {
                var role = new BenchRole(work.resolve("role"));
                footprint = new FootprintBench(sizes, jar, work);
                progress("starting the server (" + sizes.name() + " sizes), work directory " + work);
                try (var server = WizardServer.start(jar, Files.createDirectories(work.resolve("state")), work.resolve("server.log"),
                        Map.of("HOSTED_ENGINE_WIZARD_BENCH_ROLE", role.dir().toString()))) {
                    server.login();
                    server.answerPrepareVm();
                    server.answerStorage();
                    try (var browser = new Browser(work, server.base(), server.sessionCookie())) {
                        chromium = browser.version();
                        attempt("5", () -> {
                            pageWeight = new PageWeightBench(server);
                            pageWeight.run(browser);
                        });
                        attempt("4", () -> footprint.idle(server));
                        attempt("1", () -> {
                            overhead = new OverheadBench(sizes, server, role, work);
                            overhead.run();
                        });
                        LatencyBench.HeldRun[] held = new LatencyBench.HeldRun[1];
                        attempt("2", () -> {
                            latency = new LatencyBench(sizes, server, role, work);
                            held[0] = latency.run();
                        });
                        attempt("3", () -> {
                            if (held[0] == null) throw new IllegalStateException("no run left by the latency benchmark");
                            replay = new ReplayBench(sizes, server);
                            replay.run(held[0], browser);
                        });
                        if (latency != null) latency.release();
                    }
                }
                attempt("4", footprint::coldStarts);
            } finally {
                if (keep) progress("kept " + work);
                else Tools.deleteTree(work);
            }
            head(started, loadBefore, Stats.s(System.nanoTime() - started0));
            render();
            report.write(out);
            progress("wrote " + out.toAbsolutePath() + (failures.isEmpty() ? "" : "; FAILED: " + failures));
            return failures.isEmpty() ? 0 : 1;
        }

        private interface Step {
            void run() throws Exception;
        }

        private void attempt(String section, Step step) {
            boolean needed = only.contains(section) || (section.equals("2") && only.contains("3"));
            if (!needed) return;
            try {
                step.run();
            } catch (Exception | AssertionError e) {
                progress("section " + section + " failed: " + e);
                e.printStackTrace();
                failures.add(section);
                errors.merge(section, String.valueOf(e).replace('\n', ' '), (x, y) -> x + "; " + y);
            }
        }

        private void head(Instant started, String loadBefore, double seconds) {
            report.head("| | |\n|---|---|");
            report.head("| Date | " + started.truncatedTo(ChronoUnit.SECONDS) + " (" + String.format(Locale.ROOT, "%.0f", seconds)
                    + " s for the whole bench) |");
            report.head("| Sizes | " + sizes.name() + (sizes.quick() ? " (`--quick`: tiny sizes, not for comparison)" : "") + " |");
            report.head("| Machine | " + Machine.cpu() + ", " + Machine.memory() + " |");
            report.head("| System | " + Machine.os() + " |");
            report.head("| Load average | " + loadBefore + " at the start, " + Machine.loadAverage() + " at the end |");
            report.head("| Software | Java " + System.getProperty("java.version") + ", " + Machine.ansible()
                    + ", ansible-runner " + Machine.ansibleRunner() + ", Chromium " + chromium + " |");
            report.head("| Server | `java -jar hosted-engine-wizard-all.jar --no-tls --simulate` with the JVM's default flags ("
                    + Machine.defaultMaxHeap() + ") |");
            if (note != null && !note.isBlank()) report.head("| Note | " + note + " |");
        }

        private void failedSection(String section) {
            if (errors.containsKey(section)) report.para("**FAILED**: " + errors.get(section));
        }

        private void render() {
            renderOverhead();
            renderLatency();
            renderReplay();
            renderFootprint();
            renderPageWeight();
        }

        private void renderOverhead() {
            report.section("1. Runner overhead");
            failedSection("1");
            if (overhead == null || overhead.c.isEmpty()) return;
            report.para("A generated playbook of " + sizes.tasks() + " `debug` tasks, split over Prepare VM's two tags (so every way "
                    + "runs two `ansible-playbook` invocations, as the server does; " + BenchRole.expectedEvents(sizes.tasks())
                    + " events). (a) `ansible-playbook` with our callback and the server's environment and variables, tag after "
                    + "tag; (b) `ansible-runner run` (its own event callback, one JSON file per event), tag after tag; (c) the "
                    + "server: from `POST /wizard/prepare/run` to the last event at an SSE client connected from event 0. "
                    + "After one small warm-up of each, repetitions rotate the order.");
            var a = OverheadBench.seconds(overhead.a);
            var b = OverheadBench.seconds(overhead.b);
            var c = OverheadBench.seconds(overhead.c);
            var ca = OverheadBench.ratio(overhead.c, overhead.a);
            var cb = OverheadBench.ratio(overhead.c, overhead.b);
            var ba = OverheadBench.ratio(overhead.b, overhead.a);
            report.table(List.of("Way", "Wall time (s)", "Ratio"), List.of(
                    List.of("(a) ansible-playbook + our callback", a.format("%.2f"), "1"),
                    List.of("(b) ansible-runner", b.format("%.2f"), "b/a " + ba.format("%.3f")),
                    List.of("(c) through the server, to the last SSE event", c.format("%.2f"),
                            "c/a " + ca.format("%.3f") + ", c/b " + cb.format("%.3f"))));
            var pa = OverheadBench.breakdown(overhead.a);
            var pc = OverheadBench.breakdown(overhead.c);
            List<String> names = List.of("start to the first event (process or POST)", "tag 1, first to last event",
                    "tag 1's last event to tag 2's first", "tag 2, first to last event",
                    "tag 2's last event to the end (exit of (a); its arrival at the SSE client in (c))");
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                rows.add(List.of(names.get(i), pa.get(i).format("%.3f"), pc.get(i).format("%.3f"),
                        Stats.num("%+.3f", pc.get(i).median() - pa.get(i).median())));
            }
            report.para("Where the time goes, from the timestamps our callback writes into each event (seconds):");
            report.table(List.of("Part", "(a)", "(c)", "(c) − (a)"), rows);
            boolean caMet = ca.median() <= OVERHEAD_TARGET;
            report.target(new Report.Target("Overhead c/a", "≤ " + OVERHEAD_TARGET, ca.format("%.3f"), caMet,
                    Stats.num("%.1f", (ca.median() - OVERHEAD_TARGET) * 100) + " points over",
                    overheadWhy(pa, pc, a.median(), c.median())));
            report.target(new Report.Target("Overhead c ≤ b", "c/b ≤ 1", cb.format("%.3f"), cb.median() <= 1,
                    Stats.num("%.1f", (cb.median() - 1) * 100) + " % slower than ansible-runner",
                    "see the breakdown in section 1"));
        }

        private static String overheadWhy(List<Stats.Summary> pa, List<Stats.Summary> pc, double a, double c) {
            List<String> names = List.of("start", "tag 1", "the switch between tags", "tag 2", "the end");
            int worst = 0;
            for (int i = 1; i < pa.size(); i++) {
                if (pc.get(i).median() - pa.get(i).median() > pc.get(worst).median() - pa.get(worst).median()) worst = i;
            }
            return String.format(Locale.ROOT, "(c) takes %.2f s more than (a); the largest share, %.2f s, is in %s "
                    + "(section 1's breakdown).", c - a, pc.get(worst).median() - pa.get(worst).median(), names.get(worst))
                    + " " + Explanations.OVERHEAD;
        }

        private void renderLatency() {
            report.section("2. Event latency");
            failedSection("2");
            if (latency == null || latency.results.isEmpty()) return;
            report.para("A run holds (its one task waits for a file) while the bench appends event lines to the run's "
                    + "`events.jsonl` at a steady rate, one write per line as our callback does. Latency: from just before a "
                    + "line's write to the arrival of its event at an SSE client (both on the bench's clock). Clients connect "
                    + "before the first line; lost = lines a client never got, duplicated = lines it got twice. The bench's "
                    + "clients run on the same machine as the server.");
            List<List<String>> rows = new ArrayList<>();
            long lost = 0;
            long dup = 0;
            LatencyBench.Result hardest = null;
            for (LatencyBench.Result r : latency.results) {
                rows.add(List.of(String.valueOf(r.config().clients()), String.valueOf(r.config().rate()),
                        String.valueOf(r.config().events()), ms(r.p50()), ms(r.p95()), ms(r.p99()), ms(r.max()),
                        String.valueOf(r.lost()), String.valueOf(r.repeated()), Stats.num("%.0f", r.rssMaxKb() / 1024.0)));
                lost += r.lost();
                dup += r.repeated();
                if (r.config().clients() == sizes.maxClients() && r.config().rate() == sizes.maxRate()) hardest = r;
            }
            report.table(List.of("Clients", "Events/s", "Events", "p50 ms", "p95 ms", "p99 ms", "max ms", "Lost",
                    "Duplicated", "Server RSS max (MB)"), rows);
            if (hardest != null) {
                double p99 = Stats.ms(hardest.p99());
                report.target(new Report.Target("p99 latency, " + sizes.maxRate() + " events/s, " + sizes.maxClients() + " clients",
                        "≤ " + (int) P99_TARGET_MS + " ms", Stats.num("%.1f ms", p99), p99 <= P99_TARGET_MS,
                        Stats.num("%.1f ms over", p99 - P99_TARGET_MS), Explanations.LATENCY));
            }
            report.target(new Report.Target("Lost / duplicated events", "0 / 0", lost + " / " + dup, lost == 0 && dup == 0,
                    lost + " lost, " + dup + " duplicated", Explanations.LOST));
        }

        private void renderReplay() {
            report.section("3. Replay");
            failedSection("3");
            if (replay == null || replay.pageSeconds.isEmpty()) return;
            report.para("The held run filled to " + replay.events + " events; then late viewers. The run page asks for the last "
                    + LOG_NODES_BOUND + " events and the progress up to them; the SSE client asks for every event from 0. "
                    + "Heap: used after a full GC before and after the SSE replays, and the highest used (garbage included) "
                    + "during them (jstat every 50 ms).");
            var page = Stats.Summary.of(replay.pageSeconds);
            var sse = Stats.Summary.of(replay.sseSeconds);
            long nodes = replay.pageLogNodes.stream().mapToLong(Long::longValue).max().orElse(-1);
            long elements = replay.pageElements.stream().mapToLong(Long::longValue).max().orElse(-1);
            report.table(List.of("Figure", "Value"), List.of(
                    List.of("Filling the run (" + replay.events + " events appended, until the server counted them)", Stats.num("%.2f s", replay.fillSeconds)),
                    List.of("Run page in Chromium: navigation to current (last event shown)", page.format("%.2f") + " s"),
                    List.of("Run page: log nodes / all DOM elements once current", nodes + " / " + elements),
                    List.of("Run page: log nodes / all DOM elements after " + replay.liveEvents + " more live events",
                            replay.logNodesAfterLive + " / " + replay.elementsAfterLive),
                    List.of("SSE client from event 0 (running run): to current", sse.format("%.2f") + " s"),
                    List.of("SSE client from event 0 (the same run, ended): to current", Stats.num("%.2f s", replay.endedSseSeconds)),
                    List.of("Server heap used after GC, before → after the SSE replays",
                            Stats.num("%.1f", replay.heapBeforeKb / 1024.0) + " → " + Stats.num("%.1f MB", replay.heapAfterKb / 1024.0)
                                    + " (" + Stats.num("%+.1f MB", (replay.heapAfterKb - replay.heapBeforeKb) / 1024.0) + ")"),
                    List.of("Server heap used, highest during the SSE replays (garbage included)",
                            Stats.num("%.1f MB", replay.heapPeakKb / 1024.0) + " (" + Stats.num("%+.1f MB", (replay.heapPeakKb - replay.heapBeforeKb) / 1024.0) + ")")));
            report.target(new Report.Target("Replay of " + replay.events + " events: page current", "< " + (int) REPLAY_TARGET_S + " s",
                    page.format("%.2f") + " s", page.median() < REPLAY_TARGET_S,
                    Stats.num("%.2f s over", page.median() - REPLAY_TARGET_S), Explanations.REPLAY));
            long worstNodes = Math.max(nodes, replay.logNodesAfterLive);
            report.target(new Report.Target("Page log nodes bounded", "≤ " + LOG_NODES_BOUND, String.valueOf(worstNodes),
                    worstNodes <= LOG_NODES_BOUND, (worstNodes - LOG_NODES_BOUND) + " over", "run.js trims its log to MAX_LINES"));
        }

        private void renderFootprint() {
            report.section("4. Footprint");
            failedSection("4");
            var cold = Stats.Summary.of(footprint == null ? List.of() : footprint.coldStartSeconds);
            var rssStart = Stats.Summary.of(footprint == null ? List.of() : footprint.rssAtStartMb);
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Cold start: process start to the first 200 (GET /health), new state directory each time", cold.format("%.2f") + " s"));
            rows.add(List.of("Resident memory at that first 200", rssStart.format("%.0f") + " MB"));
            double idle = footprint == null ? Double.NaN : footprint.idleRssKb / 1024.0;
            rows.add(List.of("Resident memory idle (after serving every wizard step once, 3 s idle)", Stats.num("%.0f MB", idle)));
            double during = latency == null ? Double.NaN : latency.rssMaxKb / 1024.0;
            rows.add(List.of("Resident memory, highest during test 2 (sampled every 50 ms)", Stats.num("%.0f MB", during)));
            if (replay != null) rows.add(List.of("Resident memory after test 3 (" + replay.events + "-event run, page open)", Stats.num("%.0f MB", replay.rssAfterKb / 1024.0)));
            report.table(List.of("Figure", "Value"), rows);
            if (!cold.format("%.2f").equals("n/a")) report.target(new Report.Target("Cold start", "< " + (int) COLD_START_TARGET_S + " s", cold.format("%.2f") + " s",
                    cold.median() < COLD_START_TARGET_S, Stats.num("%.2f s over", cold.median() - COLD_START_TARGET_S), Explanations.COLD_START));
            if (idle > 0) report.target(new Report.Target("Resident memory idle", "< " + (int) RSS_TARGET_MB + " MB", Stats.num("%.0f MB", idle),
                    idle < RSS_TARGET_MB, Stats.num("%.0f MB over", idle - RSS_TARGET_MB), Explanations.MEMORY));
            if (!Double.isNaN(during)) report.target(new Report.Target("Resident memory during test 2", "< " + (int) RSS_TARGET_MB + " MB", Stats.num("%.0f MB", during),
                    during < RSS_TARGET_MB, Stats.num("%.0f MB over", during - RSS_TARGET_MB), Explanations.MEMORY));
        }

        private void renderPageWeight() {
            report.section("5. Page weight");
            failedSection("5");
            if (pageWeight == null || pageWeight.pages.isEmpty()) return;
            report.para("Each wizard step opened in Chromium with an empty cache; bytes as Resource Timing counts them "
                    + "(`transferSize`: compressed bodies plus headers) for the page and everything it loads, and the same "
                    + "decoded. Every resource was fetched again with `Accept-Encoding: gzip` to check the server compresses it.");
            List<List<String>> rows = new ArrayList<>();
            double worst = 0;
            String worstPage = "";
            for (PageWeightBench.Page p : pageWeight.pages) {
                double kb = p.transferred() / 1024.0;
                if (kb > worst) {
                    worst = kb;
                    worstPage = p.path();
                }
                rows.add(List.of("`" + p.path() + "`", String.valueOf(p.requests()), Stats.num("%.1f", kb),
                        Stats.num("%.1f", p.decoded() / 1024.0), p.uncompressed().isEmpty() ? "none" : String.join(", ", p.uncompressed())));
            }
            report.table(List.of("Step", "Requests", "Transferred (KB)", "Decoded (KB)", "Sent uncompressed (> 1,500 bytes)"), rows);
            report.target(new Report.Target("Each step's first load", "< " + (int) PAGE_TARGET_KB + " KB compressed",
                    Stats.num("%.1f KB", worst) + " (largest, `" + worstPage + "`)", worst < PAGE_TARGET_KB,
                    Stats.num("%.1f KB over", worst - PAGE_TARGET_KB), Explanations.PAGE_WEIGHT));
        }

        private static String ms(long nanos) { return Stats.num("%.1f", Stats.ms(nanos)); }
    }
}
