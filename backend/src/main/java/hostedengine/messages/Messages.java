package hostedengine.messages;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The product's words in English and Japanese: page text from {@code i18n/messages_*},
 * rule messages from {@code i18n/errors_*}, failures explained from {@code i18n/failures_*} (all in the
 * frontend jar, UTF-8). A missing
 * key shows as {@code ??key??} so a gap is visible on the page and caught by tests.
 */
public final class Messages {
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    /** Page text, rule messages, and the failure table's causes and fixes ({@code hostedengine.failures}). */
    public static final List<String> BUNDLES = List.of("i18n/messages", "i18n/errors", "i18n/failures");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String text(Locale locale, String key, Object... args) {
        String pattern = pattern(locale, key);
        if (pattern == null) return "??" + key + "??";
        return args.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(Locale locale, String key) {
        return pattern(locale, key) != null;
    }

    private static String pattern(Locale locale, String key) {
        for (String base : BUNDLES) {
            try {
                var bundle = ResourceBundle.getBundle(base, supported(locale), NO_FALLBACK);
                if (bundle.containsKey(key)) return bundle.getString(key);
            } catch (MissingResourceException absentBundle) {
                // try the next bundle
            }
        }
        return null;
    }

    /** The supported locale closest to the one asked for: Japanese for any ja, else English. */
    public static Locale supported(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
    }
}
