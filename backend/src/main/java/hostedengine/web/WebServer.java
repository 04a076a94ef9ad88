package hostedengine.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.Deployments;
import hostedengine.deploy.Runs;
import hostedengine.drafts.DraftStore;
import hostedengine.host.DiscoveryJobs;
import hostedengine.host.StorageDiscovery;
import hostedengine.messages.Messages;
import hostedengine.remote.DeploymentTarget;
import hostedengine.wizard.Answers;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.RoleDefaults;
import hostedengine.wizard.Rules;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** Larger request headers are refused 431 by Jetty before any handler runs. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * What the web edge needs from the rest of the system.
     *
     * @param simulated whether runs and discovery use the simulator (the page says so)
     * @param tls       whether the server is on HTTPS (cookies get Secure, HSTS is sent)
     */
    public record Parts(Messages messages, DraftStore drafts, Supplier<HostFacts> facts, Supplier<Rules> rules,
                        Supplier<Answers> defaults, StorageDiscovery discovery, Runs runs, boolean simulated, boolean tls) {}

    private WebServer() {}

    /**
     * The application, not started; {@code server} adds connectors (TLS) or other Jetty settings.
     * Every part is required. Every route needs a login unless registered with {@link Access#PUBLIC};
     * routes that change the host are registered with {@link Access#OPERATE}.
     *
     * @param engine the deployed engine's status, maintenance and cleanup, and where "/" leads
     * @param remote the choice of deployment host (this one, or another over SSH)
     * @param host   host facts read through Ansible, the role's FQDN checks, the pre-flight checks
     * @param support the deployment host's logs and the support bundle
     */
    public static Javalin create(Parts parts, EngineParts engine, EngineHostsParts engineHosts, DeploymentTarget remote,
                                 HostParts host, SupportParts support, WebSecurity security, Consumer<JavalinConfig> server) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(engineHosts, "engineHosts");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(host, "host");
        var pages = new Pages(parts.messages(), Map.of(
                "simulated", parts.simulated(), "bootstrapCss", Webjars.bootstrapCss()));
        var forms = new StepForms(parts.messages());
        var discoveries = new DiscoveryJobs();
        var names = new NameChecks(host.names(), parts.drafts(), parts.facts(), parts.rules(), parts.messages());
        var factsViews = new HostFactsViews(host.facts(), host.localVmDirPath(), parts.messages());
        var wizard = new WizardRoutes(pages, forms, parts.drafts(), parts.facts(), parts.rules(), discoveries, names, factsViews);
        var preflight = new PreflightRoutes(host.preflight(), parts.drafts(), parts.messages());
        var review = new ReviewRoutes(pages, parts.drafts(), parts.rules(), preflight);
        var storage = new StorageRoutes(parts.drafts(), parts.discovery(), discoveries, parts.rules());
        var answerFiles = new AnswerFileRoutes(pages, parts.drafts(), parts.rules(), parts.defaults(),
                parts.messages());
        // The server never waits for the host's reading before Prepare VM: a reading under way refuses it.
        var deployments = new Deployments(parts.runs(), parts.rules(),
                host.preflight().withoutWaiting(), security.logins().audit(), engineHosts.restores().asRestore());
        // Every live stream counts against the caps and ends with its session (LiveStreams).
        var streams = new LiveStreams(security.logins(), parts.messages(), security.streams());
        var runPages = new RunPages(pages, parts.drafts(), parts.runs(), deployments, security.logins().audit(),
                engineHosts.logins(), hostedengine.failures.FailureTable.load(), streams,
                new KnownSecrets(parts.drafts(), remote));
        var json = new ObjectMapper();
        var hostPage = new HostRoutes(pages, parts.messages(), remote, security.logins().audit());
        var gate = new AuthGate(security, parts.messages(), parts.tls());
        var bodies = new RequestBodies(gate);
        // When a user's last session ends, the passwords typed into the wizard and the engine session go with it.
        security.logins().onUserLeft(user -> {
            parts.drafts().forgetSecrets(hostedengine.deploy.Owner.user(user));
            engineHosts.logins().logout(hostedengine.deploy.Owner.user(user));
        });
        var auth = new AuthRoutes(security.logins(), pages, parts.tls());
        var status = new StatusRoutes(pages, engine, security.logins().audit(), parts.messages(), parts.simulated(), parts.runs(),
                engineHosts.logins(), streams, engineHosts.updates());
        var hosts = new EngineHostsRoutes(pages, engineHosts.logins(), engineHosts.operations(), security.logins().audit(),
                parts.runs());
        var restore = new RestoreRoutes(pages, engineHosts.restores(), parts.drafts(), engineHosts.engineVersion());
        var backups = new BackupRoutes(pages, engineHosts.updates(), parts.runs(), security.logins().audit());
        var cleanup = new CleanupRoutes(pages, engine.cleanup(), engine.poller(), security.logins().audit(), parts.messages(), streams);
        var logPages = new LogRoutes(pages, support.logs());
        var bundles = new SupportRoutes(support.bundles(), parts.drafts(), parts.rules(), host, parts.runs(), remote,
                security.logins().audit(), java.time.Clock.systemUTC());
        var notify = new NotificationRoutes(pages, engine.notifications(), parts.rules(), parts.messages(), security.logins().audit());

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            // The one file a client may send (an answer file) is held in memory: never spooled to disk.
            config.jetty.multipartConfig.maxFileSize(RequestBodies.IMPORT_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(RequestBodies.IMPORT_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) RequestBodies.IMPORT_BYTES, SizeUnit.BYTES);
            // Should Jetty ever spool a part, it does so under the state directory (only root may
            // read it), never in the system's temporary directory.
            config.jetty.multipartConfig.cacheDirectory(uploadsDirectory(parts.runs().stateDir()).toString());
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
            // From directories on disk, not the classpath (see StaticFiles: Javalin's classpath
            // mounts of the jar held ~45 MB of heap); the same paths and headers as before.
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = StaticFiles.directory("static", parts.runs().stateDir()).toString();
                files.location = Location.EXTERNAL;
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/webjars";
                // Only what the pages link (Webjars): the rest of the webjar is never asked for.
                files.directory = StaticFiles.directory("META-INF/resources/webjars", parts.runs().stateDir(),
                        Webjars::served).toString();
                files.location = Location.EXTERNAL;
                files.headers = Map.of("Cache-Control", "max-age=31622400");
            });
            server.accept(config);
            // What the web edge started, it stops: the streams' keep-alives and the discovery jobs.
            config.events.serverStopping(() -> {
                runPages.close();
                discoveries.close();
                status.close();
                cleanup.close();
                streams.close();
            });

            var r = config.routes;
            // --- login, sessions, CSRF, Origin, who may operate: AuthGate, AuthRoutes ---
            r.before(bodies::check);
            r.before(gate::beforeEveryRequest);
            r.beforeMatched(gate::beforeMatchedRoute);
            r.get("/login", auth::form, Access.PUBLIC);
            r.post("/login", auth::login, Access.PUBLIC);
            r.get("/login/once/{token}", auth::once, Access.PUBLIC);
            r.post("/logout", ctx -> {
                // The engine's session ends with the product's (its token revoked).
                hosts.engineLogout(ctx);
                auth.logout(ctx);
            });
            // --- end of login ---
            // --- deployment host: this one or another over SSH (HostRoutes) ---
            r.before(ctx -> ctx.attribute(Pages.DEPLOY_TARGET, hostPage.headerLine(Language.of(ctx))));
            r.get("/host", hostPage::page);
            r.post("/host", hostPage::choose, Access.OPERATE);
            r.post("/host/confirm", hostPage::confirm, Access.OPERATE);
            r.post("/host/forget", hostPage::forget, Access.OPERATE);
            // --- end of deployment host ---
            // --- engine status, maintenance (StatusRoutes) ---
            r.get("/", status::landing);
            r.get("/status", status::page);
            r.get("/api/status/events", status::events);
            r.get("/api/status", status::json);
            r.post("/status/maintenance", status::maintenance, Access.OPERATE);
            r.post("/status/vm/start", status::vmStart, Access.OPERATE);
            r.post("/status/vm/shutdown", status::vmShutdown, Access.OPERATE);
            r.get("/engine/hosts", hosts::page);
            r.post("/engine/login", hosts::login);
            r.post("/engine/trust", hosts::trust, Access.OPERATE);
            r.get("/engine/ca.pem", hosts::caDownload);
            r.post("/engine/logout", hosts::logout);
            r.post("/engine/hosts/add", hosts::add, Access.OPERATE);
            r.post("/engine/hosts/action", hosts::act, Access.OPERATE);
            r.post("/engine/hosts/check-updates", hosts::checkUpdates, Access.OPERATE);
            r.post("/engine/hosts/update", hosts::update, Access.OPERATE);
            // --- deploying from a backup (RestoreRoutes): the plan, and the banner on the wizard's steps ---
            // Before the login gate judges the request: an anonymous one gets no banner (and no 401 from here).
            r.before("/wizard/*", ctx -> AuthGate.session(ctx).ifPresent(session -> ctx.attribute(Pages.RESTORING,
                    engineHosts.restores().chosen(BrowserSession.owner(ctx)).orElse(null))));
            r.get("/wizard/restore", restore::page);
            r.post("/wizard/restore", restore::save, Access.OPERATE);
            r.post("/wizard/restore/clear", restore::clear, Access.OPERATE);
            // --- backups of the engine (BackupRoutes): a backup holds the engine's secrets, so operators only ---
            r.get("/backups", backups::page);
            r.post("/backups/start", backups::start, Access.OPERATE);
            r.post("/backups/upload", backups::upload, Access.OPERATE);
            r.post("/backups/forget-key", backups::forgetKey, Access.OPERATE);
            r.get("/backups/files/{name}", backups::download, Access.OPERATE);
            r.post("/backups/delete", backups::delete, Access.OPERATE);
            r.post("/backups/retention", backups::retention, Access.OPERATE);
            r.get("/engine/updates", backups::updatesPage);
            r.post("/engine/updates/check", backups::checkUpdates, Access.OPERATE);
            r.post("/engine/updates/start", backups::startUpdate, Access.OPERATE);
            r.get("/cleanup", cleanup::page);
            r.post("/cleanup", cleanup::start, Access.OPERATE);
            r.get("/api/cleanup/events", cleanup::events);
            r.get("/api/cleanup", cleanup::json);
            r.get("/status/notifications", notify::page);
            r.post("/status/notifications", notify::save, Access.OPERATE);
            // --- end of engine status ---
            // --- the deployment host's logs and the support bundle (LogRoutes, SupportRoutes) ---
            r.get("/logs", logPages::page);
            r.get("/api/logs/follow", logPages::follow);
            r.get("/support/bundle", bundles::bundle, Access.OPERATE);
            // --- end of logs and support bundle ---
            r.get("/health", ctx -> ctx.result("ok"), Access.PUBLIC);
            r.get("/api/host/facts", ctx -> ctx.contentType("application/json").result(json.writeValueAsString(FactsView.of(parts.facts().get()))));

            // --- host facts through Ansible, the role's FQDN checks (NameChecks, HostFactsViews) ---
            // Reading the host runs ansible-playbook as root: operators only. A viewer's name
            // checks answer what is known and start nothing.
            r.post("/wizard/facts/refresh", factsViews::refresh, Access.OPERATE);
            r.post("/api/wizard/vm/names", names::start);
            r.get("/api/wizard/vm/names", names::status);
            // Reading the host again is a root ansible-playbook run: operators only, as Refresh.
            r.post("/wizard/prepare/preflight", preflight::runAgain, Access.OPERATE);
            r.get("/api/wizard/prepare/preflight", preflight::pending);
            r.post("/wizard/prepare/local-vm-dir", preflight::chooseDirectory, Access.OPERATE);
            // --- end of host checks ---
            r.get("/wizard/prepare", review::prepare);
            r.get("/wizard/finish", review::finish);
            r.get("/wizard/import", answerFiles::form);
            r.post("/wizard/import", gate.audited(AuditLog.Action.ANSWER_FILE_IMPORTED, answerFiles::importFile));
            r.get("/wizard/answers.json", answerFiles::export);
            r.post("/wizard/start-over", ctx -> { parts.drafts().discard(BrowserSession.owner(ctx)); ctx.redirect("/wizard/vm"); });
            // Discovery runs the role (an iSCSI login changes the host): operators only.
            r.post("/wizard/storage/iscsi/discover", storage::iscsiDiscover, Access.OPERATE);
            r.post("/wizard/storage/iscsi/target", storage::iscsiChooseTarget, Access.OPERATE);
            r.post("/wizard/storage/fc/discover", storage::fcDiscover, Access.OPERATE);
            r.get("/api/wizard/storage/discovery", storage::status);
            r.post("/wizard/prepare/run", runPages::startPrepareVm, Access.OPERATE);
            r.post("/wizard/finish/run", runPages::startFinish, Access.OPERATE);
            r.get("/runs/{id}", runPages::show);
            r.get("/runs/{id}/log", runPages::download);
            r.post("/runs/{id}/cancel", runPages::cancel, Access.OPERATE);
            r.post("/runs/{id}/continue", runPages::continueRun, Access.OPERATE);
            r.post("/runs/{id}/retry", runPages::retry, Access.OPERATE);
            r.get("/api/runs/{id}", runPages::info);
            r.get("/api/runs/{id}/events", runPages::events);
            r.get("/api/runs/{id}/page", runPages::page);
            r.get("/wizard/{step}", wizard::show);
            r.post("/wizard/{step}", wizard::submit);
            r.post("/api/wizard/{step}/check", wizard::check);

            r.exception(HttpResponseException.class, (e, ctx) -> plainError(ctx, e.getStatus(), parts.messages()));
            r.exception(Exception.class, (e, ctx) -> {
                String request;
                try {
                    request = ctx.method() + " " + ctx.path();
                } catch (RuntimeException recycled) {
                    // A late write on a stream whose request Jetty has already recycled: nothing to answer.
                    LOG.warn("a write after the request ended failed", e);
                    return;
                }
                LOG.error("{} failed", request, e);
                plainError(ctx, 500, parts.messages());
            });
            r.error(404, ctx -> plainError(ctx, 404, parts.messages()));
        });
    }

    /** The host's facts as JSON (its absent values null). */
    record FactsView(int vcpus, long availableMemoryMb, List<HostFacts.Nic> nics, String defaultGateway,
                     String defaultRouteNic, String hostFqdn, long varTmpFreeBytes, RoleDefaults role) {
        static FactsView of(HostFacts f) {
            return new FactsView(f.vcpus(), f.availableMemoryMb(), f.nics(), f.defaultGateway().orElse(null),
                    f.defaultRouteNic().orElse(null), f.hostFqdn(), f.varTmpFreeBytes(), f.role());
        }
    }

    /** A short page in the user's language; never a stack trace. */
    private static void plainError(Context ctx, int status, Messages messages) {
        var locale = Language.of(ctx);
        String key = "error.http." + status;
        String text = messages.has(locale, key) ? messages.text(locale, key)
                : HttpStatus.forStatus(status).getMessage();
        ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
    }

    /** {@code <state>/tmp/uploads}, made owner-only if missing. */
    static java.nio.file.Path uploadsDirectory(java.nio.file.Path stateDir) {
        java.nio.file.Path dir = stateDir.resolve("tmp").resolve("uploads");
        try {
            java.nio.file.Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make " + dir, e);
        }
        return dir;
    }
}
