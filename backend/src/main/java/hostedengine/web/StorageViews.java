package hostedengine.web;

import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.LunSuitability;
import hostedengine.wizard.StorageDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** The Storage step's target list (grouped by TPGT) and LUN table, ready to draw. */
final class StorageViews {
    record TargetRow(String iqn, int tpgt, String portals, String choice, boolean chosen) {}

    record TargetGroup(int tpgt, List<TargetRow> targets) {}

    /** @param reason why the LUN cannot be chosen, in the user's language, or null */
    record LunRow(String id, String sizeGib, String vendorProduct, String status, int paths, String reason, boolean chosen) {}

    private final StepForms forms;

    StorageViews(StepForms forms) { this.forms = forms; }

    static List<TargetGroup> targets(StorageDevices devices, Answers answers) {
        var byTpgt = new TreeMap<Integer, List<TargetRow>>();
        for (var t : devices.targets()) {
            boolean chosen = t.iqn().equals(answers.get(Field.ISCSI_TARGET))
                    && String.valueOf(t.tpgt()).equals(answers.get(Field.ISCSI_TPGT));
            byTpgt.computeIfAbsent(t.tpgt(), k -> new ArrayList<>())
                    .add(new TargetRow(t.iqn(), t.tpgt(), String.join(", ", t.portals()), t.tpgt() + "|" + t.iqn(), chosen));
        }
        return byTpgt.entrySet().stream().map(e -> new TargetGroup(e.getKey(), e.getValue())).toList();
    }

    List<LunRow> luns(StorageDevices devices, Answers answers, Locale locale) {
        long diskSize = parseOr(answers.get(Field.DISK_SIZE_GB), 0);
        return devices.luns().stream().map(l -> new LunRow(
                l.id(), LunSuitability.gib(l.sizeBytes()), (l.vendor() + " " + l.product()).strip(), l.status(), l.paths(),
                LunSuitability.problem(l, diskSize).map(p -> forms.text(p, locale)).orElse(null),
                l.id().equals(answers.get(Field.LUN_ID)))).toList();
    }

    private static long parseOr(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
