package hostedengine.engine;

/**
 * How an action on the engine went, for the page and the audit log.
 *
 * @param outcome    done, refused (not attempted or refused by the tool, with the reason), or failed
 * @param messageKey what to tell the administrator ({@code maintenance.result.*})
 * @param output     the command's own output, shown as it is
 */
public record ActionResult(Outcome outcome, String messageKey, String output) {
    public enum Outcome { DONE, REFUSED, FAILED }

    static ActionResult done(String key, ToolOutput out) { return new ActionResult(Outcome.DONE, key, out.combined()); }

    static ActionResult refused(String key, String output) { return new ActionResult(Outcome.REFUSED, key, output); }

    /** A failure: the timeout and a missing tool have their own words, anything else the tool's. */
    static ActionResult failed(ToolOutput out) {
        String key = out.missing() ? "maintenance.result.toolMissing"
                : out.timedOut() ? "maintenance.result.timeout" : "maintenance.result.failed";
        return new ActionResult(Outcome.FAILED, key, out.combined());
    }

    public boolean done() { return outcome == Outcome.DONE; }

    public boolean refused() { return outcome == Outcome.REFUSED; }
}
