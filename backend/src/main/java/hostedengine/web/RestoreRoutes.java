package hostedengine.web;

import hostedengine.backup.BackupStore;
import hostedengine.backup.RestorePlans;
import hostedengine.drafts.DraftStore;
import hostedengine.wizard.Field;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Deploy from a backup" (guide 4.1 migration, 7.2 restore), chosen at the start of the wizard:
 * one of the backups kept on this host, the data center and cluster its database already has
 * (no default: the restored database decides them), the role's restore options with their
 * meaning, and the checklist of what the administrator must do by hand. Saving it sets the
 * Engine VM FQDN to the backup's (the guide keeps it) and the wizard goes on as for a new
 * engine, with a banner on every step saying which backup will be restored.
 */
final class RestoreRoutes {
    private final Pages pages;
    private final RestorePlans plans;
    private final DraftStore drafts;
    /** The engine version the deployment will install, when known (the simulator's); null on a real host. */
    private final String targetVersion;

    RestoreRoutes(Pages pages, RestorePlans plans, DraftStore drafts, String targetVersion) {
        this.pages = pages;
        this.plans = plans;
        this.drafts = drafts;
        this.targetVersion = targetVersion;
    }

    void page(Context ctx) {
        var model = new LinkedHashMap<String, Object>();
        plans.plan(BrowserSession.owner(ctx)).ifPresent(p -> model.put("plan", p));
        render(ctx, 200, model);
    }

    void save(Context ctx) throws IOException {
        String owner = BrowserSession.owner(ctx);
        var plan = new RestorePlans.Plan(ctx.formParam("backup"), trimmed(ctx.formParam("dataCenter")),
                trimmed(ctx.formParam("cluster")), "yes".equals(ctx.formParam("pkiRenew")),
                "yes".equals(ctx.formParam("pauseBeforeEngineSetup")), "yes".equals(ctx.formParam("checklistDone")));
        Map<String, RestorePlans.Problem> problems = plans.save(owner, plan);
        if (!problems.isEmpty()) {
            var model = new LinkedHashMap<String, Object>();
            model.put("plan", plan);
            model.put("problems", problems);
            render(ctx, 422, model);
            return;
        }
        // The guide keeps the engine's FQDN (4.1 step 10, 7.2.1): the wizard starts from the backup's.
        String fqdn = plans.chosen(owner).map(c -> c.backup().engineFqdn()).orElse("");
        drafts.update(owner, d -> d.withAnswers(d.answers().with(Field.ENGINE_VM_FQDN, fqdn)));
        ctx.redirect("/wizard/vm", HttpStatus.SEE_OTHER);
    }

    /** Deploy a new engine after all. */
    void clear(Context ctx) throws IOException {
        plans.clear(BrowserSession.owner(ctx));
        ctx.redirect("/wizard/vm", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, Map<String, Object> model) {
        var backups = plans.store().list().stream().filter(BackupStore.Backup::good).toList();
        model.put("backups", backups);
        var verdicts = new LinkedHashMap<String, String>();
        var verdictTexts = new LinkedHashMap<String, String>();
        for (var b : backups) {
            String key = RestorePlans.versionVerdict(b.engineVersion(), targetVersion);
            verdicts.put(b.name(), key);
            verdictTexts.put(b.name(), pages.text(ctx, key, b.engineVersion(), String.valueOf(targetVersion)));
        }
        model.put("verdicts", verdicts);
        model.put("verdictTexts", verdictTexts);
        model.put("targetVersion", targetVersion);
        // The upload form (the backups page's fragment) names the cap.
        model.put("uploadCapGib", hostedengine.backup.BackupUploads.DEFAULT_CAP >> 30);
        model.putIfAbsent("problems", Map.of());
        ctx.status(status);
        pages.render(ctx, "wizard/restore", model);
    }

    private static String trimmed(String s) { return Optional.ofNullable(s).map(String::strip).orElse(""); }
}
