package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.engine.ActionResult;
import hostedengine.engine.Landing;
import hostedengine.engine.MaintenanceMode;
import hostedengine.engine.TargetHost;
import hostedengine.messages.Messages;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The landing page, the engine's status page and its actions: maintenance mode and the engine
 * VM's start and shutdown, each confirmed by a checkbox in its form, audited with the host it
 * acted on, and answered with the command's own output and that host.
 */
final class StatusRoutes {
    private final Pages pages;
    private final EngineParts engine;
    private final AuditLog audit;
    private final boolean simulated;
    private final StatusStream stream;

    /** The runs, for a deployment paused by the role (shown as a banner). */
    private final hostedengine.deploy.Runs runs;

    /** The deployed engine's address and CA, for the next steps. */
    private final hostedengine.engineops.EngineLogins engineLogins;

    private final hostedengine.backup.EngineUpdates updates;

    StatusRoutes(Pages pages, EngineParts engine, AuditLog audit, Messages messages, boolean simulated,
                 hostedengine.deploy.Runs runs, hostedengine.engineops.EngineLogins engineLogins, LiveStreams streams,
                 hostedengine.backup.EngineUpdates updates) {
        this.runs = runs;
        this.updates = updates;
        this.engineLogins = engineLogins;
        this.pages = pages;
        this.engine = engine;
        this.audit = audit;
        this.simulated = simulated;
        this.stream = new StatusStream(engine.poller(), messages, streams);
    }

    /** "/": the status when deployed, the wizard when not, a word first when the tool is missing or the host is registered. */
    void landing(Context ctx) {
        Landing.Decision d = engine.landing().decide();
        switch (d.kind()) {
            case DEPLOYED -> ctx.redirect("/status");
            case WIZARD -> ctx.redirect("/wizard/vm");
            // A host added from an engine is managed there (guide 5.5-5.7): the page names it and links its hosts.
            default -> pages.render(ctx, "landing", Map.of("kind", d.kind().name(), "engine", d.engine().orElse(""),
                    "engineHosts", d.engine().flatMap(Landing::engineFqdn)
                            .map(fqdn -> "https://" + fqdn + "/ovirt-engine/webadmin/#hosts").orElse(""),
                    "toolPath", (d.toolPath() != null ? d.toolPath() : engine.tool().executable()).toString(),
                    "actsOn", ActsOn.of(d.on(), pagesMessages(), Language.of(ctx))));
        }
    }

    void page(Context ctx) { render(ctx, Optional.empty(), Optional.empty(), 200); }

    void events(Context ctx) throws Exception { stream.handle(ctx); }

    /** The status as the stream sends it, for a page that polls (its stream was refused or keeps failing). */
    void json(Context ctx) {
        ctx.header("Cache-Control", "no-store").contentType("application/json")
                .result(stream.json(engine.poller().current(), Language.of(ctx)));
    }

    /** The server is stopping: end the open status streams. */
    void close() { stream.close(); }

    void maintenance(Context ctx) {
        var mode = MaintenanceMode.parse(ctx.formParam("mode"));
        if (mode.isEmpty()) {
            render(ctx, Optional.of("maintenance"), Optional.of(new ActionResult(ActionResult.Outcome.REFUSED,
                    "maintenance.result.badMode", "")), 422);
            return;
        }
        act(ctx, "maintenance-" + mode.get().id(), mode.get().id(), () -> engine.maintenance().set(mode.get()));
    }

    void vmStart(Context ctx) { act(ctx, "vm-start", "vm-start", engine.maintenance()::startEngineVm); }

    void vmShutdown(Context ctx) { act(ctx, "vm-shutdown", "vm-shutdown", engine.maintenance()::shutdownEngineVm); }

    /** Runs an action once its form's checkbox confirms it; audits every attempt, refused ones too. */
    private void act(Context ctx, String form, String auditMode, Supplier<ActionResult> action) {
        String user = AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
        if (!"yes".equals(ctx.formParam("confirm"))) {
            render(ctx, Optional.of(form), Optional.of(new ActionResult(ActionResult.Outcome.REFUSED,
                    "maintenance.result.notConfirmed", "")), 422);
            return;
        }
        ActionResult result = action.get();
        audit.maintenanceChanged(user, ctx.ip(), auditMode, result.on().map(TargetHost::label).orElse(""), switch (result.outcome()) {
            case DONE -> AuditLog.Outcome.SUCCESS;
            case REFUSED -> AuditLog.Outcome.REFUSED;
            case FAILED -> AuditLog.Outcome.FAILURE;
        });
        engine.poller().refreshSoon();
        int status = switch (result.outcome()) {
            case DONE -> 200;
            case REFUSED -> 409;
            case FAILED -> 502;
        };
        render(ctx, Optional.of(form), Optional.of(result), status);
    }

    private void render(Context ctx, Optional<String> form, Optional<ActionResult> result, int status) {
        var model = new LinkedHashMap<String, Object>();
        model.put("status", StatusView.of(engine.poller().current(), pagesMessages(), Language.of(ctx)));
        model.put("actionForm", form.orElse(""));
        model.put("result", result.orElse(null));
        model.put("resultOn", result.flatMap(ActionResult::on).map(on -> ActsOn.of(on, pagesMessages(), Language.of(ctx))).orElse(null));
        model.put("engineHere", engine.maintenance().engineVmRunsHere());
        model.put("simulatedTool", simulated);
        model.put("nextSteps", NextSteps.of(engineLogins));
        // An engine update that stopped part way is why global maintenance is on: said here too.
        // (read only then: a status page with no global maintenance needs no run's events).
        boolean global = engine.poller().current().status().map(v -> v.globalMaintenance()).orElse(false);
        model.put("stoppedUpdate", global ? updates.last().filter(hostedengine.backup.EngineUpdates.Result::stopped).orElse(null) : null);
        model.put("pausedRun", runs.current().filter(r -> r.pause() != null).map(hostedengine.deploy.RunInfo::id).orElse(null));
        ctx.status(status);
        pages.render(ctx, "status", model);
    }

    private Messages pagesMessages() { return stream.messages(); }
}
