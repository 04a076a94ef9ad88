package hostedengine.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * Bounds every request body before anything reads it: by its declared length, per route, and by
 * its type. A login form is a few KiB; only the answer-file import takes a file (multipart, at
 * most {@link #IMPORT_BYTES}, held in memory: nothing a client sends is spooled to disk; only a
 * logged-in operator's upload is parsed at all); a body
 * without a declared length is refused, so none can be streamed past a limit. Runs before the
 * login gate, so it holds for anonymous requests too.
 */
final class RequestBodies {
    static final long LOGIN_BYTES = 8 * 1024;
    /**
     * An upload to the import: refused unread above this; up to it, held in memory, so that a file
     * somewhat over the answer file's 256 KiB still gets its message at the field from the import page.
     */
    static final long IMPORT_BYTES = 1024 * 1024;
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuthGate gate;

    RequestBodies(AuthGate gate) { this.gate = gate; }

    void check(Context ctx) {
        if (!WITH_BODY.contains(ctx.method().name())) return;
        long declared = ctx.req().getContentLengthLong();
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/");
        if (declared < 0 && ctx.header("Transfer-Encoding") != null) {
            gate.refuse(ctx, 411, "request.lengthRequired");
        } else if (multipart && !ctx.path().equals("/wizard/import")) {
            gate.refuse(ctx, 415, "request.noFileHere");
        } else if (declared > limit(ctx.path())) {
            gate.refuse(ctx, 413, "request.tooLarge");
        }
    }

    static long limit(String path) {
        return switch (path) {
            case "/login" -> LOGIN_BYTES;
            case "/wizard/import" -> IMPORT_BYTES;
            default -> WebServer.MAX_REQUEST_BYTES;
        };
    }
}
