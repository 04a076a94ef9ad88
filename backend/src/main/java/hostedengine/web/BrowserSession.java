package hostedengine.web;

import hostedengine.deploy.Owner;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;

/**
 * Whose draft a request works on: the logged-in user's ({@code user:<name>}), so after
 * logging in again, from any browser, the draft is there. The cookie itself is the login
 * session's (see {@link AuthRoutes}); {@link AuthGate} has already refused requests without one.
 */
final class BrowserSession {
    static final String COOKIE = "hew_session";

    private BrowserSession() {}

    static String owner(Context ctx) {
        return AuthGate.session(ctx).map(s -> Owner.user(s.user().name())).orElseThrow(UnauthorizedResponse::new);
    }
}
