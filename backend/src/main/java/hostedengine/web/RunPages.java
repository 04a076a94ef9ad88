package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.ContinueOutcome;
import hostedengine.deploy.Pause;
import hostedengine.deploy.Phase;
import hostedengine.preflight.PreflightService;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.RoleVariables;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Starting the deployment phases from the review pages, and the run page: steps,
 * progress, live log, failure first, Cancel, Retry phase, Download log, and the role's pauses
 * with Continue.
 */
final class RunPages {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final int PAGE_LIMIT = 1000;

    private final Pages pages;
    private final DraftStore drafts;
    private final Supplier<Rules> rules;
    private final Runs runs;
    private final WizardRoutes wizard;
    private final RunStream stream;

    private final AuditLog audit;

    /** The pre-flight checks that must pass before Prepare VM; null where the server runs without them (some tests). */
    private final PreflightService preflight;

    RunPages(Pages pages, DraftStore drafts, Supplier<Rules> rules, Runs runs, WizardRoutes wizard, AuditLog audit) {
        this(pages, drafts, rules, runs, wizard, audit, null);
    }

    RunPages(Pages pages, DraftStore drafts, Supplier<Rules> rules, Runs runs, WizardRoutes wizard, AuditLog audit,
             PreflightService preflight) {
        this.preflight = preflight;
        this.audit = audit;
        this.pages = pages;
        this.drafts = drafts;
        this.rules = rules;
        this.runs = runs;
        this.wizard = wizard;
        this.stream = new RunStream(runs);
    }

    void startPrepareVm(Context ctx) { start(ctx, Phase.PREPARE_VM, EnumSet.of(Step.VM, Step.ENGINE), "prepare"); }

    void startFinish(Context ctx) { start(ctx, Phase.FINISH, EnumSet.allOf(Step.class), "finish"); }

    /** Starts a phase with the answers as they stand, only if every rule passes: no run ever starts with invalid vars. */
    private void start(Context ctx, Phase phase, Set<Step> steps, String reviewPage) {
        String owner = wizard.owner(ctx);
        Draft draft = drafts.get(owner);
        for (Step step : steps) {
            if (rules.get().check(step, draft.answers(), draft.devices()).stream().anyMatch(FieldError::blocking)) {
                drafts.update(owner, d -> d.attempting(step));
                ctx.redirect("/wizard/" + step.id());
                return;
            }
        }
        if (preflight != null && phase == Phase.PREPARE_VM && preflight.blocks(owner, draft.answers())) {
            refuse(ctx, reviewPage, "preflight.blocked", List.of());
            return;
        }
        var vars = new HashMap<String, Object>(RoleVariables.forPrepareVm(draft.answers()));
        // The directory chosen for the appliance when /var/tmp lacks space (it passed its path rule).
        if (preflight != null) vars.put("he_local_vm_dir_path", preflight.dirs().get(owner));
        if (phase == Phase.FINISH) {
            var prepared = lastSuccessful(Phase.PREPARE_VM);
            if (prepared.isEmpty()) {
                refuse(ctx, reviewPage, "run.needPrepareVm", List.of());
                return;
            }
            vars = new HashMap<>(RoleVariables.forFinish(draft.answers(), draft.devices(), prepared.get()));
        }
        try {
            String id = runs.start(phase, owner, vars, RoleVariables.secrets(draft.answers()));
            audit.deploymentStarted(user(ctx), ctx.ip(), id, phase.name(), AuditLog.Outcome.SUCCESS);
            followToTheEnd(id);
            ctx.redirect("/runs/" + id);
        } catch (RunConflict running) {
            audit.deploymentStarted(user(ctx), ctx.ip(), running.runningId(), phase.name(), AuditLog.Outcome.FAILURE);
            refuse(ctx, reviewPage, "run.conflict", List.of(running.runningId()));
        }
    }

    /** Records the outcome in the audit log when the run ends, whoever watches it. */
    private void followToTheEnd(String id) {
        var holder = new java.util.concurrent.atomic.AtomicReference<hostedengine.deploy.Subscription>();
        runs.subscribe(id, Long.MAX_VALUE, new hostedengine.deploy.RunListener() {
            @Override public void onEvent(RunEvent e) { }

            @Override public void onEnd(RunInfo r) {
                audit.deploymentFinished(r.owner().replaceFirst("^user:", ""), r.id(), r.status().name().toLowerCase(java.util.Locale.ROOT));
                var s = holder.get();
                if (s != null) s.close();
            }
        }).ifPresent(holder::set);
    }

    private static String user(Context ctx) {
        return AuthGate.session(ctx).map(s -> s.user().name()).orElse("");
    }

    private java.util.Optional<String> lastSuccessful(Phase phase) {
        return runs.list().stream()
                .filter(r -> r.phase() == phase && r.status() == RunStatus.SUCCESSFUL)
                .findFirst().flatMap(RunInfo::localVmDir);
    }

    private void refuse(Context ctx, String reviewPage, String key, List<String> args) {
        drafts.update(wizard.owner(ctx), d -> d.withNotice(key, args));
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
        model.put("step", info.phase() == Phase.FINISH ? "finish" : "prepare");
        model.put("run", info);
        model.put("summary", summary(info));
        model.put("runHost", runs.remoteHost(info.id()).orElse(null));
        pages.render(ctx, "run", model);
    }

    void events(Context ctx) throws Exception { stream.handle(ctx, run(ctx).id()); }

    void info(Context ctx) { ctx.json(summary(run(ctx))); }

    /** Older events, for "Show earlier lines": after=N, at most limit. */
    void page(Context ctx) {
        RunInfo info = run(ctx);
        long after = parse(ctx.queryParam("after"), 0);
        int limit = (int) Math.min(PAGE_LIMIT, Math.max(1, parse(ctx.queryParam("limit"), 200)));
        ctx.json(runs.page(info.id(), after, limit).stream().map(RunStream::eventView).toList());
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
        else throw new NotFoundResponse();
    }

    /** The whole log as text: every event, already masked when it was recorded. */
    void download(Context ctx) {
        RunInfo info = run(ctx);
        var text = new StringBuilder();
        runs.forEachEvent(info.id(), 0, Long.MAX_VALUE, e -> {
            text.append(e.seq()).append(' ').append(e.time()).append(' ').append(e.tag()).append(' ')
                    .append(e.type()).append(' ').append(e.task() == null ? "" : e.task());
            if (e.message() != null && !e.message().isBlank()) text.append(": ").append(e.message());
            text.append('\n');
            return true;
        });
        text.append("status: ").append(info.status());
        if (info.message() != null) text.append(" (").append(info.message()).append(')');
        text.append('\n');
        ctx.header("Content-Disposition", "attachment; filename=\"" + info.id() + ".log\"");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private RunInfo run(Context ctx) {
        String id = ctx.pathParam("id");
        if (!RUN_ID.matcher(id).matches()) throw new NotFoundResponse();
        return runs.get(id).orElseThrow(NotFoundResponse::new);
    }

    private static long parse(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** What the page and the API show of a run. */
    static Map<String, Object> summary(RunInfo r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", r.id());
        m.put("phase", r.phase().name());
        m.put("status", r.status().name());
        m.put("final", r.status().isFinal());
        m.put("tags", r.tags());
        m.put("tagIndex", r.tagIndex());
        m.put("created", r.created());
        m.put("ended", r.ended());
        m.put("failedTask", r.failedTask());
        m.put("messageKey", r.messageKey());
        m.put("message", r.message());
        m.put("events", r.events());
        m.put("pause", pauseView(r.pause()));
        return m;
    }

    /** The role's pause as the page and the API show it; null when the run does not wait. */
    static Map<String, Object> pauseView(Pause p) {
        if (p == null) return null;
        var m = new LinkedHashMap<String, Object>();
        m.put("message", p.message());
        m.put("since", p.since());
        m.put("timesOutAt", p.timesOutAt());
        m.put("lockFile", p.lockFile());
        return m;
    }
}
