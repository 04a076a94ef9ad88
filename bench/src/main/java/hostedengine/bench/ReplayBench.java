package hostedengine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * 3. Replay: the held run is filled up to N events (100,000), then late viewers arrive: an SSE
 * client from event 0 (every event), and the run page in headless Chromium (which asks for the
 * last 500 and the progress up to them). Also the server's heap before and after (after a full
 * GC each time) and at its highest while the SSE client replays (jstat), and the page's log
 * nodes once current and after more live events.
 */
final class ReplayBench {
    private final Sizes sizes;
    private final WizardServer server;
    final List<Double> sseSeconds = new ArrayList<>();
    final List<Double> pageSeconds = new ArrayList<>();
    final List<Long> pageLogNodes = new ArrayList<>();
    final List<Long> pageElements = new ArrayList<>();
    double fillSeconds;
    long events;
    long heapBeforeKb;
    long heapPeakKb;
    long heapAfterKb;
    long liveEvents;
    long logNodesAfterLive;
    long elementsAfterLive;
    double endedSseSeconds = Double.NaN;
    long rssAfterKb;

    ReplayBench(Sizes sizes, WizardServer server) {
        this.sizes = sizes;
        this.server = server;
    }

    void run(LatencyBench.HeldRun held, Browser browser) throws Exception {
        String id = held.id();
        long next = held.nextBenchNumber();
        events = sizes.replayEvents();
        long have = server.run(id).path("events").asLong();
        if (have > events) throw new IOException("the held run already has " + have + " events, more than " + events);
        Bench.progress("replay: filling the run up to " + events + " events");
        long t0 = System.nanoTime();
        for (long left = events - have; left > 0; ) {
            int n = (int) Math.min(1000, left);
            held.appender().appendMany(next, n);
            next += n;
            left -= n;
        }
        server.awaitEvents(id, events, Duration.ofMinutes(5));
        fillSeconds = Stats.s(System.nanoTime() - t0);

        heapBeforeKb = server.heapUsedKb(true);
        var jstat = new HeapSampler(server.pid());
        for (int r = 0; r < sizes.replayReps(); r++) {
            Bench.progress("replay: SSE client from event 0, " + (r + 1) + "/" + sizes.replayReps());
            sseSeconds.add(replaySse(id));
        }
        heapPeakKb = jstat.stop();
        heapAfterKb = server.heapUsedKb(true);

        String url = server.base().resolve("/runs/" + id).toString();
        for (int r = 0; r < sizes.replayReps(); r++) {
            Bench.progress("replay: the run page in Chromium, " + (r + 1) + "/" + sizes.replayReps());
            browser.driver().get("about:blank");
            long p0 = System.nanoTime();
            browser.driver().get(url);
            awaitPageAt(browser, events, Duration.ofSeconds(120));
            pageSeconds.add(Stats.s(System.nanoTime() - p0));
            pageLogNodes.add(logNodes(browser));
            pageElements.add(elements(browser));
        }
        // Events keep coming while the page is open: its log stays bounded.
        liveEvents = Math.max(1000, sizes.replayEvents() / 100);
        Bench.progress("replay: " + liveEvents + " live events with the page open");
        long interval = 1_000_000_000L / 2000;
        long l0 = System.nanoTime();
        for (int k = 0; k < liveEvents; k++) {
            long due = l0 + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            held.appender().append(next++);
        }
        awaitPageAt(browser, events + liveEvents, Duration.ofSeconds(60));
        logNodesAfterLive = logNodes(browser);
        elementsAfterLive = elements(browser);
        rssAfterKb = server.rssKb();

        // The run ends (the hold file appears); a late viewer of the ended run replays from the files.
        Files.writeString(held.stopFile(), "stop\n");
        held.appender().close();
        server.awaitEnd(id, Duration.ofMinutes(2));
        Bench.progress("replay: SSE client from event 0 of the ended run");
        endedSseSeconds = replaySse(id);
    }

    /** Seconds until an SSE client from event 0 has the run's N-th event, with no gap or repeat. */
    private double replaySse(String id) throws Exception {
        var collector = new RunCollector(events);
        long t0 = System.nanoTime();
        try (var stream = new SseStream(server.http(), server.base().resolve(URI.create("/api/runs/" + id + "/events?since=0")), collector)) {
            if (!collector.awaitSeq(300)) throw new IOException("the replay did not reach event " + events + " (at " + collector.lastSeq + ")");
        }
        if (collector.missing != 0 || collector.repeated != 0) {
            throw new IOException("the replay missed " + collector.missing + " and repeated " + collector.repeated + " events");
        }
        return Stats.s(collector.reachedNanos - t0);
    }

    private static void awaitPageAt(Browser browser, long seq, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object at = browser.js("var r = document.getElementById('run'); return r ? r.dataset.lastSeq || '0' : '0';");
            if (Long.parseLong(String.valueOf(at)) >= seq) return;
            if (System.nanoTime() > deadline) throw new IOException("the run page reached event " + at + ", not " + seq);
            Thread.sleep(10);
        }
    }

    private static long logNodes(Browser browser) {
        return ((Number) browser.js("return document.querySelectorAll('#run-log > li').length;")).longValue();
    }

    private static long elements(Browser browser) {
        return ((Number) browser.js("return document.getElementsByTagName('*').length;")).longValue();
    }

    /** The server's used heap (S0U+S1U+EU+OU) every 50 ms from jstat; {@link #stop} returns the highest, in KiB. */
    static final class HeapSampler {
        private final Process jstat;
        private final Thread reader;
        private volatile double max;

        HeapSampler(long pid) throws IOException {
            jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "50").redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                    List<String> header = null;
                    for (String line; (line = in.readLine()) != null; ) {
                        String[] f = line.trim().split("\\s+");
                        if (line.contains("EU")) {
                            header = Arrays.asList(f);
                            continue;
                        }
                        if (header == null || f.length != header.size()) continue;
                        double used = 0;
                        for (String col : List.of("S0U", "S1U", "EU", "OU")) used += Double.parseDouble(f[header.indexOf(col)]);
                        max = Math.max(max, used);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // jstat ended
                }
            }, "jstat-reader");
            reader.setDaemon(true);
            reader.start();
            // jstat is a JVM too: wait for its first sample, or a short replay passes unseen.
            for (int i = 0; i < 600 && max == 0 && reader.isAlive(); i++) LockSupport.parkNanos(50_000_000L);
        }

        long stop() throws InterruptedException {
            jstat.destroy();
            reader.join(5000);
            return (long) max;
        }
    }
}
