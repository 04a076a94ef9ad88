package hostedengine.web;

import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.host.DiscoveryJobs;
import hostedengine.wizard.Answers;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The three answer steps: show, save, and the live check that the browser calls as fields are left. */
final class WizardRoutes {
    private final Pages pages;
    private final StepForms forms;
    private final DraftStore drafts;
    private final Supplier<HostFacts> facts;
    private final Supplier<Rules> rules;
    private final StorageViews storageViews;
    private final DiscoveryJobs discoveries;

    /** The role's checks of the two FQDN fields. */
    private final NameChecks names;
    /** What the VM page says about the host facts ("read at 20:01", "reading…"). */
    private final HostFactsViews hostFacts;

    WizardRoutes(Pages pages, StepForms forms, DraftStore drafts, Supplier<HostFacts> facts,
                 Supplier<Rules> rules, DiscoveryJobs discoveries, NameChecks names, HostFactsViews hostFacts) {
        this.names = names;
        this.hostFacts = hostFacts;
        this.pages = pages;
        this.forms = forms;
        this.drafts = drafts;
        this.facts = facts;
        this.rules = rules;
        this.storageViews = new StorageViews(forms);
        this.discoveries = discoveries;
    }

    static Step step(Context ctx) {
        return Step.byId(ctx.pathParam("step")).orElseThrow(NotFoundResponse::new);
    }

    void show(Context ctx) {
        Step step = step(ctx);
        String owner = BrowserSession.owner(ctx);
        Draft draft = drafts.get(owner);
        if (draft.notice() != null) drafts.update(owner, Draft::withoutNotice);
        render(ctx, step, draft, draft.attempted().contains(step));
    }

    void submit(Context ctx) {
        Step step = step(ctx);
        String owner = BrowserSession.owner(ctx);
        Draft draft = drafts.update(owner, d -> d.withAnswers(
                StepForms.read(step, ctx.formParamMap(), d.answers(), d.devices())).attempting(step));
        List<FieldError> findings = rules.get().check(step, draft.answers(), draft.devices());
        if (step == Step.VM && findings.stream().noneMatch(FieldError::blocking)
                && !"stay".equals(ctx.formParam("action"))) {
            // The role's validate_hostnames must have passed for both names (started here, never awaited).
            findings = new java.util.ArrayList<>(findings);
            findings.addAll(names.beforeLeaving(draft.answers(), findings, NameChecks.operator(ctx)));
        }
        if (findings.stream().noneMatch(FieldError::blocking) && !"stay".equals(ctx.formParam("action"))) {
            ctx.redirect(next(step));
        } else {
            ctx.status(findings.stream().anyMatch(FieldError::blocking) ? 422 : 200);
            render(ctx, step, draft, true, findings);
        }
    }

    /** Saves what is typed so far (a refresh loses nothing) and answers with the step's findings. */
    void check(Context ctx) {
        Step step = step(ctx);
        Draft draft = drafts.update(BrowserSession.owner(ctx), d -> d.withAnswers(
                StepForms.read(step, ctx.formParamMap(), d.answers(), d.devices())));
        List<FieldError> findings = rules.get().check(step, draft.answers(), draft.devices());
        Locale locale = Language.of(ctx);
        var body = new LinkedHashMap<String, Object>();
        body.put("errors", forms.errors(findings, locale));
        body.put("warnings", forms.warnings(findings, locale));
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    void render(Context ctx, Step step, Draft draft, boolean showErrors) {
        render(ctx, step, draft, showErrors, rules.get().check(step, draft.answers(), draft.devices()));
    }

    private void render(Context ctx, Step step, Draft draft, boolean showErrors, List<FieldError> findings) {
        Locale locale = Language.of(ctx);
        HostFacts host = facts.get();
        Answers answers = draft.answers();
        var model = new LinkedHashMap<String, Object>();
        model.put("step", step.id());
        model.put("f", forms.views(step, answers, findings, showErrors, host, locale));
        model.put("summary", showErrors ? forms.errors(findings, locale) : Map.of());
        model.put("facts", host);
        model.put("devices", draft.devices());
        model.put("answers", answers);
        model.put("notice", draft.notice());
        model.put("noticeArgs", draft.noticeArgs().toArray());
        if (step == Step.VM) model.put("nameChecks", names.views(answers, locale, false));
        if (step == Step.VM) model.put("hostFacts", hostFacts.view(locale));
        // Next was stopped only by a check still running: the page goes on by itself once it passed.
        model.put("continueWhenChecked", step == Step.VM && showErrors && NameChecks.stillChecking(findings));
        if (step == Step.STORAGE) {
            model.put("targetGroups", StorageViews.targets(draft.devices(), answers));
            model.put("lunRows", storageViews.luns(draft.devices(), answers, locale));
            model.put("discovery", storageViews.discovery(discoveries.status(BrowserSession.owner(ctx)).orElse(null), locale));
        }
        pages.render(ctx, "wizard/" + step.id(), model);
    }

    static String next(Step step) {
        return switch (step) {
            case VM -> "/wizard/engine";
            case ENGINE -> "/wizard/prepare";
            case STORAGE -> "/wizard/finish";
        };
    }
}
