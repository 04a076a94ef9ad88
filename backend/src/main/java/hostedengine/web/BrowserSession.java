package hostedengine.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Identifies a browser by a random cookie, so each one has its own draft. (Login with
 * system accounts replaces this owner with the user's name.)
 */
final class BrowserSession {
    static final String COOKIE = "hew_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserSession() {}

    static String owner(Context ctx, boolean secure) {
        String id = ctx.cookie(COOKIE);
        if (id != null && id.matches("[A-Za-z0-9_-]{43}")) return "session:" + id;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(new Cookie(COOKIE, id, "/", -1, secure, true, null, SameSite.STRICT));
        return "session:" + id;
    }
}
