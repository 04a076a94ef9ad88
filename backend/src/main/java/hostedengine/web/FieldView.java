package hostedengine.web;

import java.util.List;

/**
 * What a template needs to draw one field: its current text (never a secret's), its
 * message in the user's language, and its options. Built by {@link StepForms}.
 *
 * @param secretSet for a password: whether one is already held (the input stays empty)
 * @param options   for a choice: value and shown text
 */
record FieldView(String id, String kind, String value, String error, String warning,
                 boolean secretSet, int maxLength, List<Option> options) {

    record Option(String value, String text) {}

    /** The ids the input's aria-describedby names: help, then the message shown, if any. */
    public String describedBy() {
        String ids = id + "-help";
        if (error != null) ids += " " + id + "-error";
        if (warning != null) ids += " " + id + "-warning";
        return ids;
    }

    public boolean checked() { return "true".equals(value); }

    /** Whether the current value is one of the options (else the select shows it as typed, or "Choose…"). */
    public boolean valueOffered() { return options.stream().anyMatch(o -> o.value().equals(value)); }
}
