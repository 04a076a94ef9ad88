package hostedengine.wizard;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The administrator's answers as typed: raw text per field, valid or not, so a page
 * can show back exactly what was entered beside its message. Booleans are "true" or
 * "false". Immutable; {@link #with} returns a changed copy.
 */
public final class Answers {
    private final Map<Field, String> values;

    private Answers(Map<Field, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Answers empty() { return new Answers(new EnumMap<>(Field.class)); }

    public static Answers of(Map<Field, String> values) {
        var copy = new EnumMap<Field, String>(Field.class);
        values.forEach((f, v) -> { if (v != null) copy.put(f, v); });
        return new Answers(copy);
    }

    /** The raw value, or "" when the field was never answered. */
    public String get(Field field) { return values.getOrDefault(field, ""); }

    public boolean has(Field field) { return values.containsKey(field); }

    public boolean flag(Field field) { return "true".equals(values.get(field)); }

    public Answers with(Field field, String value) {
        var copy = new EnumMap<Field, String>(Field.class);
        copy.putAll(values);
        if (value == null) copy.remove(field); else copy.put(field, value);
        return new Answers(copy);
    }

    /** This with every answer of {@code other} laid over it. */
    public Answers merge(Answers other) {
        var copy = new EnumMap<Field, String>(Field.class);
        copy.putAll(values);
        copy.putAll(other.values);
        return new Answers(copy);
    }

    /** The same answers without the secrets: what may be written to a draft file or an answer file. */
    public Answers withoutSecrets() {
        var copy = new EnumMap<Field, String>(Field.class);
        values.forEach((f, v) -> { if (!f.secret()) copy.put(f, v); });
        return new Answers(copy);
    }

    public Answers onlySecrets() {
        var copy = new EnumMap<Field, String>(Field.class);
        values.forEach((f, v) -> { if (f.secret()) copy.put(f, v); });
        return new Answers(copy);
    }

    public Map<Field, String> asMap() { return values; }

    @Override public boolean equals(Object o) { return o instanceof Answers a && a.values.equals(values); }
    @Override public int hashCode() { return values.hashCode(); }
    /** Never prints secret values. */
    @Override public String toString() { return "Answers" + withoutSecrets().values; }
}
