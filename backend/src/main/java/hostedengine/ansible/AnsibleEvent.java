package hostedengine.ansible;

import java.util.Map;

/**
 * One line of {@code events.jsonl}, as our callback wrote it.
 *
 * @param seq      the line's number in the run (ours, not Ansible's: the n-th line is event n)
 * @param type     {@code playbook_start}, {@code play_start}, {@code task_start}, {@code ok},
 *                 {@code failed}, {@code skipped}, {@code unreachable}, {@code item_ok},
 *                 {@code item_failed}, {@code item_skipped}, {@code retry}, {@code warning},
 *                 {@code stats}, or {@link #CORRUPT} for a line that is not an event
 * @param time     ISO-8601 UTC, as written; null when unknown
 * @param message  {@code msg} of the event, or the reason a line is corrupt
 * @param otopi    every {@code otopi_*} value the task reported
 * @param data     the whole object as read
 */
public record AnsibleEvent(long seq, String type, String time, String task, String taskPath, String host,
                           String tag, boolean changed, String message, Map<String, Object> otopi,
                           Map<String, Object> data) {
    public static final String CORRUPT = "corrupt";

    public AnsibleEvent {
        otopi = otopi == null ? Map.of() : otopi;
        data = data == null ? Map.of() : data;
    }

    public boolean isFailure() {
        return ("failed".equals(type) && !Boolean.TRUE.equals(data.get("ignored")))
                || "unreachable".equals(type) || "item_failed".equals(type);
    }
}
