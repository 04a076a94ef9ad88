package hostedengine.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One event of a run as {@code hosted-engine --deploy} prints it: otopi's level word in brackets,
 * then Ansible's own line ({@code [ INFO  ] TASK [role : name]}, {@code [ INFO  ] ok: [host]},
 * {@code [ ERROR ] fatal: [host]: FAILED! => {"changed": false, "msg": "…"}}), so administrators
 * read the lines they know from the guide. The run page and the downloaded log both show these.
 *
 * @param level the otopi level: {@code INFO}, {@code WARNING} or {@code ERROR}
 * @param kind  what the page filters by: {@code task} (play, task and recap lines), {@code ok},
 *              {@code changed}, {@code skipped}, {@code retry}, {@code failed}, {@code warning},
 *              {@code engine} (a day-2 run's engine event)
 * @param text  the whole line, level word first
 */
public record LogLine(String level, String kind, String text) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Ansible puts in the msg of a loop task's own result, after its items. */
    private static final String LOOP_SUMMARY = "All items completed";

    /** The line for an event; every event has one. */
    public static LogLine of(RunEvent e) {
        String host = e.host() == null || e.host().isBlank() ? "localhost" : e.host();
        String item = item(e);
        switch (e.type()) {
            case "playbook_start" -> {
                Object playbook = e.data().get("playbook");
                return info("task", "PLAYBOOK [" + (playbook == null ? "" : playbook) + "]"
                        + (e.tag() == null || e.tag().isBlank() ? "" : " tags: " + e.tag()));
            }
            case "play_start" -> {
                Object play = e.data().get("play");
                return info("task", play == null || play.toString().isBlank() ? "PLAY" : "PLAY [" + play + "]");
            }
            case "task_start" -> {
                String word = Boolean.TRUE.equals(e.data().get("handler")) ? "RUNNING HANDLER" : "TASK";
                return info("task", word + " [" + nullToEmpty(e.task()) + "]");
            }
            case "ok" -> {
                String word = e.changed() ? "changed" : "ok";
                // A debug task's message is what it is for; a loop's summary ("All items completed") says nothing.
                String msg = e.message() == null || e.message().isBlank() || LOOP_SUMMARY.equals(e.message())
                        ? "" : " => " + result(Map.of("msg", e.message()));
                return info(word, word + ": [" + host + "]" + msg + toolOutput(e));
            }
            case "failed" -> {
                String line = "fatal: [" + host + "]: FAILED! => " + failure(e) + toolOutput(e);
                // A failure the playbook ignores is no error: Ansible itself goes on with "...ignoring".
                return Boolean.TRUE.equals(e.data().get("ignored"))
                        ? new LogLine("WARNING", "warning", "[WARNING] " + line + " ...ignoring")
                        : error("failed", line);
            }
            case "unreachable" -> { return error("failed", "fatal: [" + host + "]: UNREACHABLE! => " + failure(e)); }
            case "skipped" -> { return info("skipped", "skipping: [" + host + "]"); }
            case "item_ok" -> {
                String word = e.changed() ? "changed" : "ok";
                return info(word, word + ": [" + host + "] => (item=" + item + ")");
            }
            case "item_skipped" -> { return info("skipped", "skipping: [" + host + "] => (item=" + item + ")"); }
            case "item_failed" -> { return error("failed", "failed: [" + host + "] (item=" + item + ") => " + failure(e)); }
            case "retry" -> { return info("retry", retrying(e, host)); }
            case "warning" -> { return new LogLine("WARNING", "warning", "[WARNING] " + nullToEmpty(e.message())); }
            case "stats" -> { return info("task", recap(e)); }
            case "engine_event" -> { return engine(e); }
            default -> { return new LogLine("WARNING", "warning", "[WARNING] " + nullToEmpty(e.message())); }
        }
    }

    /** The item's label as Ansible shows it; an object item as JSON. */
    public static String item(RunEvent e) {
        Object item = e.data().get("item");
        if (item == null) return null;
        return item instanceof String s ? s : json(item);
    }

    /** Tools whose own output is what a day-2 run is for (guide 7.1, 5.3): printed under their task's result. */
    private static final java.util.Set<String> TOOLS_SHOWN = java.util.Set.of("engine-backup", "engine-upgrade-check", "engine-setup",
            "dnf", "needs-restarting");

    /** The output of a tool the administrator watches, one line each as it printed them; else nothing. */
    private static String toolOutput(RunEvent e) {
        Object cmd = e.data().get("cmd");
        if (!(cmd instanceof java.util.List<?> argv) || argv.isEmpty() || argv.contains("--help")) return "";
        String tool = String.valueOf(argv.get(0));
        if (!TOOLS_SHOWN.contains(tool.substring(tool.lastIndexOf('/') + 1))) return "";
        Object out = e.data().get("stdout");
        return out instanceof String text && !text.isBlank() ? "\n" + text.strip() : "";
    }

    private static LogLine info(String kind, String line) { return new LogLine("INFO", kind, "[ INFO  ] " + line); }

    private static LogLine error(String kind, String line) { return new LogLine("ERROR", kind, "[ ERROR ] " + line); }

    /** The engine's own sentence, at the level of its severity (normal, warning, error, alert). */
    private static LogLine engine(RunEvent e) {
        Object severity = e.data().get("severity");
        String s = severity == null ? "" : severity.toString().toLowerCase(java.util.Locale.ROOT);
        String line = "Engine: " + nullToEmpty(e.message());
        if (s.equals("error") || s.equals("alert")) return new LogLine("ERROR", "engine", "[ ERROR ] " + line);
        if (s.equals("warning")) return new LogLine("WARNING", "engine", "[WARNING] " + line);
        return new LogLine("INFO", "engine", "[ INFO  ] " + line);
    }

    /** Ansible's retry line: "FAILED - RETRYING: [host]: task (N retries left)." */
    private static String retrying(RunEvent e, String host) {
        Object attempt = e.data().get("attempt");
        Object retries = e.data().get("retries");
        String left = attempt instanceof Number a && retries instanceof Number r
                ? " (" + (r.intValue() - a.intValue()) + " retries left)" : "";
        return "FAILED - RETRYING: [" + host + "]: " + nullToEmpty(e.task()) + left + ".";
    }

    /** otopi's recap: "PLAY RECAP [host] : ok: 5 changed: 1 unreachable: 0 skipped: 2 failed: 0", one line per host. */
    private static String recap(RunEvent e) {
        if (!(e.data().get("stats") instanceof Map<?, ?> stats) || stats.isEmpty()) return "PLAY RECAP";
        var lines = new StringJoiner("\n[ INFO  ] ");
        stats.forEach((host, value) -> {
            Map<?, ?> s = value instanceof Map<?, ?> m ? m : Map.of();
            lines.add("PLAY RECAP [" + host + "] : ok: " + count(s, "ok") + " changed: " + count(s, "changed")
                    + " unreachable: " + count(s, "unreachable") + " skipped: " + count(s, "skipped")
                    + " failed: " + count(s, "failures"));
        });
        return lines.toString();
    }

    private static Object count(Map<?, ?> stats, String key) {
        Object v = stats.get(key);
        return v == null ? 0 : v;
    }

    /** What Ansible dumps after "FAILED! =>": the result's telling fields, in Ansible's sorted order. */
    private static String failure(RunEvent e) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("changed", e.changed());
        for (String key : new String[] {"cmd", "msg", "rc", "stderr"}) {
            Object v = "msg".equals(key) ? e.message() : e.data().get(key);
            if (v != null && !(v instanceof String s && s.isBlank())) fields.put(key, v);
        }
        if ("unreachable".equals(e.type())) fields.put("unreachable", true);
        return result(fields);
    }

    /** A result as Python's json.dumps writes it: {"key": value, "key": value}. */
    private static String result(Map<String, ?> fields) {
        var out = new StringJoiner(", ", "{", "}");
        fields.forEach((k, v) -> out.add(json(k) + ": " + json(v)));
        return out.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
