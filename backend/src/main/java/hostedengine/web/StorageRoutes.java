package hostedengine.web;

import hostedengine.drafts.Draft;
import hostedengine.drafts.DraftStore;
import hostedengine.host.DiscoveryJobs;
import hostedengine.host.DiscoveryJobs.Kind;
import hostedengine.host.StorageDiscovery;
import hostedengine.host.StorageDiscoveryException;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.VariableGate;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Storage step's discovery buttons: iSCSI "Retrieve Target List", choosing a target
 * (which lists its LUNs), and Fibre Channel "Discover". Each saves what is typed first, starts
 * the discovery in the background ({@link DiscoveryJobs}) and shows the page, which says
 * "Retrieving…" and polls {@code /api/wizard/storage/discovery} until the result (in the draft)
 * or the failure (at the field it concerns) can be shown.
 */
final class StorageRoutes {
    private final DraftStore drafts;
    private final StorageDiscovery discovery;
    private final DiscoveryJobs jobs;
    private final Supplier<Rules> rules;

    StorageRoutes(DraftStore drafts, StorageDiscovery discovery, DiscoveryJobs jobs, Supplier<Rules> rules) {
        this.drafts = drafts;
        this.discovery = discovery;
        this.jobs = jobs;
        this.rules = rules;
    }

    void iscsiDiscover(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        Answers typed = saveTyped(ctx).answers();
        if (!ready(ctx, owner, Kind.ISCSI_TARGETS, typed)) return;
        String key = String.join("|", typed.get(Field.ISCSI_PORTAL_ADDRESS), typed.get(Field.ISCSI_PORTAL_PORT),
                typed.get(Field.ISCSI_DISCOVER_USERNAME));
        jobs.start(owner, Kind.ISCSI_TARGETS, key, () -> discovery.iscsiTargets(owner, typed),
                found -> drafts.update(owner, d -> d.withAnswers(withoutChoices(d.answers())).withDevices(found)));
        ctx.redirect("/wizard/storage#discovery-targets");
    }

    void iscsiChooseTarget(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        Draft draft = drafts.update(owner, d -> {
            Draft typed = d.withAnswers(StepForms.read(Step.STORAGE, ctx.formParamMap(), d.answers(), d.devices()));
            return typed.withAnswers(typed.answers().with(Field.LUN_ID, ""))
                    .withDevices(new StorageDevices(typed.devices().targets(), List.of()));
        });
        Answers typed = draft.answers();
        String iqn = typed.get(Field.ISCSI_TARGET);
        if (iqn.isEmpty()) { ctx.redirect("/wizard/storage#iscsi-targets"); return; }
        if (!ready(ctx, owner, Kind.ISCSI_LUNS, typed)) return;
        StorageDevices devices = draft.devices();
        jobs.start(owner, Kind.ISCSI_LUNS, iqn + "|" + typed.get(Field.ISCSI_TPGT),
                () -> discovery.iscsiLuns(owner, typed, devices),
                found -> drafts.update(owner, d -> d.withDevices(new StorageDevices(d.devices().targets(), found.luns()))));
        ctx.redirect("/wizard/storage#discovery-luns");
    }

    void fcDiscover(Context ctx) {
        String owner = BrowserSession.owner(ctx);
        Answers typed = saveTyped(ctx).answers();
        if (!ready(ctx, owner, Kind.FC_LUNS, typed)) return;
        jobs.start(owner, Kind.FC_LUNS, "fc", () -> discovery.fcLuns(owner, typed),
                found -> drafts.update(owner, d -> d.withAnswers(withoutChoices(d.answers())).withDevices(found)));
        ctx.redirect("/wizard/storage#discovery-fc");
    }

    /** {"state": "running" | "found" | "empty" | "failed" | "none", "kind": ...}: what the page polls. */
    void status(Context ctx) {
        var body = new LinkedHashMap<String, Object>();
        jobs.status(BrowserSession.owner(ctx)).ifPresentOrElse(s -> {
            body.put("state", StorageViews.state(s));
            body.put("kind", StorageViews.kind(s.kind()));
        }, () -> body.put("state", "none"));
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    /**
     * Whether discovery may start: the answers this tag sends pass their rules now (the gate the
     * discovery itself applies again), and the admin password, with which the role logs in to
     * the bootstrap engine, is still known (passwords live only in memory). Otherwise the page
     * says why, where it matters: at the portal field, or naming the VM or Engine step.
     */
    private boolean ready(Context ctx, String owner, Kind kind, Answers typed) {
        var need = switch (kind) {
            case ISCSI_TARGETS -> VariableGate.Need.ISCSI_DISCOVER;
            case ISCSI_LUNS -> VariableGate.Need.ISCSI_GETDEVICES;
            case FC_LUNS -> VariableGate.Need.FC_GETDEVICES;
        };
        var verdict = VariableGate.admit(rules.get(), typed, drafts.get(owner).devices(), need);
        if (verdict instanceof VariableGate.Refused refused) {
            FieldError e = refused.errors().get(0);
            jobs.refuse(owner, kind, StorageDiscoveryException.refusedBy(e));
            ctx.redirect("/wizard/storage" + (e.field().step() == Step.STORAGE ? "#" + e.field().id() : ""));
            return false;
        }
        return true;
    }

    private Draft saveTyped(Context ctx) {
        return drafts.update(BrowserSession.owner(ctx), d -> d.withAnswers(
                StepForms.read(Step.STORAGE, ctx.formParamMap(), d.answers(), d.devices())));
    }

    private static Answers withoutChoices(Answers a) {
        return a.with(Field.LUN_ID, "").with(Field.ISCSI_TARGET, "").with(Field.ISCSI_TPGT, "")
                .with(Field.ISCSI_TARGET_PORTALS, "");
    }
}
