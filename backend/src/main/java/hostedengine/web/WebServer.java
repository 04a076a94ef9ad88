package hostedengine.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.drafts.DraftStore;
import hostedengine.host.StorageDiscovery;
import hostedengine.wizard.Answers;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Rules;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: routes, headers, error pages. Every handler reads the request, calls
 * one method of the parts it was given, and renders; no rule lives here.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final long MAX_REQUEST_BYTES = 1024 * 1024;

    /**
     * What the web edge needs from the rest of the system.
     *
     * @param simulated whether runs and discovery use the simulator (the page says so)
     * @param tls       whether the server is on HTTPS (cookies get Secure, HSTS is sent)
     */
    public record Parts(Messages messages, DraftStore drafts, Supplier<HostFacts> facts, Supplier<Rules> rules,
                        Supplier<Answers> defaults, StorageDiscovery discovery, boolean simulated, boolean tls) {}

    private WebServer() {}

    /** The application, not started; {@code server} adds connectors (TLS) or other Jetty settings. */
    public static Javalin create(Parts parts, Consumer<JavalinConfig> server) {
        var pages = new Pages(parts.messages(), Map.of(
                "simulated", parts.simulated(), "bootstrapCss", Webjars.bootstrapCss()));
        var forms = new StepForms(parts.messages());
        var wizard = new WizardRoutes(pages, forms, parts.drafts(), parts.facts(), parts.rules(), parts.tls());
        var review = new ReviewRoutes(pages, parts.drafts(), parts.rules(), wizard);
        var storage = new StorageRoutes(parts.drafts(), parts.discovery(), wizard);
        var answerFiles = new AnswerFileRoutes(pages, parts.drafts(), parts.rules(), parts.defaults(), wizard);
        var json = new ObjectMapper();

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            server.accept(config);

            var r = config.routes;
            r.before(ctx -> SecurityHeaders.apply(ctx, parts.tls()));
            r.get("/", ctx -> ctx.redirect("/wizard/vm"));
            r.get("/health", ctx -> ctx.result("ok"));
            r.get("/api/host/facts", ctx -> ctx.contentType("application/json").result(json.writeValueAsString(parts.facts().get())));

            r.get("/wizard/prepare", review::prepare);
            r.get("/wizard/finish", review::finish);
            r.get("/wizard/import", answerFiles::form);
            r.post("/wizard/import", answerFiles::importFile);
            r.get("/wizard/answers.json", answerFiles::export);
            r.post("/wizard/start-over", ctx -> { parts.drafts().discard(wizard.owner(ctx)); ctx.redirect("/wizard/vm"); });
            r.post("/wizard/storage/iscsi/discover", storage::iscsiDiscover);
            r.post("/wizard/storage/iscsi/target", storage::iscsiChooseTarget);
            r.post("/wizard/storage/fc/discover", storage::fcDiscover);
            r.get("/wizard/{step}", wizard::show);
            r.post("/wizard/{step}", wizard::submit);
            r.post("/api/wizard/{step}/check", wizard::check);

            r.exception(HttpResponseException.class, (e, ctx) -> plainError(ctx, e.getStatus(), parts.messages()));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                plainError(ctx, 500, parts.messages());
            });
            r.error(404, ctx -> plainError(ctx, 404, parts.messages()));
        });
    }

    /** A short page in the user's language; never a stack trace. */
    private static void plainError(Context ctx, int status, Messages messages) {
        var locale = Language.of(ctx);
        String key = "error.http." + status;
        String text = messages.has(locale, key) ? messages.text(locale, key)
                : HttpStatus.forStatus(status).getMessage();
        ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
    }
}
