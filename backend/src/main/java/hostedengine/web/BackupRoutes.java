package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.backup.BackupOperations;
import hostedengine.backup.BackupStore;
import hostedengine.backup.EngineUpdates;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.Runs;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backups of the engine (guide 7.1): the guide's preconditions, *Back up the engine* (the engine
 * VM's root login asked each time, never shown again or kept; its host key confirmed on first
 * contact), and the backups kept on this host with download, delete and how many are kept. A
 * backup holds the engine's database and keys, so everything here but the list is for operators.
 */
final class BackupRoutes {
    private final Pages pages;
    private final BackupOperations operations;
    private final Runs runs;
    private final AuditLog audit;
    private final hostedengine.backup.BackupUploads uploads;
    private final EngineUpdates updates;

    BackupRoutes(Pages pages, EngineUpdates updates, Runs runs, AuditLog audit) {
        this.pages = pages;
        this.updates = updates;
        this.operations = updates.operations();
        this.runs = runs;
        this.audit = audit;
        this.uploads = hostedengine.backup.BackupUploads.of(operations.store());
    }

    /**
     * A backup uploaded as the request's body (application/octet-stream, its length declared;
     * the page's script sends the file so): JSON with the stored backup's name, or why not, in
     * the user's language.
     */
    void upload(Context ctx) {
        var outcome = uploads.store(ctx.bodyInputStream(), ctx.req().getContentLengthLong());
        var answer = new LinkedHashMap<String, Object>();
        if (outcome instanceof hostedengine.backup.BackupUploads.Stored s) {
            answer.put("name", s.backup().name());
            answer.put("message", pages.text(ctx, "backup.upload.stored", s.backup().engineFqdn(), s.backup().engineVersion()));
            ctx.status(201);
        } else {
            var r = (hostedengine.backup.BackupUploads.Refused) outcome;
            Object[] args = r.key().equals("backup.upload.notBackup")
                    ? new Object[] {pages.text(ctx, r.args().get(0))} : r.args().toArray();
            answer.put("message", pages.text(ctx, r.key(), args));
            ctx.status(r.status());
        }
        audit.backupFile(AuditLog.Action.BACKUP_UPLOADED, user(ctx), ctx.ip(), String.valueOf(answer.getOrDefault("name", "")),
                outcome instanceof hostedengine.backup.BackupUploads.Stored ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(RunStream.json(answer));
    }

    void page(Context ctx) { render(ctx, 200, new LinkedHashMap<>()); }

    void start(Context ctx) {
        answer(ctx, operations.start(caller(ctx), login(ctx)), (status, model) -> render(ctx, status, model));
    }

    /** Guide 5.3, the first step: what engine-upgrade-check on the engine VM says. */
    void updatesPage(Context ctx) { renderUpdates(ctx, 200, new LinkedHashMap<>()); }

    void checkUpdates(Context ctx) {
        answer(ctx, operations.checkForUpdates(caller(ctx), login(ctx)), (status, model) -> renderUpdates(ctx, status, model));
    }

    /**
     * Guide 5.3, the whole update as one run. Without a backup of the last day, the administrator
     * either makes one first or says they go on without (the audit log records which).
     */
    void startUpdate(Context ctx) {
        boolean withoutBackup = "yes".equals(ctx.formParam("withoutBackup"));
        var outcome = updates.start(caller(ctx), login(ctx), withoutBackup);
        answer(ctx, outcome, (status, model) -> {
            if (outcome instanceof BackupOperations.Invalid i && i.errors().containsKey("withoutBackup")) {
                model.put("backupError", i.errors().get("withoutBackup"));
                model.put("loginErrors", Map.of());
            }
            model.put("updateForm", true);
            renderUpdates(ctx, status, model);
        });
    }

    private void renderUpdates(Context ctx, int status, Map<String, Object> model) {
        engineVmModel(model, operations.preconditions().stream().filter(c -> c.id().equals("engine")).toList());
        model.put("lastCheck", operations.lastUpdateCheck().orElse(null));
        model.put("lastUpdate", updates.last().orElse(null));
        model.put("recentBackup", updates.recentBackup().orElse(null));
        model.put("globalMaintenance", updates.globalMaintenance().orElse(false));
        model.putIfAbsent("updateForm", false);
        ctx.status(status);
        pages.render(ctx, "updates", model);
    }

    /** What both pages show of the engine VM: the checks that apply, whether they block, and its login form. */
    private void engineVmModel(Map<String, Object> model, List<BackupOperations.Check> checks) {
        model.put("checks", checks);
        model.put("blocked", checks.stream().anyMatch(c -> c.level() == BackupOperations.Level.FAIL));
        model.put("engineVm", operations.engineVm().label().orElse(null));
        model.put("engineVmSimulated", operations.engineVm().simulatedWithoutSsh());
        model.put("pinnedKey", operations.engineVm().pinned().map(k -> k.type() + " " + k.fingerprint()).orElse(null));
        model.putIfAbsent("auth", "password");
        model.putIfAbsent("keyFile", "");
        model.putIfAbsent("loginErrors", Map.of());
    }

    private static BackupOperations.Login login(Context ctx) {
        String kind = "key".equals(ctx.formParam("auth")) ? "key" : "password";
        String confirmed = "yes".equals(ctx.formParam("confirmKey")) ? ctx.formParam("fingerprint") : "";
        return new BackupOperations.Login(kind, ctx.formParam("password"), ctx.formParam("keyFile"), confirmed);
    }

    /** Started: to the run's page. Otherwise the page again, with why, at the field where it belongs. */
    private static void answer(Context ctx, BackupOperations.Outcome outcome,
                               java.util.function.BiConsumer<Integer, Map<String, Object>> render) {
        String kind = "key".equals(ctx.formParam("auth")) ? "key" : "password";
        var model = new LinkedHashMap<String, Object>();
        model.put("auth", kind);
        // A key file's path comes back to correct it; the password never does.
        model.put("keyFile", Optional.ofNullable(ctx.formParam("keyFile")).orElse(""));
        if (outcome instanceof BackupOperations.Started s) {
            ctx.redirect("/runs/" + s.runId(), HttpStatus.SEE_OTHER);
        } else if (outcome instanceof BackupOperations.Invalid i) {
            model.put("loginErrors", i.errors());
            render.accept(422, model);
        } else if (outcome instanceof BackupOperations.KeyToConfirm k) {
            model.put("keyToConfirm", k);
            render.accept(409, model);
        } else if (outcome instanceof BackupOperations.Unreachable u) {
            model.put("unreachable", u);
            render.accept(502, model);
        } else if (outcome instanceof BackupOperations.Busy b) {
            model.put("startError", "backup.busy");
            model.put("busyRun", b.runningId());
            render.accept(409, model);
        } else if (outcome instanceof BackupOperations.Refused r) {
            model.put("startError", r.key());
            render.accept(409, model);
        }
    }

    /** After the administrator checked the engine VM's new key on its console: forget the old one. */
    void forgetKey(Context ctx) throws IOException {
        if ("yes".equals(ctx.formParam("confirm"))) operations.engineVm().forget();
        ctx.redirect("/backups", HttpStatus.SEE_OTHER);
    }

    void download(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path file = operations.store().file(name).orElseThrow(NotFoundResponse::new);
        audit.backupFile(AuditLog.Action.BACKUP_DOWNLOADED, user(ctx), ctx.ip(), name, AuditLog.Outcome.SUCCESS);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Content-Length", String.valueOf(Files.size(file)));
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/octet-stream");
        InputStream in = Files.newInputStream(file);
        ctx.result(in);
    }

    void delete(Context ctx) throws IOException {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        var model = new LinkedHashMap<String, Object>();
        if (!"yes".equals(ctx.formParam("confirm"))) {
            model.put("listError", "backup.deleteNotConfirmed");
            render(ctx, 422, model);
            return;
        }
        boolean deleted = operations.store().delete(name);
        audit.backupFile(AuditLog.Action.BACKUP_DELETED, user(ctx), ctx.ip(), BackupStore.NAME.matcher(name).matches() ? name : "",
                deleted ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        if (!deleted) {
            model.put("listError", "backup.noSuchBackup");
            render(ctx, 404, model);
            return;
        }
        ctx.redirect("/backups", HttpStatus.SEE_OTHER);
    }

    void retention(Context ctx) throws IOException {
        String keep = Optional.ofNullable(ctx.formParam("keep")).orElse("").strip();
        if (!keep.matches("[0-9]{1,4}") || Integer.parseInt(keep) > BackupStore.MAX_KEEP) {
            var model = new LinkedHashMap<String, Object>();
            model.put("retentionError", "backup.retention.invalid");
            model.put("keepTyped", keep);
            render(ctx, 422, model);
            return;
        }
        int n = Integer.parseInt(keep);
        List<String> deleted = operations.store().setRetention(n);
        audit.backupRetention(user(ctx), ctx.ip(), n, deleted);
        ctx.redirect("/backups", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, Map<String, Object> model) {
        var store = operations.store();
        try {
            // The retention applies to backups that arrived since (a run ended while no page looked).
            store.prune();
        } catch (IOException e) {
            model.putIfAbsent("listError", "backup.pruneFailed");
        }
        engineVmModel(model, operations.preconditions());
        model.put("backups", store.list());
        model.put("keep", store.retention());
        model.put("backupDir", store.directory().toString());
        model.put("lastRun", lastBackupRun().orElse(null));
        model.put("uploadCapGib", uploads.cap() >> 30);
        ctx.status(status);
        pages.render(ctx, "backups", model);
    }

    private Optional<RunInfo> lastBackupRun() {
        return runs.list().stream().filter(r -> r.phase() == Phase.ENGINE_BACKUP).findFirst();
    }

    private BackupOperations.Caller caller(Context ctx) {
        return new BackupOperations.Caller(BrowserSession.owner(ctx), user(ctx), ctx.ip());
    }

    private static String user(Context ctx) { return AuthGate.session(ctx).map(s -> s.user().name()).orElse(""); }
}
