package hostedengine.deploy;

import java.util.Map;

/**
 * One numbered, redacted event of a run: what subscribers and pages get.
 *
 * @param seq     1, 2, 3 … across all tags of the run; the SSE event id
 * @param tag     the role tag that produced it
 * @param type    the callback's event type ({@code task_start}, {@code ok}, {@code failed}, … or {@code corrupt})
 * @param data    the whole event object, redacted
 */
public record RunEvent(long seq, String tag, String type, String time, String task, String host,
                       boolean changed, String message, Map<String, Object> data) {
    public RunEvent {
        data = data == null ? Map.of() : data;
    }
}
