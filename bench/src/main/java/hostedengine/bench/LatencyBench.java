package hostedengine.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * 2. Event latency: a run of the bench role holds (one task waits for a file) while the bench
 * appends lines to the run's events.jsonl at a set rate; 1, 10 or 50 SSE clients follow the run.
 * Latency is from just before a line's write to the moment its event's last SSE line was read
 * by a client, on one clock (this JVM's). The run is kept for the replay benchmark.
 */
final class LatencyBench {
    record Config(int clients, int rate, int events) {}

    record Result(Config config, long samples, long p50, long p95, long p99, long max, long lost, long repeated,
                  long rssMaxKb, double seconds) {}

    /** The run the latency benchmark leaves behind, still holding, for the replay benchmark. */
    record HeldRun(String id, Path stopFile, EventAppender appender, long nextBenchNumber) {}

    private final Sizes sizes;
    private final WizardServer server;
    private final BenchRole role;
    private final Path work;
    final List<Result> results = new ArrayList<>();
    long rssMaxKb;
    private AtomicLongArray written;
    private String heldId;
    private Path heldStop;
    private long next;

    LatencyBench(Sizes sizes, WizardServer server, BenchRole role, Path work) {
        this.sizes = sizes;
        this.server = server;
        this.role = role;
        this.work = work;
    }

    HeldRun run() throws Exception {
        Path stop = work.resolve("stop-held-run");
        Files.deleteIfExists(stop);
        role.hold(stop);
        String id = server.startPrepareVm();
        heldId = id;
        heldStop = stop;
        // playbook_start, play_start, task_start of the holding task: from then on only the bench writes.
        server.awaitEvents(id, 3, Duration.ofSeconds(120));
        Path events = server.runDir(id).resolve("1-" + BenchRole.PREPARE_VM_TAGS.get(0)).resolve("events.jsonl");
        var appender = new EventAppender(events);
        long total = 0;
        List<Config> configs = new ArrayList<>();
        for (int rate : sizes.rates()) {
            for (int clients : sizes.clients()) {
                int n = (int) Math.round(rate * (rate >= 1000 ? sizes.secondsFast() : sizes.secondsSlow()));
                configs.add(new Config(clients, rate, n));
                total += n;
            }
        }
        written = new AtomicLongArray((int) total);
        long seqBefore = server.run(id).path("events").asLong();
        for (Config config : configs) {
            Bench.progress("latency: " + config.clients() + " client(s), " + config.rate() + " events/s, " + config.events() + " events");
            results.add(measure(id, appender, config, seqBefore + next));
        }
        return new HeldRun(id, stop, appender, next);
    }

    /**
     * Ends the held run (its task waits for the stop file) if the replay did not: it runs detached,
     * so stopping the server would leave it waiting.
     */
    void release() {
        if (heldStop == null) return;
        try {
            if (!Files.exists(heldStop)) Files.writeString(heldStop, "stop\n");
            server.awaitEnd(heldId, Duration.ofMinutes(2));
        } catch (Exception e) {
            Bench.progress("could not end the held run " + heldId + ": " + e);
        }
    }

    private Result measure(String id, EventAppender appender, Config config, long since) throws Exception {
        long first = next;
        int count = config.events();
        List<Client> clients = new ArrayList<>();
        URI uri = server.base().resolve("/api/runs/" + id + "/events?since=" + since);
        for (int i = 0; i < config.clients(); i++) clients.add(new Client(first, count));
        List<SseStream> streams = new ArrayList<>();
        for (Client c : clients) streams.add(new SseStream(server.http(), uri, c));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (clients.stream().anyMatch(c -> !c.subscribed)) {
            if (System.nanoTime() > deadline) throw new IOException("not every SSE client connected within 60 s");
            Thread.sleep(10);
        }
        Thread.sleep(300); // the server subscribes each client just after its first (progress) event
        var sampler = new RssSampler(server);
        long t0 = System.nanoTime();
        long interval = 1_000_000_000L / config.rate();
        for (int k = 0; k < count; k++) {
            long due = t0 + k * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 200_000) LockSupport.parkNanos(wait - 100_000);
                else Thread.onSpinWait();
            }
            written.set((int) (first + k), System.nanoTime());
            appender.append(first + k);
        }
        double seconds = Stats.s(System.nanoTime() - t0);
        next += count;
        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (clients.stream().anyMatch(c -> c.received.get() < count && !c.gone) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long rss = sampler.stop();
        rssMaxKb = Math.max(rssMaxKb, rss);
        for (SseStream s : streams) s.close();
        long samples = 0;
        long lost = 0;
        long repeated = 0;
        for (Client c : clients) {
            samples += c.received.get();
            lost += count - c.received.get();
            repeated += c.repeated;
        }
        long[] all = new long[(int) samples];
        int at = 0;
        for (Client c : clients) {
            int n = c.received.get();
            System.arraycopy(c.latency, 0, all, at, n);
            at += n;
        }
        long[] sorted = Stats.sorted(all, at);
        return new Result(config, samples, Stats.percentile(sorted, 50), Stats.percentile(sorted, 95),
                Stats.percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1], lost, repeated, rss, seconds);
    }

    /** One SSE client: which of this round's lines it got, how late, and any repeat. */
    private final class Client implements SseStream.Listener {
        final long first;
        final int count;
        final BitSet seen;
        final long[] latency;
        final AtomicInteger received = new AtomicInteger();
        volatile long repeated;
        volatile boolean subscribed;
        volatile boolean gone;

        Client(long first, int count) {
            this.first = first;
            this.count = count;
            this.seen = new BitSet(count);
            this.latency = new long[count];
        }

        @Override
        public void event(String type, String id, String data, long arrivedNanos) {
            if ("progress".equals(type)) {
                subscribed = true;
                return;
            }
            if (!"run-event".equals(type)) return;
            long n = EventAppender.benchNumber(data);
            if (n < first || n >= first + count) return;
            int k = (int) (n - first);
            if (seen.get(k)) {
                repeated++;
                return;
            }
            seen.set(k);
            latency[received.get()] = arrivedNanos - written.get((int) n);
            received.incrementAndGet();
        }

        @Override
        public void ended(Throwable error) {
            gone = true;
        }
    }

    /** Samples the server's resident memory every 50 ms; {@link #stop} returns the largest. */
    static final class RssSampler {
        private final Thread thread;
        private volatile boolean stop;
        private volatile long max;

        RssSampler(WizardServer server) {
            thread = new Thread(() -> {
                while (!stop) {
                    max = Math.max(max, server.rssKb());
                    LockSupport.parkNanos(50_000_000L);
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            stop = true;
            thread.join();
            return max;
        }
    }
}
