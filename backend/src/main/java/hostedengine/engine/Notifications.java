package hostedengine.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and changes the broker's notification settings with
 * {@code hosted-engine --get-shared-config KEY --type=broker} and
 * {@code --set-shared-config KEY VALUE --type=broker}. Keys are sent as the guide types them
 * ({@code smtp-server}); if the tool does not know that form, the form its code uses
 * ({@code email.smtp-server}, HA config_ini.py: "section.option") is tried (HOSTED-ENGINE-CLI.md §3).
 */
public final class Notifications {
    private static final Pattern VALUE = Pattern.compile("(?m)^\\S+ : (.*), type : broker$");
    private static final Map<String, String> SECTION = Map.of(
            NotificationSettings.SMTP_SERVER, "email", NotificationSettings.SMTP_PORT, "email",
            NotificationSettings.SOURCE_EMAIL, "email", NotificationSettings.DESTINATION_EMAILS, "email",
            NotificationSettings.STATE_TRANSITION, "notify");

    private static final List<String> KEYS = List.of(NotificationSettings.SMTP_SERVER, NotificationSettings.SMTP_PORT,
            NotificationSettings.SOURCE_EMAIL, NotificationSettings.DESTINATION_EMAILS, NotificationSettings.STATE_TRANSITION);

    /**
     * The settings, or what kept them from being read (the tool's words), and the host read.
     *
     * @param on the host asked (this one, or the deployment host over SSH)
     */
    public record Reading(Optional<NotificationSettings> settings, Optional<String> problemKey, String output, TargetHost on) {
        public Reading {
            on = on == null ? TargetHost.THIS_HOST : on;
        }

        public Reading(Optional<NotificationSettings> settings, Optional<String> problemKey, String output) {
            this(settings, problemKey, output, TargetHost.THIS_HOST);
        }
    }

    private final EngineHost tool;

    /** @param tool where hosted-engine runs: this host, or the deployment host chosen at each call */
    public Notifications(EngineHost tool) { this.tool = tool; }

    public Reading read() {
        EngineHost host = tool.resolve();
        var values = new LinkedHashMap<String, String>();
        for (String key : KEYS) {
            ToolOutput out = withFallback(key, k -> host.run("--get-shared-config", k, "--type=broker"));
            Matcher m = VALUE.matcher(out.stdout());
            if (!out.succeeded() || !m.find()) {
                return new Reading(Optional.empty(), Optional.of(problemKey(out)), out.combined(), host.where().after(out));
            }
            values.put(key, m.group(1));
        }
        return new Reading(Optional.of(NotificationSettings.of(values)), Optional.empty(), "", host.where());
    }

    /** Sets the keys whose value changed, one command each, stopping at the first failure. */
    public ActionResult write(NotificationSettings wanted, NotificationSettings current) {
        EngineHost host = tool.resolve();
        ActionResult result = write(host, wanted, current);
        return result.on().isPresent() ? result : result.on(host.where());
    }

    private ActionResult write(EngineHost tool, NotificationSettings wanted, NotificationSettings current) {
        var outputs = new ArrayList<String>();
        Map<String, String> before = current.asMap();
        for (var e : wanted.asMap().entrySet()) {
            if (e.getValue().equals(before.get(e.getKey()))) continue;
            // hosted-engine reads its arguments with getopt: a value starting with '-' would be read as an
            // option. The Engine step's rules refuse such values; this is the second guard behind them.
            if (e.getValue().startsWith("-")) return ActionResult.refused("notify.result.refused", e.getKey());
            ToolOutput out = withFallback(e.getKey(), k -> tool.run("--set-shared-config", k, e.getValue(), "--type=broker"));
            if (!out.combined().isEmpty()) outputs.add(out.combined());
            if (!out.succeeded()) {
                ActionResult failed = ActionResult.failed(out);
                return new ActionResult(failed.outcome(), failed.messageKey(), String.join("\n", outputs))
                        .on(tool.where().after(out));
            }
        }
        return new ActionResult(ActionResult.Outcome.DONE,
                outputs.isEmpty() && wanted.equals(current) ? "notify.result.unchanged" : "notify.result.saved", String.join("\n", outputs));
    }

    private static ToolOutput withFallback(String key, java.util.function.Function<String, ToolOutput> command) {
        ToolOutput out = command.apply(key);
        if (!out.succeeded() && out.stderr().contains("Invalid configuration key")) {
            out = command.apply(SECTION.get(key) + "." + key);
        }
        return out;
    }

    private static String problemKey(ToolOutput out) {
        if (out.notConnected()) return "notify.problem.notConnected";
        if (out.missing()) return "notify.problem.toolMissing";
        if (out.timedOut()) return "notify.problem.timeout";
        if (out.stdout().contains("You must run deploy first")) return "notify.problem.notDeployed";
        return "notify.problem.failed";
    }
}
