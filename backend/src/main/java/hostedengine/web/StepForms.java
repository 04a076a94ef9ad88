package hostedengine.web;

import hostedengine.messages.Messages;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Choices;
import hostedengine.wizard.Field;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Between HTML forms and {@link Answers}: reads a step's posted fields, and turns answers
 * and findings into {@link FieldView}s and messages in the user's language.
 */
final class StepForms {
    /** Longer input than this many times a field's limit is cut before it is stored. */
    private static final int KEEP_FACTOR = 4;

    private final Messages messages;

    StepForms(Messages messages) { this.messages = messages; }

    /**
     * The answers after a post of one step's form. A password left empty keeps the one
     * already held (we never send it back to the page); an unticked checkbox is false.
     */
    static Answers read(Step step, Map<String, List<String>> form, Answers previous, StorageDevices devices) {
        Answers result = previous;
        for (Field f : Field.of(step)) {
            String posted = first(form, f.id());
            switch (f.kind()) {
                case SECRET -> { if (posted != null && !posted.isEmpty()) result = result.with(f, cap(f, posted)); }
                case BOOLEAN -> result = result.with(f, String.valueOf("true".equals(posted) || "on".equals(posted)));
                default -> { if (posted != null) result = result.with(f, cap(f, posted)); }
            }
        }
        if (step == Step.STORAGE) result = chooseTarget(first(form, "iscsiTargetChoice"), result, devices);
        return result;
    }

    /** "TPGT|IQN" from the target table sets the target, its group and that group's portal addresses. */
    static Answers chooseTarget(String choice, Answers answers, StorageDevices devices) {
        if (choice == null || !choice.contains("|")) return answers;
        String tpgt = choice.substring(0, choice.indexOf('|'));
        String iqn = choice.substring(choice.indexOf('|') + 1);
        for (var t : devices.targets()) {
            if (t.iqn().equals(iqn) && String.valueOf(t.tpgt()).equals(tpgt)) {
                return answers.with(Field.ISCSI_TARGET, iqn)
                        .with(Field.ISCSI_TPGT, tpgt)
                        .with(Field.ISCSI_TARGET_PORTALS, String.join(",", t.addresses()));
            }
        }
        return answers;
    }


    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String cap(Field f, String value) {
        int keep = f.maxLength() * KEEP_FACTOR + 64;
        return value.length() > keep ? value.substring(0, keep) : value;
    }

    /** Every field of the step, drawn with its findings when {@code showFindings}. */
    Map<String, FieldView> views(Step step, Answers answers, List<FieldError> findings, boolean showFindings,
                                 HostFacts facts, Locale locale) {
        var byId = new LinkedHashMap<String, FieldView>();
        for (Field f : Field.of(step)) {
            String error = showFindings ? message(findings, f, true, locale) : null;
            String warning = message(findings, f, false, locale);
            String value = f.secret() ? "" : answers.get(f);
            var options = Choices.of(f, facts).stream()
                    .map(v -> new FieldView.Option(v, optionText(f, v, locale)))
                    .toList();
            byId.put(f.id(), new FieldView(f.id(), f.kind().name().toLowerCase(Locale.ROOT), value, error, warning,
                    f.secret() && !answers.get(f).isEmpty(), f.maxLength(), options));
        }
        return byId;
    }

    /** Field id → message of the blocking findings, in field order: the error summary and the live check. */
    Map<String, String> errors(List<FieldError> findings, Locale locale) {
        var out = new LinkedHashMap<String, String>();
        for (FieldError e : findings) if (e.blocking()) out.putIfAbsent(e.field().id(), text(e, locale));
        return out;
    }

    Map<String, String> warnings(List<FieldError> findings, Locale locale) {
        var out = new LinkedHashMap<String, String>();
        for (FieldError e : findings) if (!e.blocking()) out.putIfAbsent(e.field().id(), text(e, locale));
        return out;
    }

    /** Any message of the bundles, in the user's language. */
    String text(Locale locale, String key, List<String> args) {
        return messages.text(locale, key, args.toArray());
    }

    String text(FieldError e, Locale locale) {
        return messages.text(locale, e.key(), e.args().toArray());
    }

    private String message(List<FieldError> findings, Field f, boolean blocking, Locale locale) {
        return findings.stream()
                .filter(e -> e.field() == f && e.blocking() == blocking)
                .findFirst().map(e -> text(e, locale)).orElse(null);
    }

    private String optionText(Field f, String value, Locale locale) {
        String key = "option." + f.id() + "." + value;
        return messages.has(locale, key) ? messages.text(locale, key) : value;
    }
}
