package hostedengine.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server's one redactor: replaces every given secret value, and every private-key
 * block, with {@value #MASK} in any string or JSON tree. The callback masks before
 * writing; this is the second line, for anything that still reaches the server.
 */
public final class Redactor {
    public static final String MASK = "********";
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", Pattern.DOTALL);

    private final List<String> secrets;

    private Redactor(List<String> secrets) { this.secrets = secrets; }

    /** Masks only private-key blocks. */
    public static Redactor keysOnly() { return new Redactor(List.of()); }

    /** Masks these values (empty ones ignored), their JSON-escaped forms, and private-key blocks. */
    public static Redactor of(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isEmpty()) continue;
            all.add(v);
            String escaped = TextNode.valueOf(v).toString();
            all.add(escaped.substring(1, escaped.length() - 1));
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so a secret containing another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    public boolean masksSecrets() { return !secrets.isEmpty(); }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text.contains("PRIVATE KEY-----") ? PRIVATE_KEY.matcher(text).replaceAll(MASK) : text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, MASK);
        }
        return out;
    }

    /** A masked copy of a JSON tree (keys too). */
    public JsonNode redact(JsonNode node) {
        if (node == null) return null;
        if (node.isTextual()) return TextNode.valueOf(redact(node.asText()));
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                copy.set(redact(e.getKey()), redact(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> copy.add(redact(child)));
            return copy;
        }
        return node;
    }

    /** A masked copy of a tree of maps, lists and scalars, as Jackson reads JSON into Java. */
    public Object redactValue(Object value) {
        if (value instanceof String s) return redact(s);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(redact(String.valueOf(k)), redactValue(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(redactValue(v)));
            return copy;
        }
        return value;
    }
}
