package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.auth.Logins;
import hostedengine.auth.Permission;
import hostedengine.auth.Session;
import hostedengine.messages.Messages;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every request passes before its handler, in this order:
 * <ol>
 *   <li>(every request) security headers; a state-changing request whose {@code Origin} is
 *       not this server's own, or that a browser marks {@code Sec-Fetch-Site: cross-site}, is
 *       refused 403; the session cookie is looked up;</li>
 *   <li>(matched routes) unless the route is {@link Access#PUBLIC}: no session is 302 to
 *       /login for a page read, 401 otherwise; a state-changing request needs the session's
 *       CSRF token ({@code X-CSRF-Token} header or {@code _csrf} field), else 403; an
 *       {@link Access#OPERATE} route needs {@link Permission#OPERATE}, else 403.</li>
 * </ol>
 * Static files (/static, /webjars) are public; unknown paths are 404 to everyone.
 */
final class AuthGate {
    static final String SESSION_COOKIE = BrowserSession.COOKIE;
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    private static final String SESSION_ATTRIBUTE = "hew.session";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Logins logins;
    private final Messages messages;
    private final boolean tls;
    private final Optional<String> cockpitOrigin;

    AuthGate(WebSecurity security, Messages messages, boolean tls) {
        this.logins = security.logins();
        this.cockpitOrigin = security.cockpitOrigin();
        this.messages = messages;
        this.tls = tls;
    }

    /** The logged-in session of this request, when there is one. */
    static Optional<Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_ATTRIBUTE));
    }

    /** What every page knows of its user: name, whether they may operate, the CSRF token for forms. */
    static Map<String, Object> pageModel(Context ctx) {
        Optional<Session> session = session(ctx);
        return Map.of(
                "user", session.map(s -> s.user().name()).orElse(""),
                "mayOperate", session.map(s -> Permission.mayOperate(s.user())).orElse(false),
                "csrf", session.map(Session::csrfToken).orElse(""));
    }

    /**
     * Wraps a handler whose action goes into the audit log: who, from where, the name of an
     * uploaded file if any, and the outcome read from the answer (a status below 400 is success).
     */
    Handler audited(AuditLog.Action action, Handler handler) {
        return ctx -> {
            handler.handle(ctx);
            String user = session(ctx).map(s -> s.user().name()).orElse("");
            var outcome = ctx.status().getCode() < 400 ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE;
            var upload = ctx.isMultipart() ? ctx.uploadedFile("file") : null;
            String file = upload == null || upload.filename() == null ? "" : upload.filename();
            logins.audit().record(action, outcome, user, ctx.ip(), file.isEmpty() ? Map.of() : Map.of("file", file));
        };
    }

    static boolean stateChanging(Context ctx) { return !SAFE.contains(ctx.method()); }

    void beforeEveryRequest(Context ctx) {
        SecurityHeaders.apply(ctx, tls, cockpitOrigin);
        if (stateChanging(ctx) && !sameOrigin(ctx)) {
            refuse(ctx, 403, "auth.forbidden.origin");
            return;
        }
        String id = ctx.cookie(SESSION_COOKIE);
        if (id != null) logins.session(id, ctx.ip()).ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
    }

    void beforeMatchedRoute(Context ctx) {
        Set<?> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC) || isStaticFile(ctx)) return;
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            if (!isApi(ctx) && SAFE.contains(ctx.method())) {
                ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
            } else {
                refuse(ctx, 401, "auth.required");
            }
            return;
        }
        if (stateChanging(ctx) && !Csrf.matches(session.get().csrfToken(), Csrf.sent(ctx))) {
            refuse(ctx, 403, "auth.forbidden.csrf");
            return;
        }
        if (roles.contains(Access.OPERATE) && !Permission.OPERATE.grantedTo(session.get().user())) {
            refuse(ctx, 403, "auth.forbidden.operate");
        }
    }

    /**
     * An {@code Origin} sent by the browser must be this server's own (the scheme it was
     * reached by and the {@code Host} it was asked for). No Origin (old browsers, curl) is
     * left to the CSRF token. A Cockpit frame posts from our own origin, not Cockpit's.
     */
    private static boolean sameOrigin(Context ctx) {
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) return false;
        String origin = ctx.header("Origin");
        if (origin == null) return true;
        String host = ctx.header("Host");
        if (host == null) return false;
        return origin.toLowerCase(Locale.ROOT).equals((ctx.scheme() + "://" + host).toLowerCase(Locale.ROOT));
    }

    /** Javalin 7 runs before-matched handlers for static files too; they are public (CSS, JS, no data). */
    private static boolean isStaticFile(Context ctx) {
        return ctx.method() == HandlerType.GET && (ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/"));
    }

    private static boolean isApi(Context ctx) { return ctx.path().startsWith("/api/"); }

    /** A refusal in the user's language: JSON for /api, a short page otherwise; nothing else runs. */
    void refuse(Context ctx, int status, String key) {
        String text = messages.text(Language.of(ctx), key);
        ctx.status(status).header("Cache-Control", "no-store");
        if (status == 401 && isApi(ctx)) ctx.header("WWW-Authenticate", "Session realm=\"hosted-engine-wizard\"");
        if (isApi(ctx)) ctx.json(Map.of("error", text, "login", "/login"));
        else ctx.contentType("text/plain; charset=utf-8").result(text);
        ctx.skipRemainingHandlers();
    }
}
