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
    /** Up to this much of a refused body is read and discarded (never kept), so its sender gets the answer. */
    static final long DRAIN_BYTES = 4L * 1024 * 1024;

    private final AuthGate gate;

    RequestBodies(AuthGate gate) { this.gate = gate; }

    void check(Context ctx) {
        if (!WITH_BODY.contains(ctx.method().name())) return;
        long declared = ctx.req().getContentLengthLong();
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/");
        if (declared < 0 && ctx.header("Transfer-Encoding") != null) {
            refuse(ctx, declared, 411, "request.lengthRequired");
        } else if (multipart && !ctx.path().equals("/wizard/import")) {
            refuse(ctx, declared, 415, "request.noFileHere");
        } else if (declared > limit(ctx.path())) {
            refuse(ctx, declared, 413, "request.tooLarge");
        }
    }

    /**
     * Answers without keeping anything of the body. A body of a few MiB is read and thrown away
     * first, so a client still sending it gets the answer instead of a reset connection; a larger
     * one is not read at all (the connection closes after the answer).
     */
    private void refuse(Context ctx, long declared, int status, String key) {
        if (declared <= DRAIN_BYTES) {
            try (var in = ctx.req().getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                long left = DRAIN_BYTES;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) left -= n;
            } catch (java.io.IOException gone) {
                // The client stopped sending: the answer below is all it gets.
            }
        }
        gate.refuse(ctx, status, key);
    }

    static long limit(String path) {
        return switch (path) {
            case "/login" -> LOGIN_BYTES;
            case "/wizard/import" -> IMPORT_BYTES;
            // Streamed to disk by an operator's handler, which judges the length before reading (BackupUploads).
            case "/backups/upload" -> hostedengine.backup.BackupUploads.DEFAULT_CAP;
            default -> WebServer.MAX_REQUEST_BYTES;
        };
    }
}
