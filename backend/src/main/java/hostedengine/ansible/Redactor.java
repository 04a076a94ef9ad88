package hostedengine.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>A secret is masked in each form output gives it: as typed, JSON-escaped (with and without
 * {@code \\uXXXX} for non-ASCII), shell-quoted (as {@code shlex.quote} and {@code printf %q}
 * write it), URL-encoded (form and path style), and cut by a line break anywhere inside it
 * (a wrapped terminal line, or {@code \n} in JSON). The callback's copy of this list is in
 * {@code playbooks/callback_plugins/wizard_events.py}; {@code AnsibleUnitsTest} holds both to it.
 */
public final class Redactor {
    public static final String MASK = "********";
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", Pattern.DOTALL);
    /** Characters a shell needs no quoting for (as Python's shlex). */
    private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+");
    /** What may stand between two characters of a secret that output wrapped: a real or JSON-escaped break. */
    private static final String BREAK = "(?:\\r?\\n[ \\t]*|(?:\\\\r)?\\\\n)?";

    private final List<String> literals;
    private final List<Pattern> wrapped;

    private Redactor(List<String> literals, List<Pattern> wrapped) {
        this.literals = literals;
        this.wrapped = wrapped;
    }

    /** Masks only private-key blocks. */
    public static Redactor keysOnly() { return new Redactor(List.of(), List.of()); }

    /** Masks these values (empty ones ignored) in every form of {@link #forms}, and private-key blocks. */
    public static Redactor of(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        List<Pattern> wrapped = new ArrayList<>();
        for (String v : new LinkedHashSet<>(values)) {
            if (v == null || v.isEmpty()) continue;
            for (String form : forms(v)) {
                if (all.add(form) && form.codePointCount(0, form.length()) > 1) wrapped.add(wrappedPattern(form));
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so a secret containing another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted), List.copyOf(wrapped));
    }

    /** Each literal form a secret can take in output (tests look for every one of them). */
    public static List<String> forms(String v) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(v);
        String escaped = TextNode.valueOf(v).toString();
        forms.add(escaped.substring(1, escaped.length() - 1));
        forms.add(asciiJson(v));
        if (!SHELL_SAFE.matcher(v).matches()) {
            forms.add("'" + v.replace("'", "'\"'\"'") + "'");
            forms.add("'" + v.replace("'", "'\\''") + "'");
            forms.add(backslashed(v));
        }
        // URL-encoded: as a path segment (RFC 3986), as a form value, and as Java's URLEncoder writes it.
        String java = URLEncoder.encode(v, StandardCharsets.UTF_8);
        String path = java.replace("+", "%20").replace("%7E", "~").replace("*", "%2A");
        forms.add(path);
        forms.add(path.replace("%20", "+"));
        forms.add(java);
        return List.copyOf(forms);
    }

    private static String asciiJson(String v) {
        StringBuilder out = new StringBuilder();
        String escaped = TextNode.valueOf(v).toString();
        escaped = escaped.substring(1, escaped.length() - 1);
        for (char c : escaped.toCharArray()) {
            if (c < 0x80) out.append(c);
            else out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /** As bash's {@code printf %q} writes a word: a backslash before each character the shell would read. */
    private static String backslashed(String v) {
        StringBuilder out = new StringBuilder();
        v.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (!SHELL_SAFE.matcher(c).matches()) out.append('\\');
            out.append(c);
        });
        return out.toString();
    }

    /** A form of a secret with an optional line break between any two of its characters. */
    private static Pattern wrappedPattern(String v) {
        StringBuilder regex = new StringBuilder();
        int[] cps = v.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0) regex.append(BREAK);
            regex.append(Pattern.quote(new String(Character.toChars(cps[i]))));
        }
        return Pattern.compile(regex.toString());
    }

    public boolean masksSecrets() { return !literals.isEmpty(); }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text.contains("PRIVATE KEY-----") ? PRIVATE_KEY.matcher(text).replaceAll(MASK) : text;
        for (String secret : literals) {
            if (out.contains(secret)) out = out.replace(secret, MASK);
        }
        if (out.indexOf('\n') >= 0 || out.contains("\\n")) {
            for (Pattern p : wrapped) out = p.matcher(out).replaceAll(MASK);
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
