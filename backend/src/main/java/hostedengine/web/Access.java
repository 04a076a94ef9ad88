package hostedengine.web;

import hostedengine.auth.Permission;
import io.javalin.security.RouteRole;

/**
 * Who may call a route, given as its Javalin role: {@code r.post(path, handler, Access.OPERATE)}.
 * A route without a role needs a logged-in user ({@link Permission#VIEW}).
 */
public enum Access implements RouteRole {
    /** Anyone, logged in or not: the login page itself and /health. */
    PUBLIC,
    /** Changes the host (deploy, cancel, clean up, maintenance): root and wheel only. */
    OPERATE
}
