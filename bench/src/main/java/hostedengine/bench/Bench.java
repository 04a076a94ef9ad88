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
 *   Bench [--quick] [--out FILE] [--jar FILE] [--jvm-options FILE] [--reps N] [--note TEXT] [--keep] [--only 1,2,3,4,5,6]
 *         [--replay-events N]
 * </pre>
 */
public final class Bench {
    static final double OVERHEAD_TARGET = 1.05;
    static final double P99_TARGET_MS = 50;
    static final double REPLAY_TARGET_S = 2;
    static final long LOG_NODES_BOUND = 500; // run.js MAX_LINES
    static final double COLD_START_TARGET_S = 1;
    static final double RSS_TARGET_MB = 256;
    static final double RSS_IDLE_TARGET_MB = 128;
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
        String only = "123456";
        Path jvmOptions = JvmOptions.FILE;
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
                case "--jvm-options" -> jvmOptions = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: Bench [--quick] [--out FILE] [--jar FILE] [--reps N] [--note TEXT] [--keep]"
                            + " [--only 1,2,3,4,5,6] [--replay-events N] [--jvm-options FILE]");
                    System.exit(2);
                }
            }
        }
        if (reps != null) sizes = sizes.withOverheadReps(reps);
        if (replayEvents != null) sizes = sizes.withReplayEvents(replayEvents);
        if (out == null) out = Path.of(sizes.quick() ? "bench/target/RESULTS-quick.md" : "bench/RESULTS.md");
        System.exit(new Bench.Run(sizes, jar, out, note, keep, only, JvmOptions.read(jvmOptions)).run());
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
        private final List<String> flags;
        private LimitsBench limits;
        /** The JVM flags side by side: label → {idle RSS KB, latency result at the hardest setting}. */
        private final Map<String, Object[]> sideBySide = new java.util.LinkedHashMap<>();

        Run(Sizes sizes, Path jar, Path out, String note, boolean keep, String only, List<String> flags) {
            this.only = only;
            this.flags = flags;
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
                footprint = new FootprintBench(sizes, jar, work, flags);
                progress("starting the server (" + sizes.name() + " sizes), work directory " + work);
                try (var server = WizardServer.start(jar, flags, Files.createDirectories(work.resolve("state")), work.resolve("server.log"),
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
                        attempt("6", () -> {
                            limits = new LimitsBench(sizes, server);
                            limits.users();
                            limits.nameChecks();
                            limits.flood();
                        });
                    }
                }
                attempt("4", () -> jvmFlagsSideBySide(work));
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

        /**
         * The JVM's defaults and jvm.options in one run: a fresh server each, its idle memory after
         * every step was shown, then the latency benchmark's hardest setting (resident memory and p99).
         */
        private void jvmFlagsSideBySide(Path work) throws Exception {
            Map<String, List<String>> ways = new java.util.LinkedHashMap<>();
            ways.put("JVM defaults (before)", List.of());
            ways.put("jvm.options (now)", flags);
            int n = 0;
            for (var way : ways.entrySet()) {
                n++;
                progress("side by side: " + way.getKey());
                Path dir = Files.createDirectories(work.resolve("side-" + n));
                var role = new BenchRole(dir.resolve("role"));
                try (var server = WizardServer.start(jar, way.getValue(), Files.createDirectories(dir.resolve("state")),
                        dir.resolve("server.log"), Map.of("HOSTED_ENGINE_WIZARD_BENCH_ROLE", role.dir().toString()))) {
                    server.login();
                    server.answerPrepareVm();
                    server.answerStorage();
                    long idle = FootprintBench.idleAfterSteps(server);
                    var bench = new LatencyBench(sizes.hardestLatencyOnly(), server, role, dir);
                    bench.run();
                    bench.release();
                    sideBySide.put(way.getKey(), new Object[] {idle, bench.results.get(0)});
                }
            }
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
            report.head("| Server | `java " + String.join(" ", flags) + " -jar hosted-engine-wizard-all.jar --no-tls --simulate`"
                    + " (the flags of packaging/jvm.options, as bin/run and the launcher use them; section 4 also runs the JVM's"
                    + " defaults: " + Machine.defaultMaxHeap() + ") |");
            if (note != null && !note.isBlank()) report.head("| Note | " + note + " |");
        }

        private void failedSection(String section) {
            if (errors.containsKey(section)) report.para("**FAILED**: " + errors.get(section));
        }

        private void render() {
            // The figures of the last full report before issue #13 (quiet machine; bench/RESULTS.md of that date).
            report.before("Before (2026-12-06T10:25Z, full run)", Map.of(
                    "Overhead c/a", "1.037", "Overhead c ≤ b", "1.022", "p99 latency", "503.9 ms", "Lost / duplicated", "0 / 0",
                    "Replay of", "0.79 s", "Page log nodes", "500", "Cold start", "1.89 s (no archive, JVM defaults)",
                    "Resident memory idle", "259 MB", "Resident memory during test 2", "1006 MB", "Each step's first load", "41.1 KB"));
            renderOverhead();
            renderLatency();
            renderReplay();
            renderFootprint();
            renderPageWeight();
            renderLimits();
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
            List<List<String>> rows = new ArrayList<>();
            Stats.Summary cold = Stats.Summary.of(List.of());
            if (footprint != null) {
                for (var way : footprint.coldStartSeconds.entrySet()) {
                    var c = Stats.Summary.of(way.getValue());
                    var r = Stats.Summary.of(footprint.rssAtStartMb.get(way.getKey()));
                    rows.add(List.of("Cold start, " + way.getKey() + ": process start to the first 200 (GET /health), new state"
                            + " directory each time", c.format("%.2f") + " s (resident memory then " + r.format("%.0f") + " MB)"));
                    if (way.getKey().equals(FootprintBench.ARCHIVE)) cold = c;
                }
                if (footprint.archiveBytes > 0) rows.add(List.of("Class-data archive (written by one start that stopped)",
                        Stats.num("%.1f MB", footprint.archiveBytes / 1024.0 / 1024.0)));
            }
            double idle = footprint == null ? Double.NaN : footprint.idleRssKb / 1024.0;
            rows.add(List.of("Resident memory idle (after serving every wizard step once, 3 s idle)", Stats.num("%.0f MB", idle)));
            double during = latency == null ? Double.NaN : latency.rssMaxKb / 1024.0;
            rows.add(List.of("Resident memory, highest during test 2 (sampled every 50 ms)", Stats.num("%.0f MB", during)));
            if (replay != null) rows.add(List.of("Resident memory after test 3 (" + replay.events + "-event run, page open)", Stats.num("%.0f MB", replay.rssAfterKb / 1024.0)));
            report.table(List.of("Figure", "Value"), rows);
            if (!sideBySide.isEmpty()) {
                report.para("The JVM flags side by side, in this run: for each, a fresh server; its resident memory after every "
                        + "wizard step was fetched once and 3 s idle; then test 2 at its hardest setting (" + sizes.maxRate()
                        + " events/s to " + sizes.maxClients() + " clients). jvm.options: `" + JvmOptions.shown(flags) + "`.");
                List<List<String>> side = new ArrayList<>();
                for (var e : sideBySide.entrySet()) {
                    long idleKb = (Long) e.getValue()[0];
                    var r = (LatencyBench.Result) e.getValue()[1];
                    side.add(List.of(e.getKey(), Stats.num("%.0f", idleKb / 1024.0), Stats.num("%.0f", r.rssMaxKb() / 1024.0),
                            ms(r.p50()), ms(r.p99()), r.lost() + " / " + r.repeated()));
                }
                report.table(List.of("JVM flags", "RSS idle (MB)", "RSS max under load (MB)", "p50 ms", "p99 ms", "Lost / duplicated"), side);
            }
            if (!cold.format("%.2f").equals("n/a")) report.target(new Report.Target("Cold start (with the class-data archive)",
                    "< " + (int) COLD_START_TARGET_S + " s", cold.format("%.2f") + " s",
                    cold.median() < COLD_START_TARGET_S, Stats.num("%.2f s over", cold.median() - COLD_START_TARGET_S), Explanations.COLD_START));
            if (idle > 0) report.target(new Report.Target("Resident memory idle", "≤ " + (int) RSS_IDLE_TARGET_MB + " MB", Stats.num("%.0f MB", idle),
                    idle <= RSS_IDLE_TARGET_MB, Stats.num("%.0f MB over", idle - RSS_IDLE_TARGET_MB), Explanations.MEMORY));
            if (!Double.isNaN(during)) report.target(new Report.Target("Resident memory during test 2", "≤ " + (int) RSS_TARGET_MB + " MB", Stats.num("%.0f MB", during),
                    during <= RSS_TARGET_MB, Stats.num("%.0f MB over", during - RSS_TARGET_MB), Explanations.MEMORY));
        }

        private void renderLimits() {
            report.section("6. Limits");
            failedSection("6");
            if (limits == null) return;
            var l = limits;
            report.para("(a) " + l.users + " users, each logged in with a single-use link of their own (filed as `hosted-engine-wizard"
                    + " login-link` files it), walk VM, Engine and Storage " + sizes.walks() + " time(s) at once: GET the step, then POST"
                    + " its check (`/api/wizard/{step}/check`: the answers saved and validated). (b) " + l.floods + " anonymous `POST /login`"
                    + " with a multipart body of " + l.floodBodyBytes / (1024 * 1024) + " MB each, at once, streamed from a raw socket; while"
                    + " they last, a single-use link is spent every 200 ms. Disk: the server's `write_bytes` (/proc/PID/io), and the"
                    + " growth of the state directory and of the system temporary directory (other processes may write there too)."
                    + " (c) " + l.nameRequests + " FQDN checks from one user in about a second (each a new name, saved by the VM"
                    + " step's check, then `POST /api/wizard/vm/names`); every `ansible-playbook` whose command names the server's state"
                    + " directory is counted (polled every 20 ms), and the runs it recorded.");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("(a) requests per second (GET step + POST check), " + l.users + " users",
                    Stats.num("%.0f", l.walkRequests / l.walkSeconds) + " (" + l.walkRequests + " in " + Stats.num("%.1f s", l.walkSeconds)
                            + ", " + l.walkErrors + " not 200)"));
            rows.add(List.of("(a) a step's check: p50 / p99", ms(l.checkP50) + " / " + ms(l.checkP99) + " ms"));
            rows.add(List.of("(b) bytes the server took of each body (on average, as the sockets sent them)",
                    Stats.num("%.1f MB", l.floodSentBytes / (double) Math.max(1, l.floods) / 1024 / 1024) + " of "
                            + l.floodBodyBytes / (1024 * 1024) + " MB; answers: " + String.join(", ", new java.util.TreeSet<>(l.floodAnswers))));
            rows.add(List.of("(b) written to disk by the server during the flood (write_bytes)", Stats.num("%.1f MB", l.floodWriteBytes / 1048576.0)));
            rows.add(List.of("(b) growth of the state directory / of the system temporary directory",
                    Stats.num("%.1f", l.floodStateGrowth / 1048576.0) + " / " + Stats.num("%.1f MB", l.floodTmpGrowth / 1048576.0)));
            rows.add(List.of("(b) resident memory, highest during the flood", Stats.num("%.0f MB", l.floodRssMaxKb / 1024.0)));
            rows.add(List.of("(b) logins during the flood: time to a session (single-use link)",
                    Stats.Summary.of(l.loginSecondsDuring).format("%.3f") + " s, " + l.loginFailuresDuring + " failed"));
            rows.add(List.of("(c) requests sent / seconds", l.nameRequests * 2 + " / " + Stats.num("%.2f", l.nameSeconds)));
            rows.add(List.of("(c) ansible-playbook processes started / most at once / runs recorded",
                    l.ansibleProcesses + " / " + l.ansibleMaxAtOnce + " / " + l.newRuns));
            report.table(List.of("Figure", "Value"), rows);
            report.target(new Report.Target("(a) " + l.users + " users: a step's check p99", "≤ " + (int) P99_TARGET_MS + " ms",
                    ms(l.checkP99) + " ms", Stats.ms(l.checkP99) <= P99_TARGET_MS, Stats.num("%.1f ms over", Stats.ms(l.checkP99) - P99_TARGET_MS),
                    "Queueing, not a slow check: the " + l.users + " users send their next request as soon as one is answered (no time"
                            + " between steps), so about " + l.users + " requests are waiting at any moment, and at "
                            + Stats.num("%.0f", l.walkRequests / l.walkSeconds) + " requests/s each waits about "
                            + Stats.num("%.2f", l.users / (l.walkRequests / l.walkSeconds)) + " s (Little's law), close to the p50. That"
                            + " rate is the server's capacity on 2 CPUs shared with the bench's " + l.users + " client threads,"
                            + " far above 200 people's pace; the p99 adds the scheduling of 200 threads on 2 CPUs."));
            boolean noDisk = l.floodWriteBytes < 1024 * 1024 && l.floodStateGrowth < 1024 * 1024;
            report.target(new Report.Target("(b) anonymous multipart flood: bytes written to disk", "0", Stats.num("%.1f MB", l.floodWriteBytes / 1048576.0),
                    noDisk, "spooled to disk", Explanations.FLOOD));
            report.target(new Report.Target("(b) memory during the flood", "≤ " + (int) RSS_TARGET_MB + " MB", Stats.num("%.0f MB", l.floodRssMaxKb / 1024.0),
                    l.floodRssMaxKb / 1024.0 <= RSS_TARGET_MB, Stats.num("%.0f MB over", l.floodRssMaxKb / 1024.0 - RSS_TARGET_MB), Explanations.MEMORY));
            report.target(new Report.Target("(b) logins answered during the flood", "all", l.loginSecondsDuring.size() + " of "
                    + (l.loginSecondsDuring.size() + l.loginFailuresDuring), l.loginFailuresDuring == 0, l.loginFailuresDuring + " failed", ""));
            report.target(new Report.Target("(c) ansible-playbook runs at once after " + l.nameRequests + " FQDN checks", "≤ " + LimitsBench.NAME_CHECK_CAP,
                    String.valueOf(l.ansibleMaxAtOnce), l.ansibleMaxAtOnce <= LimitsBench.NAME_CHECK_CAP,
                    (l.ansibleMaxAtOnce - LimitsBench.NAME_CHECK_CAP) + " over", "host/RoleHostnameChecks caps pending checks at "
                            + LimitsBench.NAME_CHECK_CAP + "."));
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
