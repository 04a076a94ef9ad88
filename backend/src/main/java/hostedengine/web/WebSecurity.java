package hostedengine.web;

import hostedengine.auth.Logins;
import java.net.URI;
import java.util.Optional;

/**
 * The security settings of the web edge.
 *
 * @param logins        logins, sessions and the audit log
 * @param cockpitOrigin the Cockpit origin allowed to frame the pages ({@code --cockpit-origin}), if any
 */
public record WebSecurity(Logins logins, Optional<String> cockpitOrigin) {
    public WebSecurity {
        cockpitOrigin.ifPresent(WebSecurity::checkOrigin);
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
