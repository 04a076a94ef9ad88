package hostedengine.web;

import hostedengine.auth.LoginResult;
import hostedengine.auth.Logins;
import hostedengine.auth.Session;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;

/**
 * Login, the single-use console link, and logout. The login form is protected against
 * login CSRF by a double-submit token (a cookie for /login only and the same value in the
 * form), as no session exists yet; the Origin check of {@link AuthGate} applies too.
 */
final class AuthRoutes {
    static final String LOGIN_COOKIE = "hew_login";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Logins logins;
    private final Pages pages;
    private final boolean tls;

    AuthRoutes(Logins logins, Pages pages, boolean tls) {
        this.logins = logins;
        this.pages = pages;
        this.tls = tls;
    }

    void form(Context ctx) {
        if (AuthGate.session(ctx).isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next")));
            return;
        }
        render(ctx, 200, null, null);
    }

    void login(Context ctx) {
        String sent = ctx.formParam(AuthGate.CSRF_FIELD);
        if (sent == null || sent.length() != 43 || !Csrf.matches(ctx.cookie(LOGIN_COOKIE), sent)) {
            // An old tab or a forged form: a fresh form with a fresh token, and say so.
            render(ctx, 403, "auth.error.formExpired", null);
            return;
        }
        LoginResult result = logins.login(ctx.formParam("username"), ctx.formParam("password"), ctx.ip());
        switch (result.status()) {
            case LOGGED_IN -> startSession(ctx, result.session().orElseThrow(), safeNext(ctx.formParam("next")));
            case REFUSED -> render(ctx, 401, "auth.error.refused", null);
            case THROTTLED -> render(ctx, 429, "auth.error.throttled", Math.max(1, (result.retryAfter().toMillis() + 999) / 1000));
            case UNAVAILABLE -> render(ctx, 503, "auth.error.unavailable", null);
        }
    }

    void once(Context ctx) {
        LoginResult result = logins.redeem(ctx.pathParam("token"), ctx.ip());
        if (result.session().isPresent()) startSession(ctx, result.session().get(), "/");
        else render(ctx, 403, "auth.error.linkInvalid", null);
    }

    void logout(Context ctx) {
        String id = ctx.cookie(AuthGate.SESSION_COOKIE);
        if (id != null) logins.logout(id, ctx.ip());
        ctx.cookie(sessionCookie("", 0));
        ctx.redirect("/login?bye");
    }

    private void startSession(Context ctx, Session session, String next) {
        ctx.cookie(sessionCookie(session.id(), -1));
        ctx.cookie(new Cookie(LOGIN_COOKIE, "", "/login", 0, tls, true, null, SameSite.STRICT));
        ctx.redirect(next);
    }

    private Cookie sessionCookie(String value, int maxAge) {
        return new Cookie(AuthGate.SESSION_COOKIE, value, "/", maxAge, tls, true, null, SameSite.STRICT);
    }

    private void render(Context ctx, int status, String error, Object errorArg) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(new Cookie(LOGIN_COOKIE, token, "/login", -1, tls, true, null, SameSite.STRICT));
        var model = new LinkedHashMap<String, Object>();
        model.put("loginToken", token);
        model.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        model.put("username", status == 200 ? "" : valueOrEmpty(ctx.formParam("username")));
        model.put("loginError", error);
        model.put("loginErrorArgs", errorArg == null ? new Object[0] : new Object[] {errorArg});
        model.put("loggedOut", ctx.queryParam("bye") != null);
        model.put("idleMinutes", logins.idleTimeout().toMinutes());
        ctx.status(status);
        pages.render(ctx, "login", model);
    }

    /** Only a path on this server: never //elsewhere, a scheme, or anything odd. */
    static String safeNext(String next) {
        if (next == null || !next.matches("/[A-Za-z0-9/_.\\-]{0,200}") || next.startsWith("//") || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private static String valueOrEmpty(String s) {
        return s == null || s.length() > 64 ? "" : s;
    }
}
