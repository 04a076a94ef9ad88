package hostedengine.web;

import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.RoleVariables;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The two review pages, "Prepare VM" and "Finish": exactly the role variables that will
 * be sent, grouped as the steps are, each group with an Edit link. Secrets show only
 * whether they are set. A review is never shown for answers that break a rule: the
 * user is taken to the first step that does.
 */
final class ReviewRoutes {
    record Row(String variable, Object value, boolean secret) {}

    record Group(String id, List<Row> rows) {}

    private final Pages pages;
    private final DraftStore drafts;
    private final Supplier<Rules> rules;
    /** The pre-flight list on the Prepare VM review. */
    private final PreflightRoutes preflight;

    ReviewRoutes(Pages pages, DraftStore drafts, Supplier<Rules> rules, PreflightRoutes preflight) {
        this.preflight = preflight;
        this.pages = pages;
        this.drafts = drafts;
        this.rules = rules;
    }

    void prepare(Context ctx) { review(ctx, "prepare", EnumSet.of(Step.VM, Step.ENGINE)); }

    void finish(Context ctx) { review(ctx, "finish", EnumSet.allOf(Step.class)); }

    private void review(Context ctx, String page, Set<Step> steps) {
        String owner = BrowserSession.owner(ctx);
        Draft draft = drafts.get(owner);
        for (Step step : steps) {
            boolean blocked = rules.get().check(step, draft.answers(), draft.devices()).stream().anyMatch(FieldError::blocking);
            if (blocked) {
                drafts.update(owner, d -> d.attempting(step));
                ctx.redirect("/wizard/" + step.id());
                return;
            }
        }
        if (draft.notice() != null) drafts.update(owner, Draft::withoutNotice);
        var model = new LinkedHashMap<String, Object>();
        model.put("step", page);
        model.put("groups", groups(draft, steps));
        model.put("notice", draft.notice());
        model.put("noticeArgs", draft.noticeArgs().toArray());
        if (page.equals("prepare")) {
            model.putAll(preflight.model(owner, draft.answers(), Language.of(ctx), NameChecks.operator(ctx).isPresent()));
            model.put("localVmDirError", draft.notice() != null && draft.notice().startsWith("preflight.localVmDir."));
        }
        pages.render(ctx, "wizard/" + page, model);
    }

    static List<Group> groups(Draft draft, Set<Step> steps) {
        var byStep = RoleVariables.byStep(draft.answers());
        var secrets = RoleVariables.secrets(draft.answers());
        var groups = new ArrayList<Group>();
        for (Step step : steps) {
            var rows = new ArrayList<Row>();
            byStep.getOrDefault(step, Map.of()).forEach((name, value) -> rows.add(new Row(name, value, false)));
            RoleVariables.secretFields().forEach((name, field) -> {
                if (field.step() == step && secrets.containsKey(name)) rows.add(new Row(name, null, true));
            });
            groups.add(new Group(step.id(), rows));
        }
        var fixed = new ArrayList<Row>();
        RoleVariables.fixed().forEach((name, value) -> fixed.add(new Row(name, value, false)));
        groups.add(new Group("fixed", fixed));
        return groups;
    }
}
