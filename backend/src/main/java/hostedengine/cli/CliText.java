package hostedengine.cli;

import hostedengine.messages.Messages;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's words, from the same bundles as the pages: Japanese when the locale
 * environment (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them) starts with ja.
 */
final class CliText {
    private final Messages messages = new Messages();
    private final Locale locale;

    private CliText(Locale locale) { this.locale = locale; }

    static CliText of(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return new CliText(value.startsWith("ja") ? Locale.JAPANESE : Locale.ENGLISH);
            }
        }
        return new CliText(Locale.ENGLISH);
    }

    Locale locale() { return locale; }

    String get(String key, Object... args) { return messages.text(locale, key, args); }
}
