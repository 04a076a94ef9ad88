package hostedengine.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunListener;
import hostedengine.deploy.Runs;
import hostedengine.deploy.Subscription;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

    private final Runs runs;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-keep-alive");
        t.setDaemon(true);
        return t;
    });

    RunStream(Runs runs) { this.runs = runs; }

    void handle(Context ctx, String runId) throws Exception {
        RunInfo info = runs.get(runId).orElseThrow(NotFoundResponse::new);
        long since = resumeAfter(ctx);
        if (info.status().isFinal() && since >= info.events()) {
            ctx.status(204);
            return;
        }
        new SseHandler(client -> stream(client, runId, since)).handle(ctx);
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

    private void stream(SseClient client, String runId, long since) {
        client.keepAlive();
        var listener = new RunListener() {
            @Override public void onEvent(RunEvent e) { send(client, "run-event", json(eventView(e)), String.valueOf(e.seq())); }

            @Override public void onEnd(RunInfo r) {
                send(client, "run-end", json(RunPages.summary(r)), null);
                client.close();
            }

            @Override public void onDropped(long lastDeliveredSeq) { client.close(); }
        };
        var progress = RunProgress.of(runs.get(runId).orElseThrow(), runs.page(runId, 0, Integer.MAX_VALUE).stream()
                .filter(e -> e.seq() <= since).toList());
        send(client, "progress", json(progress.asMap()), null);
        Subscription subscription = runs.subscribe(runId, since, listener).orElse(null);
        if (subscription == null) { client.close(); return; }
        var ping = keepAlive.scheduleAtFixedRate(() -> {
            synchronized (client) { if (!client.terminated()) client.sendComment("keep-alive"); }
        }, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        client.onClose(() -> { ping.cancel(false); subscription.close(); });
    }

    /** Every write to one client goes through here, so comments and events never interleave. */
    private static void send(SseClient client, String event, String data, String id) {
        synchronized (client) {
            if (client.terminated()) return;
            if (id == null) client.sendEvent(event, data); else client.sendEvent(event, data, id);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> eventView(RunEvent e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("seq", e.seq());
        m.put("tag", e.tag());
        m.put("type", e.type());
        m.put("time", e.time());
        m.put("task", e.task());
        m.put("changed", e.changed());
        m.put("message", e.message());
        return m;
    }
}
