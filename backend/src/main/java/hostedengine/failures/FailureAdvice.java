package hostedengine.failures;

import java.util.List;

/**
 * One row of the failure table: a known way a deployment fails.
 *
 * @param id      names the row and its text: {@code failure.<id>.cause} and {@code failure.<id>.fix}
 * @param guide   sections of the RHV 4.2 Self-Hosted Engine Guide that speak of it (e.g. "2.1"), maybe none;
 *                each has its title as {@code failure.guide.<section>}
 * @param advised false for a failure known but deliberately left unexplained (the wizard cannot cause it)
 * @param reason  why a row is not advised, for whoever maintains the table; never shown
 * @param seeEarlier the row is a summary the role prints after another task failed (a block's rescue,
 *                "Notify the user about a failure"): an earlier failure of the run that has a row of its
 *                own explains better ({@link FailureTable#explainRun})
 */
public record FailureAdvice(String id, List<String> guide, boolean advised, String reason, boolean seeEarlier) {
    public FailureAdvice {
        guide = guide == null ? List.of() : List.copyOf(guide);
    }

    public String causeKey() { return "failure." + id + ".cause"; }

    public String fixKey() { return "failure." + id + ".fix"; }

    public static String guideKey(String section) { return "failure.guide." + section; }
}
