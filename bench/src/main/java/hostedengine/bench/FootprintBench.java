package hostedengine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 4. Footprint: cold start (process start to the first 200 of GET /health, each time with a new
 * state directory, so the playbooks are unpacked and the state made afresh) and resident memory.
 * Cold starts are measured three ways: the JVM's default flags, packaging/jvm.options, and
 * jvm.options with the class-data archive the launcher makes (written by one start that stops,
 * as the launcher's first start writes it).
 */
final class FootprintBench {
    private final Sizes sizes;
    private final Path jar;
    private final Path work;
    private final List<String> flags;
    /** Way → cold-start seconds; way → resident memory at that first 200 (MB). */
    final Map<String, List<Double>> coldStartSeconds = new LinkedHashMap<>();
    final Map<String, List<Double>> rssAtStartMb = new LinkedHashMap<>();
    long archiveBytes;
    long idleRssKb;

    static final String DEFAULTS = "JVM defaults, no archive";
    static final String OPTIONS = "jvm.options, no archive";
    static final String ARCHIVE = "jvm.options + class-data archive (as the launcher starts it)";

    FootprintBench(Sizes sizes, Path jar, Path work, List<String> flags) {
        this.sizes = sizes;
        this.jar = jar;
        this.work = work;
        this.flags = flags;
    }

    void coldStarts() throws Exception {
        Path archive = work.resolve("classes.jsa");
        Files.deleteIfExists(archive);
        List<String> dump = new ArrayList<>(flags);
        dump.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        Bench.progress("footprint: writing the class-data archive");
        Path trainState = Files.createTempDirectory(work, "cds-state-");
        try (var server = WizardServer.start(jar, dump, trainState, work.resolve("cds.log"), Map.of())) {
            server.get("/login");
        } finally {
            Tools.deleteTree(trainState);
        }
        archiveBytes = Files.exists(archive) ? Files.size(archive) : 0;
        List<String> withArchive = new ArrayList<>(flags);
        withArchive.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        Map<String, List<String>> ways = new LinkedHashMap<>();
        ways.put(DEFAULTS, List.of());
        ways.put(OPTIONS, flags);
        ways.put(ARCHIVE, withArchive);
        for (int i = 0; i < sizes.coldStarts(); i++) {
            for (var way : ways.entrySet()) { // interleaved, so a change of the machine's load hits every way alike
                Bench.progress("footprint: cold start " + (i + 1) + "/" + sizes.coldStarts() + ", " + way.getKey());
                Path state = Files.createTempDirectory(work, "cold-state-");
                try (var server = WizardServer.start(jar, way.getValue(), state, work.resolve("cold-" + i + ".log"), Map.of())) {
                    coldStartSeconds.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(Stats.s(server.coldStartNanos()));
                    rssAtStartMb.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(server.rssKb() / 1024.0);
                } finally {
                    Tools.deleteTree(state);
                }
            }
        }
    }

    /** The main server's resident memory after it has shown the pages once and sat idle for 3 s. */
    void idle(WizardServer server) throws InterruptedException {
        Thread.sleep(3000);
        idleRssKb = server.rssKb();
    }

    static final List<String> STEPS = List.of("/wizard/vm", "/wizard/engine", "/wizard/prepare", "/wizard/storage", "/wizard/finish");

    /** Resident memory after GET of every wizard step and 3 s idle (for the side-by-side servers, without a browser). */
    static long idleAfterSteps(WizardServer server) throws Exception {
        for (String step : STEPS) server.get(step);
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        return server.rssKb();
    }
}
