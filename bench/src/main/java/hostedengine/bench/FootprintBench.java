package hostedengine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 4. Footprint: cold start (process start to the first 200 of GET /health, each time with a new
 * state directory, so the playbooks are unpacked and the state made afresh) and resident memory.
 */
final class FootprintBench {
    private final Sizes sizes;
    private final Path jar;
    private final Path work;
    final List<Double> coldStartSeconds = new ArrayList<>();
    final List<Double> rssAtStartMb = new ArrayList<>();
    long idleRssKb;

    FootprintBench(Sizes sizes, Path jar, Path work) {
        this.sizes = sizes;
        this.jar = jar;
        this.work = work;
    }

    void coldStarts() throws Exception {
        for (int i = 0; i < sizes.coldStarts(); i++) {
            Bench.progress("footprint: cold start " + (i + 1) + "/" + sizes.coldStarts());
            Path state = Files.createTempDirectory(work, "cold-state-");
            try (var server = WizardServer.start(jar, state, work.resolve("cold-" + i + ".log"), Map.of())) {
                coldStartSeconds.add(Stats.s(server.coldStartNanos()));
                rssAtStartMb.add(server.rssKb() / 1024.0);
            } finally {
                Tools.deleteTree(state);
            }
        }
    }

    /** The main server's resident memory after it has shown the pages once and sat idle for 3 s. */
    void idle(WizardServer server) throws InterruptedException {
        Thread.sleep(3000);
        idleRssKb = server.rssKb();
    }
}
