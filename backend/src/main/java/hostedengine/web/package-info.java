/**
 * The HTTP edge: Javalin routes, Thymeleaf pages, message bundles, cookies and headers.
 * Thin: it turns requests into calls on wizard, drafts and host, and answers into pages
 * or JSON. No rule, default or mapping lives here.
 */
package hostedengine.web;
