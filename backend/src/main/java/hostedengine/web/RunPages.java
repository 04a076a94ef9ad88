package hostedengine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.ContinueOutcome;
import hostedengine.deploy.Deployments;
import hostedengine.deploy.LogLine;
import hostedengine.deploy.Pause;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.RunId;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.Runs;
import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.failures.FailureAdvice;
import hostedengine.failures.FailureTable;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starting the deployment phases from the review pages, and the run page: steps,
 * progress, live log, failure first, Cancel, Retry phase, Download log, and the role's pauses
 * with Continue.
 */
final class RunPages {
    private static final int PAGE_LIMIT = 1000;

    private final Pages pages;
    private final DraftStore drafts;
    private final Runs runs;
    private final RunStream stream;
    private final Deployments deployments;
    private final AuditLog audit;
    private final hostedengine.engineops.EngineLogins engine;
    private final FailureTable failures;
    private final KnownSecrets secrets;

    RunPages(Pages pages, DraftStore drafts, Runs runs, Deployments deployments, AuditLog audit,
             hostedengine.engineops.EngineLogins engine, FailureTable failures, LiveStreams streams,
             KnownSecrets secrets) {
        this.secrets = secrets;
        this.engine = engine;
        this.failures = failures;
        this.pages = pages;
        this.drafts = drafts;
        this.runs = runs;
        this.deployments = deployments;
        this.audit = audit;
        this.stream = new RunStream(runs, streams);
    }

    /** At server stop. */
    void close() { stream.close(); }

    void startPrepareVm(Context ctx) { start(ctx, Phase.PREPARE_VM, "prepare"); }

    void startFinish(Context ctx) { start(ctx, Phase.FINISH, "finish"); }

    /**
     * Starts a phase with the answers as they stand now; the use case judges them (every rule, in
     * this request), runs the pre-flight checks and takes the host. This only translates its answer.
     */
    private void start(Context ctx, Phase phase, String reviewPage) {
        String owner = BrowserSession.owner(ctx);
        Draft draft = drafts.get(owner);
        var outcome = deployments.start(new Deployments.Request(phase, owner, user(ctx), ctx.ip(), draft.answers(),
                draft.devices()));
        if (outcome instanceof Deployments.Started started) {
            ctx.redirect("/runs/" + started.runId());
        } else if (outcome instanceof Deployments.Refused refused) {
            drafts.update(owner, d -> d.attempting(refused.step()));
            ctx.redirect("/wizard/" + refused.step().id());
        } else if (outcome instanceof Deployments.PreflightFailed) {
            refuse(ctx, reviewPage, "preflight.blocked", List.of());
        } else if (outcome instanceof Deployments.NeedsPrepareVm) {
            refuse(ctx, reviewPage, "run.needPrepareVm", List.of());
        } else if (outcome instanceof Deployments.UnsafeReadBack unsafe) {
            refuse(ctx, reviewPage, "run.unsafeReadBack", List.of(unsafe.message()));
        } else if (outcome instanceof Deployments.HostBusy busy) {
            refuse(ctx, reviewPage, "run.conflict", List.of(busy.runningId()));
        } else if (outcome instanceof Deployments.RestoreRefused restore) {
            refuse(ctx, reviewPage, restore.key(), restore.args());
        }
    }

    private static String user(Context ctx) {
        return AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
    }

    private void refuse(Context ctx, String reviewPage, String key, List<String> args) {
        drafts.update(BrowserSession.owner(ctx), d -> d.withNotice(key, args));
        ctx.redirect("/wizard/" + reviewPage, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Notices the run page shows after a redirect (?notice=…): only these, never text from the request. */
    private static final Set<String> NOTICES = Set.of(ContinueOutcome.Kind.LOCK_ALREADY_GONE.messageKey());

    void show(Context ctx) {
        String asked = ctx.queryParam("notice");
        show(ctx, asked != null && NOTICES.contains(asked) ? asked : null);
    }

    private void show(Context ctx, String noticeKey) {
        RunInfo info = run(ctx);
        var model = new LinkedHashMap<String, Object>();
        model.put("notice", noticeKey);
        // The wizard's steps belong to a deployment's runs; a day-2 run links back to the hosts instead.
        model.put("step", info.phase().engineTask() ? null : info.phase() == Phase.FINISH ? "finish" : "prepare");
        model.put("run", info);
        model.put("runHost", runs.remoteHost(info.id()).orElse(null));
        model.put("nextSteps", info.phase() == Phase.FINISH && info.status().isSuccessful() ? NextSteps.of(engine) : null);
        model.put("failure", FailureView.of(info, failures, runs));
        pages.render(ctx, "run", model);
    }

    void events(Context ctx) throws Exception { stream.handle(ctx, run(ctx).id()); }

    void info(Context ctx) { ctx.json(RunView.of(run(ctx))); }

    /** Older events, for "Show earlier lines": after=N, at most limit. */
    void page(Context ctx) {
        RunInfo info = run(ctx);
        long after = parse(ctx.queryParam("after"), 0);
        int limit = (int) Math.min(PAGE_LIMIT, Math.max(1, parse(ctx.queryParam("limit"), 200)));
        ctx.json(runs.page(info.id(), after, limit).stream().map(RunStream.EventView::of).toList());
    }

    void cancel(Context ctx) {
        String id = run(ctx).id();
        boolean canceled = runs.cancel(id);
        audit.deploymentCanceled(user(ctx), ctx.ip(), id, canceled ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        ctx.redirect("/runs/" + id);
    }

    /**
     * Continue: the role goes on once its lock file is gone ({@link Runs#continueRun}). A form
     * gets the run page again (303), or the page with why not (409; 503 when the remote host does
     * not answer); a script asking for JSON gets the outcome and the message in its language.
     */
    void continueRun(Context ctx) {
        String id = run(ctx).id();
        ContinueOutcome outcome = runs.continueRun(id);
        audit.deploymentContinued(user(ctx), ctx.ip(), id, outcome.kind().name().toLowerCase(java.util.Locale.ROOT),
                outcome.continued() ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        int status = outcome.continued() ? 200 : outcome.kind() == ContinueOutcome.Kind.HOST_UNREACHABLE ? 503 : 409;
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("application/json")) {
            ctx.status(status).json(Map.of("outcome", outcome.kind().name(),
                    "message", pages.text(ctx, outcome.kind().messageKey())));
        } else if (outcome.continued()) {
            String notice = outcome.kind() == ContinueOutcome.Kind.LOCK_ALREADY_GONE ? "?notice=" + outcome.kind().messageKey() : "";
            ctx.redirect("/runs/" + id + notice, io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.status(status);
            show(ctx, outcome.kind().messageKey());
        }
    }

    void retry(Context ctx) {
        RunInfo info = run(ctx);
        if (info.phase() == Phase.PREPARE_VM) startPrepareVm(ctx);
        else if (info.phase() == Phase.FINISH) startFinish(ctx);
        else if (info.phase().readOnly()) retryReadOnly(ctx, info);
        else throw new NotFoundResponse();
    }

    /** A facts, network-interfaces or name-check run asks again what it asked (read-only kinds conflict with nothing). */
    private void retryReadOnly(Context ctx, RunInfo info) {
        try {
            String id = runs.retry(info.id(), info.owner()).orElseThrow(NotFoundResponse::new);
            ctx.redirect("/runs/" + id);
        } catch (RunConflict impossible) {
            throw new NotFoundResponse();
        }
    }

    /**
     * The whole log as text in the lines {@code hosted-engine --deploy} prints ({@link LogLine}),
     * each after the time of its event. Every event was masked when it was recorded; the text is
     * masked once more with every secret the server still knows ({@link KnownSecrets}), so a run
     * recovered after a restart, whose follower no longer had the run's passwords, is covered too.
     */
    void download(Context ctx) {
        RunInfo info = run(ctx);
        var text = new StringBuilder();
        runs.forEachEvent(info.id(), 0, Long.MAX_VALUE, e -> {
            text.append(e.time() == null ? "-" : e.time()).append(' ').append(LogLine.of(e).text()).append('\n');
            return true;
        });
        text.append("status: ").append(info.status());
        if (info.message() != null) text.append(" (").append(info.message()).append(')');
        text.append('\n');
        String masked = secrets.redactor().redact(text.toString());
        ctx.header("Content-Disposition", "attachment; filename=\"" + info.id() + ".log\"");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(masked.getBytes(StandardCharsets.UTF_8));
    }

    private RunInfo run(Context ctx) {
        String id = ctx.pathParam("id");
        if (!RunId.isWellFormed(id)) throw new NotFoundResponse();
        return runs.get(id).orElseThrow(NotFoundResponse::new);
    }

    private static long parse(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** What the page and the API show of a run (its JSON, in this order). */
    record RunView(String id, String phase, String status, @JsonProperty("final") boolean isFinal, List<String> tags,
                   int tagIndex, String created, String ended, String failedTask, String messageKey, String message,
                   long events, PauseView pause) {
        static RunView of(RunInfo r) {
            return new RunView(r.id(), r.phase().name(), r.status().name(), r.status().isFinal(), r.tags(), r.tagIndex(),
                    r.created(), r.ended(), r.failedTask(), r.messageKey(), r.message(), r.events(), PauseView.of(r.pause()));
        }
    }

    /** The role's pause as the page and the API show it; null when the run does not wait. */
    record PauseView(String message, String since, String timesOutAt, String lockFile) {
        static PauseView of(Pause p) {
            return p == null ? null : new PauseView(p.message(), p.since(), p.timesOutAt(), p.lockFile());
        }
    }

    /**
     * What the failure table says of a failed deployment phase, above the role's own message: a row
     * that explains it, or {@code explained == false} (the page then says honestly that it has no
     * explanation). Null for runs that did not fail at a task of a deployment phase.
     */
    record FailureView(boolean explained, String id, String causeKey, String fixKey, List<String> guideKeys) {
        static FailureView of(RunInfo info, FailureTable table, Runs runs) {
            if (!info.status().isFailure() || (info.phase() != Phase.PREPARE_VM && info.phase() != Phase.FINISH)) return null;
            return table.explainRun(failuresOf(info, runs.failures(info.id())))
                    .map(a -> new FailureView(true, a.id(), a.causeKey(), a.fixKey(),
                            a.guide().stream().map(FailureAdvice::guideKey).toList()))
                    .orElse(new FailureView(false, null, null, null, List.of()));
        }
    }

    /** A run's failures in order, ending with the one the run recorded as its end (also when no event says so). */
    static List<FailureTable.Failed> failuresOf(RunInfo info, List<hostedengine.deploy.RunEvent> events) {
        var all = new java.util.ArrayList<FailureTable.Failed>();
        for (var e : events) all.add(new FailureTable.Failed(e.tag(), e.task(), e.message()));
        var last = all.isEmpty() ? null : all.get(all.size() - 1);
        if (last == null || !java.util.Objects.equals(last.task(), info.failedTask())) {
            all.add(new FailureTable.Failed(info.currentTag(), info.failedTask(), info.message()));
        }
        return all;
    }
}
