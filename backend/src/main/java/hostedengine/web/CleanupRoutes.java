package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cleaning up a failed deployment (guide ch. 3.2): a page with two confirmations, then
 * {@code ovirt-hosted-engine-cleanup -q} with its output streamed line by line (event id =
 * line number, so a reconnect resumes), audited when it ends. The wizard's answers are kept:
 * afterwards the wizard opens as it was.
 */
final class CleanupRoutes {
    private static final long POLL_MILLIS = 200;

    private final Pages pages;
    private final Cleanup cleanup;
    private final EngineStatePoller poller;
    private final AuditLog audit;

    CleanupRoutes(Pages pages, Cleanup cleanup, EngineStatePoller poller, AuditLog audit) {
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
            audit.cleanup(user, address, AuditLog.Outcome.REFUSED);
            render(ctx, "cleanup.notConfirmed", 422);
            return;
        }
        var started = cleanup.start(run -> {
            audit.cleanup(user, address, run.state() == Cleanup.State.SUCCEEDED ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
            poller.refreshSoon();
        });
        if (started.isEmpty()) {
            render(ctx, "cleanup.alreadyRunning", 409);
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
        new SseHandler(client -> stream(client, run.get(), since)).handle(ctx);
    }

    /** Sends new lines as they come, then the end; runs on the request's thread until done or gone. */
    private void stream(SseClient client, Cleanup.Run run, int since) {
        int sent = since;
        try {
            while (!client.terminated()) {
                boolean ended = run.ended();
                for (String line : run.linesFrom(sent)) {
                    sent++;
                    client.sendEvent("line", RunStream.json(Map.of("n", sent, "text", line)), String.valueOf(sent));
                }
                if (ended) {
                    client.sendEvent("end", RunStream.json(Map.of("state", run.state().name(), "exitCode", run.exitCode(),
                            "freed", mebibytes(run.freedBytes()))));
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }
}
