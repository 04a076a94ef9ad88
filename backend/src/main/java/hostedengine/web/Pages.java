package hostedengine.web;

import hostedengine.messages.Messages;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders the Thymeleaf pages of the frontend jar, with text from {@link Messages}. */
final class Pages {
    /** Request attribute: the line under the header saying where deployments go (set when remote hosts are wired). */
    /** The request's restore plan and its backup ({@code RestorePlans.Chosen}), for the wizard's banner; null: a new engine. */
    static final String RESTORING = "restoring";
    static final String DEPLOY_TARGET = "deployTarget";
    private final TemplateEngine engine = new TemplateEngine();
    private final Messages messages;
    private final Map<String, Object> common;

    /** @param common values every page sees (e.g. whether the simulator is in use) */
    Pages(Messages messages, Map<String, Object> common) {
        this.messages = messages;
        this.common = Map.copyOf(common);
        var resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new BundleResolver(messages));
    }

    /** One message in the request's language, for JSON answers. */
    String text(Context ctx, String key, Object... args) { return messages.text(Language.of(ctx), key, args); }

    void render(Context ctx, String template, Map<String, Object> model) {
        Locale locale = Language.of(ctx);
        var vars = new HashMap<String, Object>(common);
        vars.putAll(model);
        vars.put("lang", locale.getLanguage());
        vars.put("path", ctx.path());
        vars.putAll(AuthGate.pageModel(ctx));
        vars.put("deployTarget", ctx.attribute(DEPLOY_TARGET));
        vars.put("restoring", ctx.attribute(RESTORING));
        var page = new org.thymeleaf.context.Context(locale, vars);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(engine.process(template, page));
    }

    private static final class BundleResolver extends AbstractMessageResolver {
        private final Messages messages;

        BundleResolver(Messages messages) { this.messages = messages; }

        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
            Locale locale = context.getLocale();
            return messages.has(locale, key) ? messages.text(locale, key, args == null ? new Object[0] : args) : null;
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key, Object[] args) {
            return "??" + key + "??";
        }
    }
}
