package hostedengine.ansible;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one line of {@code events.jsonl}. Never throws: a bad line becomes a {@code corrupt} event. */
public final class EventLine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final int SHOWN = 200;

    private EventLine() {}

    public static AnsibleEvent parse(long seq, String line) {
        if (line == null || line.isBlank()) return corrupt(seq, "event " + seq + " is an empty line", "");
        Map<String, Object> data;
        try {
            data = JSON.readValue(line, OBJECT);
        } catch (Exception e) {
            return corrupt(seq, "event " + seq + " is not a complete JSON object (the line may have been cut off)", line);
        }
        if (data == null || !(data.get("event") instanceof String type) || type.isBlank()) {
            return corrupt(seq, "event " + seq + " has no event type", line);
        }
        Map<String, Object> otopi = data.get("otopi") instanceof Map<?, ?> m ? cast(m) : Map.of();
        return new AnsibleEvent(seq, type, text(data, "time"), text(data, "task"), text(data, "task_path"),
                text(data, "host"), text(data, "tag"), Boolean.TRUE.equals(data.get("changed")),
                text(data, "msg"), Collections.unmodifiableMap(otopi), Collections.unmodifiableMap(data));
    }

    private static AnsibleEvent corrupt(long seq, String message, String line) {
        String shown = line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", AnsibleEvent.CORRUPT);
        data.put("msg", message);
        data.put("line", shown);
        return new AnsibleEvent(seq, AnsibleEvent.CORRUPT, null, null, null, null, null, false, message,
                Map.of(), Collections.unmodifiableMap(data));
    }

    private static String text(Map<String, Object> data, String key) {
        Object v = data.get(key);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) { return (Map<String, Object>) m; }
}
