package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.threads.Threads;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cleaning up a failed deployment (guide ch. 3.2): a page with two confirmations, then
 * {@code ovirt-hosted-engine-cleanup -q} on the deployment host (this one, or the remote host over
 * SSH; the page names it) with its output streamed line by line (event id =
 * line number, so a reconnect resumes), audited when it ends. The wizard's answers are kept:
 * afterwards the wizard opens as it was.
 */
final class CleanupRoutes {
    private static final long POLL_MILLIS = 200;
    private final java.util.Set<SseClient> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private final ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(Threads.named("cleanup-sse"));

    private final Pages pages;
    private final Cleanup cleanup;
    private final EngineStatePoller poller;
    private final AuditLog audit;
    private final hostedengine.messages.Messages messages;
    private final LiveStreams streams;

    CleanupRoutes(Pages pages, Cleanup cleanup, EngineStatePoller poller, AuditLog audit, hostedengine.messages.Messages messages,
                  LiveStreams streams) {
        this.messages = messages;
        this.streams = streams;
        this.pages = pages;
        this.cleanup = cleanup;
        this.poller = poller;
        this.audit = audit;
    }

    void page(Context ctx) { render(ctx, null, 200); }

    void start(Context ctx) {
        String user = AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
        String address = ctx.ip();
        if (!"yes".equals(ctx.formParam("confirmDeconfigure")) || !"yes".equals(ctx.formParam("confirmStorage"))) {
            audit.cleanup(user, address, cleanup.where().label(), AuditLog.Outcome.REFUSED);
            render(ctx, "cleanup.notConfirmed", 422);
            return;
        }
        var started = cleanup.start(run -> {
            audit.cleanup(user, address, run.on().label(), switch (run.state()) {
                case SUCCEEDED -> AuditLog.Outcome.SUCCESS;
                case NOT_CONNECTED -> AuditLog.Outcome.REFUSED;
                default -> AuditLog.Outcome.FAILURE;
            });
            poller.refreshSoon();
        });
        if (started.isEmpty()) {
            render(ctx, "cleanup.alreadyRunning", 409);
            return;
        }
        if (started.get().state() == Cleanup.State.NOT_CONNECTED) {
            render(ctx, null, 409);
            return;
        }
        ctx.redirect("/cleanup", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, String error, int status) {
        Optional<Cleanup.Run> run = cleanup.current();
        var model = new LinkedHashMap<String, Object>();
        model.put("error", error);
        model.put("run", run.orElse(null));
        model.put("lines", run.map(r -> r.linesFrom(0)).orElse(java.util.List.of()));
        model.put("state", run.map(r -> r.state().name()).orElse("NONE"));
        model.put("freed", run.map(r -> mebibytes(r.freedBytes())).orElse(""));
        model.put("applianceDir", cleanup.applianceDir().toString());
        // The host the next cleanup would clean, and the one the last cleanup ran on (the choice may have changed since).
        model.put("actsOn", ActsOn.of(cleanup.where(), messages, Language.of(ctx)));
        model.put("runOn", run.map(r -> ActsOn.of(r.on(), messages, Language.of(ctx))).orElse(null));
        ctx.status(status);
        pages.render(ctx, "cleanup", model);
    }

    static String mebibytes(long bytes) { return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0)); }

    void events(Context ctx) throws Exception {
        Optional<Cleanup.Run> run = cleanup.current();
        int since = (int) RunStream.resumeAfter(ctx);
        if (run.isEmpty() || (run.get().ended() && since >= run.get().lineCount())) {
            ctx.status(204);
            return;
        }
        streams.serve(ctx, (client, slot) -> stream(client, slot, run.get(), since));
    }

    /**
     * The lines after {@code since} and the state, as JSON, for a page that polls (its stream was
     * refused or keeps failing): {@code state} NONE when no cleanup ran.
     */
    void json(Context ctx) {
        Optional<Cleanup.Run> run = cleanup.current();
        int since = (int) RunStream.resumeAfter(ctx);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("state", run.map(r -> r.state().name()).orElse("NONE"));
        answer.put("ended", run.map(Cleanup.Run::ended).orElse(true));
        answer.put("lines", run.map(r -> r.linesFrom(Math.min(since, r.lineCount()))).orElse(java.util.List.of()));
        answer.put("lineCount", run.map(Cleanup.Run::lineCount).orElse(0));
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(RunStream.json(answer));
    }

    /**
     * Sends new lines as they come, then the end, from a scheduled task: no request thread is
     * held, and the task stops when the cleanup has ended or the client has gone.
     */
    private void stream(SseClient client, LiveStreams.Slot slot, Cleanup.Run run, int since) {
        client.keepAlive();
        open.add(client);
        int[] sent = {since};
        var task = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>>();
        Runnable step = () -> {
            synchronized (client) {
                if (stopped || client.terminated()) {
                    cancel(task);
                    return;
                }
                boolean ended = run.ended();
                for (String line : run.linesFrom(sent[0])) {
                    sent[0]++;
                    client.sendEvent("line", RunStream.json(Map.of("n", sent[0], "text", line)), String.valueOf(sent[0]));
                }
                if (ended) {
                    client.sendEvent("end", RunStream.json(Map.of("state", run.state().name(), "exitCode", run.exitCode(),
                            "freed", mebibytes(run.freedBytes()))));
                    cancel(task);
                    client.close();
                }
            }
        };
        task.set(feed.scheduleWithFixedDelay(step, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
        slot.onClose(() -> {
            open.remove(client);
            cancel(task);
        });
    }

    /** Ends every open stream while the server stops (see {@link StatusStream#close}). */
    void close() {
        stopped = true;
        for (SseClient client : open) {
            synchronized (client) {
                client.close();
            }
        }
        feed.shutdownNow();
    }

    private static void cancel(java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> task) {
        var f = task.get();
        if (f != null) f.cancel(false);
    }
}
