/**
 * Who may use the wizard and what they did: login with system accounts through PAM (or
 * another {@link hostedengine.auth.Authenticator}), sessions with an idle timeout, the
 * single-use console link, login throttling, who may operate (root and {@code wheel}),
 * and the audit log. Knows nothing of HTTP: cookies, headers, CSRF checks and status
 * codes belong to the web edge, which calls {@link hostedengine.auth.Logins}.
 */
package hostedengine.auth;
