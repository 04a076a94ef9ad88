package hostedengine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.LogLine;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunListener;
import hostedengine.deploy.Runs;
import hostedengine.deploy.Subscription;
import hostedengine.threads.Threads;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's events over server-sent events. The event id is the run's sequence number, so a
 * reconnecting browser (Last-Event-ID) or a page that already shows N events (?since=N)
 * gets exactly what it misses. Each client has its own queue and delivery thread in
 * {@link Runs}; a slow one is dropped and resumes by id. A comment every 15 s keeps
 * proxies from closing the stream; a finished run whose client has everything gets 204,
 * which stops EventSource from reconnecting.
 */
final class RunStream {
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RunStream.class);

    private final Runs runs;
    private final LiveStreams streams;
    private final EventTexts texts = new EventTexts();
    /** Each run's last progress count, for the next viewer to count on from (a few runs). */
    private final java.util.Map<String, RunProgress> counted = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(java.util.Map.Entry<String, RunProgress> eldest) {
            return size() > 8;
        }
    };
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(Threads.named("sse-keep-alive"));

    RunStream(Runs runs, LiveStreams streams) {
        this.runs = runs;
        this.streams = streams;
    }

    /** Stops the keep-alives; at server stop, after which no stream is served. */
    void close() { keepAlive.shutdownNow(); }

    void handle(Context ctx, String runId) throws Exception {
        RunInfo info = runs.get(runId).orElseThrow(NotFoundResponse::new);
        long since = resumeAfter(ctx);
        if (info.status().isFinal() && since >= info.events()) {
            ctx.status(204);
            return;
        }
        streams.serve(ctx, (client, slot) -> stream(client, slot, runId, since));
    }

    /** Last-Event-ID wins over ?since=, both mean "I have everything up to N". */
    static long resumeAfter(Context ctx) {
        for (String text : new String[] {ctx.header("Last-Event-ID"), ctx.queryParam("since")}) {
            if (text == null) continue;
            try {
                return Math.max(0, Long.parseLong(text.strip()));
            } catch (NumberFormatException ignored) {
                // a garbled id is treated as none
            }
        }
        return 0;
    }

    private void stream(SseClient client, LiveStreams.Slot slot, String runId, long since) {
        client.keepAlive();
        try {
            RunProgress progress = progressUpTo(runId, since);
            send(client, "progress", json(progress.takeView()), null);
            Subscription subscription = runs.subscribe(runId, since, new Listener(client, runs, runId, progress, texts)).orElse(null);
            if (subscription == null) {
                client.close();
                return;
            }
            var ping = keepAlive.scheduleAtFixedRate(() -> send(client, null, "keep-alive", null),
                    KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
            slot.onClose(() -> {
                ping.cancel(false);
                subscription.close();
            });
        } catch (RuntimeException e) {
            // Never leave a browser waiting on a stream nobody feeds: it reconnects by id.
            LOG.warn("event stream of run {} failed", runId, e);
            client.close();
        }
    }

    /**
     * The counts and task progress up to event {@code since}. Counting means reading the run's
     * events from its files, so the last count of each run is kept and counted on from: viewers
     * that connect together (a wall of screens, everyone after a restart) count the run once, and
     * one that comes later reads only the events since.
     */
    private RunProgress progressUpTo(String runId, long since) {
        RunInfo info = runs.get(runId).orElseThrow(NotFoundResponse::new);
        // One count at a time: viewers connecting together wait for the first and copy its count.
        synchronized (counted) {
            RunProgress known = counted.get(runId);
            RunProgress counter = known != null && known.last() <= since ? known.copy() : new RunProgress(info);
            if (since > counter.last()) {
                runs.forEachEvent(runId, counter.last(), since, e -> {
                    counter.add(e);
                    return true;
                });
            }
            if (known == null || known.last() < counter.last()) counted.put(runId, counter.copy());
            return counter;
        }
    }

    /**
     * One client's view of the run; called by the run's delivery thread for this client only.
     * Events are gathered and written with one flush when the delivery thread has no more
     * waiting ({@link #flush}): one flush per event per client (Javalin's sendEvent) could not
     * keep up with fast runs and many viewers (bench/RESULTS.md, event latency). Each flush
     * ends with the progress counted so far, so the page never counts events itself.
     */
    private static final class Listener implements RunListener {
        private static final int MAX_BUFFERED = 64 * 1024;
        private final SseClient client;
        private final Runs runs;
        private final String runId;
        private final RunProgress progress;
        private final EventTexts texts;
        private final StringBuilder pending = new StringBuilder();
        /** The pause this client was last told of; "unknown" until the first event, so it is always told once. */
        private Object pauseSent = "unknown";

        Listener(SseClient client, Runs runs, String runId, RunProgress progress, EventTexts texts) {
            this.texts = texts;
            this.client = client;
            this.runs = runs;
            this.runId = runId;
            this.progress = progress;
        }

        @Override public void onEvent(RunEvent e) {
            pending.append(texts.of(runId, e)); // encoded once for every client of the run
            progress.add(e);
            tellPause();
            if (pending.length() >= MAX_BUFFERED) flush();
        }

        /**
         * A "run-pause" event when the role's pause began or ended: the follower records it before it
         * publishes the event that began or ended it, so the run's state is already right here.
         */
        private void tellPause() {
            var pause = runs.pause(runId).orElse(null);
            if (java.util.Objects.equals(pause, pauseSent)) return;
            pauseSent = pause;
            pending.append("event: run-pause\ndata: ").append(json(new PauseEvent(RunPages.PauseView.of(pause)))).append("\n\n");
        }

        @Override public void flush() {
            if (progress.changed()) pending.append("event: progress\ndata: ").append(json(progress.takeView())).append("\n\n");
            if (pending.length() == 0) return;
            byte[] bytes = pending.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            pending.setLength(0);
            synchronized (client) {
                if (client.terminated()) return;
                try {
                    var out = client.ctx().res().getOutputStream();
                    out.write(bytes);
                    client.ctx().res().flushBuffer();
                } catch (java.io.IOException | RuntimeException gone) {
                    // The browser went away: close, so the subscription ends; it resumes by id if it comes back.
                    client.close();
                }
            }
        }

        @Override public void onEnd(RunInfo r) {
            flush();
            send(client, "run-end", json(RunPages.RunView.of(r)), null);
            client.close();
        }

        @Override public void onDropped(long lastDeliveredSeq) { client.close(); }
    }

    /**
     * Every write to one client goes through here, so comments and events never interleave
     * (Javalin up to 7.2 does not synchronize them). A null event sends {@code data} as a comment.
     */
    private static void send(SseClient client, String event, String data, String id) {
        synchronized (client) {
            if (client.terminated()) return;
            if (event == null) client.sendComment(data);
            else if (id == null) client.sendEvent(event, data);
            else client.sendEvent(event, data, id);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The "run-pause" event's data: the pause, or null when it ended. */
    record PauseEvent(RunPages.PauseView pause) {}

    /**
     * A run's event as the page and the API show it (its JSON, in this order): the event's fields,
     * the loop item's label (null outside a loop), and the line as {@code hosted-engine --deploy}
     * prints it with the kind the page filters by ({@link LogLine}).
     */
    record EventView(long seq, String tag, String type, String time, String task, String host, String item,
                     boolean changed, String message, String level, String kind, String line) {
        static EventView of(RunEvent e) {
            LogLine line = LogLine.of(e);
            return new EventView(e.seq(), e.tag(), e.type(), e.time(), e.task(), e.host(), LogLine.item(e),
                    e.changed(), e.message(), line.level(), line.kind(), line.text());
        }
    }
}
