package hostedengine.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Which language a request is answered in: {@code ?lang=} (remembered in a cookie),
 * then the cookie, then {@code Accept-Language}, then English.
 */
final class Language {
    static final String COOKIE = "hew_lang";

    private Language() {}

    static Locale of(Context ctx) {
        String asked = ctx.queryParam("lang");
        if ("en".equals(asked) || "ja".equals(asked)) {
            ctx.cookie(new io.javalin.http.Cookie(COOKIE, asked, "/", 365 * 24 * 3600,
                    false, false, null, io.javalin.http.SameSite.STRICT));
            return Locale.forLanguageTag(asked);
        }
        String remembered = ctx.cookie(COOKIE);
        if ("en".equals(remembered) || "ja".equals(remembered)) return Locale.forLanguageTag(remembered);
        return fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    /** The first supported language in the header's preference order (q-values honoured). */
    static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 1000) return Locale.ENGLISH;
        try {
            for (var range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange();
                if (range.getWeight() <= 0) continue;
                if (tag.startsWith("ja")) return Locale.JAPANESE;
                if (tag.startsWith("en")) return Locale.ENGLISH;
            }
        } catch (IllegalArgumentException malformed) {
            // a malformed header is not the user's fault: fall back to English
        }
        return Locale.ENGLISH;
    }
}
