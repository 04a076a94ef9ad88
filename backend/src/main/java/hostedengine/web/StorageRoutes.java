package hostedengine.web;

import hostedengine.drafts.DraftStore;
import hostedengine.host.StorageDiscovery;
import hostedengine.host.StorageDiscoveryException;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import io.javalin.http.Context;
import java.util.List;

/**
 * The Storage step's discovery buttons: iSCSI "Retrieve Target List", choosing a target
 * (which lists its LUNs), and Fibre Channel "Discover". Each saves what is typed first,
 * and a failure is shown on the page, never lost.
 */
final class StorageRoutes {
    private final DraftStore drafts;
    private final StorageDiscovery discovery;
    private final WizardRoutes wizard;

    StorageRoutes(DraftStore drafts, StorageDiscovery discovery, WizardRoutes wizard) {
        this.drafts = drafts;
        this.discovery = discovery;
        this.wizard = wizard;
    }

    void iscsiDiscover(Context ctx) {
        Answers typed = saveTyped(ctx);
        discover(ctx, () -> {
            int port = parsePort(typed.get(Field.ISCSI_PORTAL_PORT));
            return discovery.iscsiTargets(typed.get(Field.ISCSI_PORTAL_ADDRESS), port,
                    typed.get(Field.ISCSI_DISCOVER_USERNAME), typed.get(Field.ISCSI_DISCOVER_PASSWORD));
        }, true, "#iscsi-targets");
    }

    void iscsiChooseTarget(Context ctx) {
        Answers typed = saveTyped(ctx);
        String iqn = typed.get(Field.ISCSI_TARGET);
        if (iqn.isEmpty()) { ctx.redirect("/wizard/storage#iscsi-targets"); return; }
        int tpgt = Integer.parseInt(typed.get(Field.ISCSI_TPGT));
        discover(ctx, () -> {
            var luns = discovery.iscsiLuns(iqn, tpgt).luns();
            var targets = drafts.get(wizard.owner(ctx)).devices().targets();
            return new StorageDevices(targets, luns);
        }, false, "#lun-table");
    }

    void fcDiscover(Context ctx) {
        saveTyped(ctx);
        discover(ctx, () -> new StorageDevices(List.of(), discovery.fcLuns().luns()), true, "#lun-table");
    }

    private interface Lookup { StorageDevices run() throws StorageDiscoveryException; }

    private void discover(Context ctx, Lookup lookup, boolean forgetChoices, String anchor) {
        String owner = wizard.owner(ctx);
        try {
            StorageDevices found = lookup.run();
            drafts.update(owner, d -> {
                Answers a = d.answers().with(Field.LUN_ID, "");
                if (forgetChoices) a = a.with(Field.ISCSI_TARGET, "").with(Field.ISCSI_TPGT, "").with(Field.ISCSI_TARGET_PORTALS, "");
                return d.withAnswers(a).withDevices(found).withNotice(
                        found.targets().isEmpty() && found.luns().isEmpty() ? "notice.discoveryEmpty" : null, List.of());
            });
        } catch (StorageDiscoveryException | NumberFormatException failed) {
            drafts.update(owner, d -> d.withNotice("notice.discoveryFailed", List.of(String.valueOf(failed.getMessage()))));
        }
        ctx.redirect("/wizard/storage" + anchor);
    }

    private Answers saveTyped(Context ctx) {
        return drafts.update(wizard.owner(ctx), d -> d.withAnswers(
                StepForms.read(Step.STORAGE, ctx.formParamMap(), d.answers(), d.devices()))).answers();
    }

    private static int parsePort(String text) {
        return text.isBlank() ? 3260 : Integer.parseInt(text.strip());
    }
}
