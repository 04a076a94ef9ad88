package hostedengine.web;

import hostedengine.host.DiscoveryJobs;
import hostedengine.host.DiscoveryJobs.Kind;
import hostedengine.host.DiscoveryJobs.State;
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

    /**
     * A discovery running or its outcome, at the place it concerns: {@code kind} "targets" (under
     * the portal fields), "luns" or "fc" (in the LUN section).
     *
     * @param state       running, empty or failed
     * @param message     what to tell the user, in their language
     * @param original    the role's own message when it says more than {@code message}, else null
     * @param runId       the discovery run whose log tells more, or null
     * @param retryAction where Retry posts
     */
    record DiscoveryView(String kind, String state, String message, String original, String runId, String retryAction) {}

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

    /** Null when there is nothing to say (no discovery yet, or its result is on the page). */
    DiscoveryView discovery(DiscoveryJobs.Status status, Locale locale) {
        if (status == null || status.state() == State.FOUND) return null;
        String kind = kind(status.kind());
        String message;
        String original = null;
        String runId = null;
        switch (status.state()) {
            case RUNNING -> message = forms.text(locale, status.kind() == Kind.ISCSI_TARGETS
                    ? "discovery.retrievingTargets" : "discovery.discoveringLuns", List.of());
            case EMPTY -> message = forms.text(locale, switch (status.kind()) {
                case ISCSI_TARGETS -> "discovery.noTargets";
                case ISCSI_LUNS -> "discovery.noLuns";
                case FC_LUNS -> "discovery.noFcLuns";
            }, List.of());
            default -> {
                var problem = status.problem();
                message = forms.text(locale, problem.key(), problem.args());
                String said = problem.args().isEmpty() ? "" : problem.args().get(0);
                original = problem.original().isBlank() || problem.original().strip().equals(said) ? null : problem.original();
                runId = problem.runId();
            }
        }
        String retry = switch (status.kind()) {
            case ISCSI_TARGETS -> "/wizard/storage/iscsi/discover";
            case ISCSI_LUNS -> "/wizard/storage/iscsi/target";
            case FC_LUNS -> "/wizard/storage/fc/discover";
        };
        return new DiscoveryView(kind, state(status), message, original, runId, retry);
    }

    static String state(DiscoveryJobs.Status status) { return status.state().name().toLowerCase(Locale.ROOT); }

    static String kind(Kind kind) {
        return switch (kind) {
            case ISCSI_TARGETS -> "targets";
            case ISCSI_LUNS -> "luns";
            case FC_LUNS -> "fc";
        };
    }

    private static long parseOr(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
