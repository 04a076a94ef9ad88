package hostedengine.engine;

import java.util.Optional;

/**
 * How an action on the engine went, for the page and the audit log.
 *
 * @param outcome    done, refused (not attempted or refused by the tool, with the reason), or failed
 * @param messageKey what to tell the administrator ({@code maintenance.result.*})
 * @param output     the command's own output, shown as it is
 * @param on         the host it acted on (or would have); empty when refused before any host was asked
 */
public record ActionResult(Outcome outcome, String messageKey, String output, Optional<TargetHost> on) {
    public enum Outcome { DONE, REFUSED, FAILED }

    public ActionResult {
        on = on == null ? Optional.empty() : on;
    }

    public ActionResult(Outcome outcome, String messageKey, String output) {
        this(outcome, messageKey, output, Optional.empty());
    }

    static ActionResult done(String key, ToolOutput out) { return new ActionResult(Outcome.DONE, key, out.combined()); }

    static ActionResult refused(String key, String output) { return new ActionResult(Outcome.REFUSED, key, output); }

    /**
     * A failure: the timeout and a missing tool have their own words, anything else the tool's. A
     * remote host that cannot be used is a refusal: nothing ran, on that host or any other.
     */
    static ActionResult failed(ToolOutput out) {
        if (out.notConnected()) return new ActionResult(Outcome.REFUSED, NOT_CONNECTED, out.combined());
        String key = out.missing() ? "maintenance.result.toolMissing"
                : out.timedOut() ? "maintenance.result.timeout" : "maintenance.result.failed";
        return new ActionResult(Outcome.FAILED, key, out.combined());
    }

    /** Nothing was done: the deployment host is remote and not connected. */
    public static final String NOT_CONNECTED = "day2.result.notConnected";

    /** The same result, saying which host it acted on. */
    public ActionResult on(TargetHost host) { return new ActionResult(outcome, messageKey, output, Optional.of(host)); }

    public boolean done() { return outcome == Outcome.DONE; }

    public boolean refused() { return outcome == Outcome.REFUSED; }
}
