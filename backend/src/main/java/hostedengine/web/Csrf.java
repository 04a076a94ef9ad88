package hostedengine.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The CSRF token a state-changing request carries: the {@code X-CSRF-Token} header (fetch
 * from common.js, which reads {@code <meta name="csrf-token">}) or the hidden {@code _csrf}
 * field of a form (multipart forms included). Compared in constant time.
 */
final class Csrf {
    private Csrf() {}

    static String sent(Context ctx) {
        String header = ctx.header(AuthGate.CSRF_HEADER);
        if (header != null && !header.isEmpty()) return header;
        String type = ctx.contentType();
        boolean form = type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
        return form ? ctx.formParam(AuthGate.CSRF_FIELD) : null;
    }

    static boolean matches(String expected, String sent) {
        if (expected == null || sent == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
