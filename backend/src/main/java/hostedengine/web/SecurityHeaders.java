package hostedengine.web;

import io.javalin.http.Context;
import java.util.Optional;

/** Headers every answer carries: no inline script, no sniffing, no framing by strangers. */
final class SecurityHeaders {
    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
            "frame-ancestors 'self'");

    private SecurityHeaders() {}

    /** @param cockpitOrigin a Cockpit that may frame these pages (--cockpit-origin), checked to be a bare origin */
    static void apply(Context ctx, boolean tls, Optional<String> cockpitOrigin) {
        ctx.header("Content-Security-Policy", cockpitOrigin.map(o -> CSP + " " + o).orElse(CSP));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (tls) ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
}
