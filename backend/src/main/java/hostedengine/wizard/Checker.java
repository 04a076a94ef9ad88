package hostedengine.wizard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the findings of one check: at most one error per field (the first rule it
 * breaks, so the admin fixes one thing at a time), plus warnings. Its gates run the
 * rules every text field shares (required, control characters, length) before the
 * field's own rule sees the value.
 */
final class Checker {
    private final Answers answers;
    private final List<FieldError> findings = new ArrayList<>();
    private final Set<Field> failed = EnumSet.noneOf(Field.class);

    Checker(Answers answers) { this.answers = answers; }

    Answers answers() { return answers; }

    List<FieldError> findings() { return List.copyOf(findings); }

    void fail(Field field, String key, Object... args) {
        if (failed.add(field)) findings.add(FieldError.error(field, key, args));
    }

    void warn(Field field, String key, Object... args) {
        findings.add(FieldError.warning(field, key, args));
    }

    boolean failed(Field field) { return failed.contains(field); }

    /** The value when present and passing the common gates; an error and empty otherwise. */
    Optional<String> required(Field field) {
        String value = answers.get(field);
        boolean missing = field.secret() ? value.isEmpty() : value.isBlank();
        if (missing && !Syntax.hasControlCharacters(value)) {
            fail(field, ErrorKeys.REQUIRED);
            return Optional.empty();
        }
        return gate(field, value);
    }

    /** The value when given and passing the common gates; empty when not given (no error) or failing. */
    Optional<String> optional(Field field) {
        String value = answers.get(field);
        return value.isEmpty() ? Optional.empty() : gate(field, value);
    }

    private Optional<String> gate(Field field, String value) {
        if (Syntax.hasControlCharacters(value)) {
            fail(field, ErrorKeys.CONTROL_CHARACTERS);
        } else if (value.length() > field.maxLength()) {
            fail(field, ErrorKeys.TOO_LONG, field.maxLength());
        } else {
            return Optional.of(value);
        }
        return Optional.empty();
    }

    /** A required whole-string integer in [min, max]. */
    Optional<Long> integer(Field field, long min, long max) {
        Optional<String> text = required(field);
        if (text.isEmpty()) return Optional.empty();
        Optional<Long> value = Syntax.parseInteger(text.get());
        if (value.isEmpty()) {
            // Digits only but too many for a long: out of range rather than "not a number".
            if (text.get().matches("-?[0-9]+")) fail(field, ErrorKeys.RANGE, min, max);
            else fail(field, ErrorKeys.INTEGER);
            return Optional.empty();
        }
        if (value.get() < min || value.get() > max) {
            fail(field, ErrorKeys.RANGE, min, max);
            return Optional.empty();
        }
        return value;
    }

    /** A required value out of a closed list. */
    Optional<String> choice(Field field, List<String> allowed) {
        Optional<String> value = required(field);
        if (value.isPresent() && !allowed.contains(value.get())) {
            fail(field, ErrorKeys.CHOICE, String.join(", ", allowed));
            return Optional.empty();
        }
        return value;
    }

    /** "true", "false", or not answered (false). */
    void bool(Field field) {
        optional(field).filter(v -> !v.equals("true") && !v.equals("false"))
                .ifPresent(v -> fail(field, ErrorKeys.BOOLEAN));
    }

    /** A value passing the gates must also pass {@code rule}, else {@code key}. */
    Optional<String> must(Optional<String> value, Field field, java.util.function.Predicate<String> rule, String key) {
        if (value.isPresent() && !rule.test(value.get())) {
            fail(field, key);
            return Optional.empty();
        }
        return value;
    }
}
