package hostedengine.wizard;

import java.util.List;

/**
 * A rule's finding about one field: a message key in the {@code errors} bundles
 * ({@code error.<something>}) and its arguments, rendered in the user's language at the
 * edge. Severity ERROR blocks leaving the step; WARNING only informs.
 */
public record FieldError(Field field, Severity severity, String key, List<String> args) {
    public enum Severity { ERROR, WARNING }

    public FieldError {
        args = List.copyOf(args);
    }

    public static FieldError error(Field field, String key, Object... args) {
        return new FieldError(field, Severity.ERROR, key, strings(args));
    }

    public static FieldError warning(Field field, String key, Object... args) {
        return new FieldError(field, Severity.WARNING, key, strings(args));
    }

    public boolean blocking() { return severity == Severity.ERROR; }

    private static List<String> strings(Object... args) {
        return java.util.Arrays.stream(args).map(String::valueOf).toList();
    }
}
