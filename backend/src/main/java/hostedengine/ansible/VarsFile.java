package hostedengine.ansible;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An extra-vars file for {@code -e @file}. In a JSON vars file a string like
 * {@code {{ 7*6 }}} <em>is</em> templated by Ansible, so every string value is written as
 * {@code {"__ansible_unsafe": "..."}} and stays a literal. Mode 0600, written as .tmp then renamed.
 */
public final class VarsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VarsFile() {}

    public static void write(Path file, Map<String, ?> vars) throws IOException {
        PrivateFiles.writeAtomically(file, JSON.writeValueAsBytes(unsafe(vars)));
    }

    /** The JSON text, unsafe-marked; for a FIFO that cannot be renamed into place. */
    public static byte[] bytes(Map<String, ?> vars) throws IOException {
        return JSON.writeValueAsBytes(unsafe(vars));
    }

    /** A vars file read back, every {@code __ansible_unsafe} wrapper removed: the variables as they were given. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        Object all = plain(JSON.readValue(file.toFile(), Object.class));
        if (!(all instanceof Map<?, ?>)) throw new IOException(file + " holds no JSON object");
        return (Map<String, Object>) all;
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("__ansible_unsafe") instanceof String s) return s;
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }

    /** Every String value wrapped; keys are variable names and stay plain. */
    static Object unsafe(Object value) {
        if (value instanceof CharSequence s) return Map.of("__ansible_unsafe", s.toString());
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), unsafe(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(unsafe(v)));
            return out;
        }
        if (value instanceof Enum<?> e) return unsafe(e.name());
        return value;
    }
}
