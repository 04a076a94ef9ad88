package hostedengine.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run that has ended and every event it recorded, payloads included ({@link RunEvent#data()}:
 * the callback's object, with {@code stdout}, {@code rc}, {@code msg}, {@code otopi}, …). Short
 * runs whose caller needs an answer (host facts, name checks) read it here instead of from a
 * directory of their own.
 */
public record RunOutcome(RunInfo info, List<RunEvent> events) {
    public RunOutcome {
        events = List.copyOf(events);
    }

    public boolean succeeded() { return info.status() == RunStatus.SUCCESSFUL; }

    /** Why the run did not succeed, in English with detail (Ansible's exit, the log's last lines); null on success. */
    public String problem() {
        if (succeeded()) return null;
        return info.message() == null || info.message().isBlank() ? info.status().name() : info.message();
    }

    /** The stdout of the last {@code ok} event of a task of that name (role prefix ignored), when its command exited 0. */
    public Optional<String> stdout(String task) {
        // The callback leaves out an empty stdout: that is "" here, not "unknown".
        return last("ok", task).filter(e -> rc(e) == 0)
                .map(e -> e.data().get("stdout") == null ? "" : String.valueOf(e.data().get("stdout")));
    }

    /** The last event of that type for a task of that name (role prefix ignored). */
    public Optional<RunEvent> last(String type, String task) {
        RunEvent found = null;
        for (RunEvent e : events) {
            if (type.equals(e.type()) && e.task() != null && task.equals(bareName(e.task()))) found = e;
        }
        return Optional.ofNullable(found);
    }

    /** The first failure that stopped the play (failures the playbook ignores do not count). */
    public Optional<RunEvent> firstFailure() {
        return events.stream().filter(e -> "failed".equals(e.type()))
                .filter(e -> !Boolean.TRUE.equals(e.data().get("ignored"))).findFirst();
    }

    /** The last value of an {@code otopi_*} result as an {@code ok} event reported it, for values that change per task. */
    public Optional<Object> lastOtopi(String name) {
        Object found = null;
        for (RunEvent e : events) {
            if ("ok".equals(e.type()) && e.data().get("otopi") instanceof Map<?, ?> otopi && otopi.get(name) != null) {
                found = otopi.get(name);
            }
        }
        return Optional.ofNullable(found);
    }

    /** "ovirt.ovirt.hosted_engine_setup : Check address resolution" → "Check address resolution". */
    public static String bareName(String name) {
        int i = name.indexOf(" : ");
        return i >= 0 && !name.substring(0, i).contains(" ") ? name.substring(i + 3) : name;
    }

    private static int rc(RunEvent e) {
        return e.data().get("rc") instanceof Number n ? n.intValue() : 0;
    }
}
