package hostedengine.drafts;

import hostedengine.wizard.Answers;
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

    public Draft withAnswers(Answers a) { return new Draft(a, devices, attempted, notice, noticeArgs); }

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
