package hostedengine.web;

import hostedengine.auth.Logins;
import java.net.URI;
import java.util.Optional;

/**
 * The security settings of the web edge.
 *
 * @param logins        logins, sessions and the audit log
 * @param cockpitOrigin the Cockpit origin allowed to frame the pages ({@code --cockpit-origin}), if any
 * @param streams       how many live streams one browser session and the whole server may hold open
 */
public record WebSecurity(Logins logins, Optional<String> cockpitOrigin, StreamCaps streams) {
    public WebSecurity {
        cockpitOrigin.ifPresent(WebSecurity::checkOrigin);
    }

    /** With the default stream caps. */
    public WebSecurity(Logins logins, Optional<String> cockpitOrigin) { this(logins, cockpitOrigin, StreamCaps.DEFAULT); }

    /**
     * The caps on server-sent event streams ({@code --streams-per-session}, {@code --streams-total}); a
     * stream over either is refused with 429 and the page polls instead. Zero refuses every stream.
     */
    public record StreamCaps(int perSession, int total) {
        public static final int DEFAULT_PER_SESSION = 8;
        public static final int DEFAULT_TOTAL = 256;
        public static final StreamCaps DEFAULT = new StreamCaps(DEFAULT_PER_SESSION, DEFAULT_TOTAL);

        public StreamCaps {
            if (perSession < 0 || total < 0) throw new IllegalArgumentException("stream caps cannot be negative");
        }
    }

    /** An origin is scheme://host[:port] and nothing else: it goes into a CSP header verbatim. */
    public static String checkOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an origin: " + origin);
        }
        boolean plain = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                && uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null
                && origin.matches("[A-Za-z0-9.:\\[\\]/-]+");
        if (!plain) throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
        return origin;
    }
}
