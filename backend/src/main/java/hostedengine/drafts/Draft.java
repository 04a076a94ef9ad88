package hostedengine.drafts;

import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import java.util.EnumSet;
import java.util.Set;

/**
 * One user's wizard in progress.
 *
 * @param answers    everything typed, secrets included (they never leave memory)
 * @param devices    what storage discovery found, the choices of the Storage step
 * @param attempted  steps the user has tried to leave (or imported), whose errors are shown on arrival
 * @param notice     a one-time message key for the next page (e.g. after an import), or null
 * @param noticeArgs its arguments
 */
public record Draft(Answers answers, StorageDevices devices, Set<Step> attempted, String notice, java.util.List<String> noticeArgs) {
    public Draft {
        attempted = attempted.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(attempted);
        noticeArgs = noticeArgs == null ? java.util.List.of() : java.util.List.copyOf(noticeArgs);
    }

    public static Draft fresh(Answers defaults) {
        return new Draft(defaults, StorageDevices.none(), EnumSet.noneOf(Step.class), null, null);
    }

    /**
     * The same draft with these answers. A new iSCSI portal (address or port) makes the targets
     * found on the old one meaningless: they, their LUNs and the target and LUN chosen are cleared.
     */
    public Draft withAnswers(Answers a) {
        boolean portalChanged = !a.get(Field.ISCSI_PORTAL_ADDRESS).strip().equals(answers.get(Field.ISCSI_PORTAL_ADDRESS).strip())
                || !a.get(Field.ISCSI_PORTAL_PORT).strip().equals(answers.get(Field.ISCSI_PORTAL_PORT).strip());
        if (portalChanged && !devices.targets().isEmpty()) {
            Answers cleared = a.with(Field.ISCSI_TARGET, "").with(Field.ISCSI_TPGT, "")
                    .with(Field.ISCSI_TARGET_PORTALS, "").with(Field.LUN_ID, "");
            return new Draft(cleared, StorageDevices.none(), attempted, notice, noticeArgs);
        }
        return new Draft(a, devices, attempted, notice, noticeArgs);
    }

    public Draft withDevices(StorageDevices d) { return new Draft(answers, d, attempted, notice, noticeArgs); }

    public Draft attempting(Step step) {
        var s = EnumSet.noneOf(Step.class);
        s.addAll(attempted);
        s.add(step);
        return new Draft(answers, devices, s, notice, noticeArgs);
    }

    public Draft attemptingAll() { return new Draft(answers, devices, EnumSet.allOf(Step.class), notice, noticeArgs); }

    public Draft withNotice(String key, java.util.List<String> args) { return new Draft(answers, devices, attempted, key, args); }

    public Draft withoutNotice() { return new Draft(answers, devices, attempted, null, null); }
}
