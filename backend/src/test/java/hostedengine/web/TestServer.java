package hostedengine.web;

import hostedengine.auth.AuditLog;
import hostedengine.auth.Authenticator;
import hostedengine.auth.LoginThrottle;
import hostedengine.auth.Logins;
import hostedengine.auth.MutableClock;
import hostedengine.auth.Sessions;
import hostedengine.auth.SingleUseLinks;
import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.drafts.DraftStore;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;
import hostedengine.enginedouble.SimulatedEngine;
import hostedengine.engineops.EngineLogins;
import hostedengine.engineops.HostOperations;
import hostedengine.host.NameResolver;
import hostedengine.host.SimulatedStorageDiscovery;
import hostedengine.messages.Messages;
import hostedengine.preflight.LocalVmDirChoices;
import hostedengine.preflight.PreflightService;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.RoleDefaults;
import hostedengine.wizard.Rules;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web edge on a free port with a fixed host (two NICs, 8 vCPUs, 32 GiB) and the storage
 * simulator, plus an HTTP client that keeps cookies like a browser. Logins go through a
 * {@link TestDoubleAuthenticator} (or a given one); {@code new TestServer(dir)} is already
 * logged in as an operator, and {@link #post} and {@link #upload} send the session's CSRF token.
 */
final class TestServer implements AutoCloseable {
    static final HostFacts HOST = new HostFacts(8, 32000,
            List.of(new HostFacts.Nic("eth0", List.of("192.168.122.10/24")), new HostFacts.Nic("eth1", List.of("10.0.0.5/16"))),
            Optional.of("192.168.122.1"), Optional.of("eth0"), "host1.example.com", 50L << 30, RoleDefaults.builtIn());

    /** The names {@link #validVm} uses, as the lab's DNS resolves them. */
    static final NameResolver LAB_DNS = HostDoubles.labDns(Map.of(
            "host1.example.com", "192.168.122.10", "manager.example.com", "192.168.122.20"));

    static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([A-Za-z0-9_-]*)\">");
    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");

    final Javalin app;
    final Runs runs;
    final hostedengine.remote.DeploymentTarget deploymentTarget;
    final Path stateDir;
    /** Where the logs page reads the deployment host's /var/log: below this directory, here or over SSH. */
    final Path logRoot;
    final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T09:00:00Z"));
    final Logins logins;
    /** The host as read (free space in the appliance's directory can be changed), and the FQDN checks' answers. */
    final HostDoubles.Readings readings = new HostDoubles.Readings(HOST, 50L << 30);
    final HostDoubles.Hostnames hostnames = new HostDoubles.Hostnames();
    private final EngineStatePoller ownPoller;
    /** The engine double, running while the hosted-engine double's state says deployed (with engine-admin.json). */
    final SimulatedEngine simulatedEngine;
    final EngineLogins engineLogins;
    private HttpClient client;
    private String csrf;
    private HttpResponse<String> loginResponse;

    TestServer(Path stateDir) { this(stateDir, newClient()); }

    /** A server on the same state directory, reached by a browser that already has its cookies; logs in as the operator. */
    TestServer(Path stateDir, HttpClient client) {
        this(stateDir, client, TestDoubleAuthenticator.withOperatorAndViewer(), config -> {});
        login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
    }

    /** With the engine's status and maintenance (the hosted-engine double), logged in as the operator. */
    TestServer(Path stateDir, EngineParts engine) {
        this(stateDir, newClient(), TestDoubleAuthenticator.withOperatorAndViewer(), engine, config -> {});
        login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
    }

    /**
     * With engine parts made for the server's own deployment host choice (the host page's), as Main
     * wires the day-2 actions to the chosen host; logged in as the operator.
     */
    TestServer(Path stateDir, java.util.function.Function<hostedengine.remote.DeploymentTarget, EngineParts> engine) {
        this(stateDir, newClient(), TestDoubleAuthenticator.withOperatorAndViewer(), engine, config -> {});
        login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
    }

    /** Not logged in; {@code extra} may add routes or listeners to the configuration. */
    TestServer(Path stateDir, HttpClient client, Authenticator authenticator, Consumer<JavalinConfig> extra) {
        this(stateDir, client, authenticator, (EngineParts) null, extra);
    }

    /**
     * @param engine the engine's parts; null: a hosted-engine double that is not deployed yet
     *               (so "/" leads to the wizard), owned and closed by this server
     */
    TestServer(Path stateDir, HttpClient client, Authenticator authenticator, EngineParts engine, Consumer<JavalinConfig> extra) {
        this(stateDir, client, authenticator, engine == null ? null : target -> engine, extra);
    }

    /** With these caps on live streams ({@code --streams-per-session}, {@code --streams-total}); logged in as the operator. */
    TestServer(Path stateDir, EngineParts engine, WebSecurity.StreamCaps caps) {
        this(stateDir, newClient(), TestDoubleAuthenticator.withOperatorAndViewer(), engine == null ? null : target -> engine,
                config -> {}, caps);
        login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
    }

    private TestServer(Path stateDir, HttpClient client, Authenticator authenticator,
                       java.util.function.Function<hostedengine.remote.DeploymentTarget, EngineParts> engineFor,
                       Consumer<JavalinConfig> extra) {
        this(stateDir, client, authenticator, engineFor, extra, WebSecurity.StreamCaps.DEFAULT);
    }

    private TestServer(Path stateDir, HttpClient client, Authenticator authenticator,
                       java.util.function.Function<hostedengine.remote.DeploymentTarget, EngineParts> engineFor,
                       Consumer<JavalinConfig> extra, WebSecurity.StreamCaps caps) {
        this.client = client;
        this.stateDir = stateDir;
        var random = new SecureRandom();
        logins = new Logins(authenticator, new Sessions(Sessions.DEFAULT_IDLE_TIMEOUT, clock, random),
                new LoginThrottle(clock), new SingleUseLinks(clock, random), new AuditLog(stateDir, clock));
        deploymentTarget = new hostedengine.remote.DeploymentTarget(stateDir, java.time.Duration.ofSeconds(5));
        logRoot = stateDir.resolve("host-root");
        EngineParts engine = engineFor == null ? null : engineFor.apply(deploymentTarget);
        // The simulator writes its test-double logs (agent, broker, setup) below logRoot.
        var runSettings = RunSettings.simulator(PlaybookFiles.unpack(stateDir), 50)
                .withSimulatorVars(Map.of("he_simulator_log_root", logRoot.toString()));
        runs = new Runs(stateDir, runSettings, deploymentTarget);
        HostedEngineTool notDeployed = engine != null ? null
                : new HostedEngineDouble(stateDir).set("deployed", false).write().tool();
        ownPoller = engine != null ? null
                : new EngineStatePoller(notDeployed, EngineStatePoller.DEFAULT_INTERVAL, Clock.systemUTC());
        EngineParts parts = engine != null ? engine : engineParts(stateDir, notDeployed, ownPoller);
        var preflight = new PreflightService(readings, LAB_DNS, () -> Optional.of(false), true, new LocalVmDirChoices(stateDir));
        var host = new HostParts(readings, hostnames, () -> LocalVmDirChoices.DEFAULT, preflight);
        // The engine a simulated deployment leaves behind (the engine double), as the server in simulation has it.
        simulatedEngine = new SimulatedEngine(stateDir, Duration.ofMillis(30), Clock.systemUTC());
        engineLogins = new EngineLogins(hostedengine.Main.engineLocation(simulatedEngine), stateDir);
        var operations = new HostOperations(runs, engineLogins, () -> hostedengine.Main.engineVmHost(parts.poller()),
                logins.audit(), new HostOperations.Settings(Duration.ofMillis(50), Duration.ofSeconds(60), parts.tool()));
        var hostLogs = new hostedengine.support.HostLogs(deploymentTarget, logRoot, logRoot.toString(), true, Duration.ofSeconds(5));
        var support = new SupportParts(hostLogs, new hostedengine.support.SupportBundles(stateDir, hostLogs, parts.deploymentHost(),
                hostedengine.host.RoleDefaultsReader.roleDirectory(), Path.of("/etc/os-release")));
        var engineVm = new hostedengine.backup.EngineVm(stateDir, Duration.ofSeconds(5),
                () -> engineLogins.location().map(hostedengine.engineops.EngineLocation::fqdn), null,
                stateDir.resolve(hostedengine.Main.SIMULATED_ENGINE_VM));
        var backups = new hostedengine.backup.BackupOperations(runs, new hostedengine.backup.BackupStore(stateDir), engineVm,
                parts.poller()::current, logins.audit(), Clock.systemUTC(),
                hostedengine.Main.backupSimulation(stateDir, runSettings));
        var updates = new hostedengine.backup.EngineUpdates(backups, runs,
                () -> new hostedengine.backup.EngineUpdates.HaHost(deploymentTarget.get(), parts.tool()), stateDir, logins.audit(),
                Clock.systemUTC(), new hostedengine.backup.EngineUpdates.Waits(0.2, 30));
        app = start(stateDir, runs, parts, new EngineHostsParts(engineLogins, operations, backups, updates,
                new hostedengine.backup.RestorePlans(stateDir, backups.store()), hostedengine.enginedouble.EngineDouble.VERSION), deploymentTarget, host, support,
                new WebSecurity(logins, Optional.empty(), caps), extra);
    }

    private static EngineParts engineParts(Path stateDir, HostedEngineTool tool, EngineStatePoller poller) {
        return new EngineParts(tool, poller, new Maintenance(tool, HOST::hostFqdn, poller::current),
                new Landing(tool, stateDir.resolve("no-vdsm-ca.pem")),
                new Cleanup(tool, stateDir.resolve("appliance"), Duration.ofSeconds(20)), new Notifications(tool));
    }

    private static Javalin start(Path stateDir, Runs runs, EngineParts engine, EngineHostsParts engineHosts,
                                 hostedengine.remote.DeploymentTarget remote,
                                 HostParts host, SupportParts support, WebSecurity security, Consumer<JavalinConfig> extra) {
        var rules = new Rules(HOST, path -> path.equals("/var/tmp/appliance.ova"));
        var random = new SplittableRandom(7);
        var drafts = new DraftStore(stateDir, () -> Defaults.forHost(HOST, random));
        var parts = new WebServer.Parts(new Messages(), drafts, () -> HOST, () -> rules,
                () -> Defaults.forHost(HOST, random), new SimulatedStorageDiscovery(), runs, true, false);
        var app = WebServer.create(parts, engine, engineHosts, remote, host, support, security, config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            extra.accept(config);
        });
        app.start();
        return app;
    }

    /** Logs in through the login form, as a browser would; afterwards posts carry the new CSRF token. */
    HttpResponse<String> login(String user, String password) {
        var form = get("/login");
        Matcher token = LOGIN_TOKEN.matcher(form.body());
        if (!token.find()) throw new AssertionError("no login token in " + form.body());
        var r = postWithoutCsrf("/login", Map.of("username", user, "password", password, "_csrf", token.group(1)));
        if (r.statusCode() == 302) {
            loginResponse = r;
            csrf = csrfOf(get("/wizard/vm").body());
        }
        return r;
    }

    /** Logs in with a single-use link for {@code account}; returns the link's path. */
    String singleUseLinkFor(String account) {
        return "/login/once/" + logins.issueSingleUseLink(account).orElseThrow();
    }

    static String csrfOf(String html) {
        Matcher m = META_CSRF.matcher(html);
        if (!m.find()) throw new AssertionError("no csrf-token meta in the page");
        return m.group(1);
    }

    HttpResponse<String> loginResponse() { return loginResponse; }

    String csrf() { return csrf; }

    void useCsrf(String token) { csrf = token; }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpClient client() { return client; }

    /** Forgets the cookies: the next request is a new browser, not logged in. */
    void newBrowser() { client = newClient(); csrf = null; }

    String url(String path) { return "http://127.0.0.1:" + app.port() + path; }

    HttpResponse<String> get(String path, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    /** A form post with the session's CSRF token as the {@code _csrf} field. */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        var withToken = new LinkedHashMap<>(form);
        if (csrf != null) withToken.putIfAbsent("_csrf", csrf);
        return postWithoutCsrf(path, withToken, headers);
    }

    HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        var b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    HttpResponse<String> upload(String path, String fileName, byte[] content) {
        String boundary = "----test" + System.nanoTime();
        String token = csrf == null ? "" : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n";
        byte[] head = (token + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A request for a server-sent event stream, as EventSource sends it; {@code headers} e.g. Last-Event-ID. */
    HttpRequest sse(String path, Duration timeout, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/event-stream").timeout(timeout).GET();
        if (headers.length > 0) b.headers(headers);
        return b.build();
    }

    private static final Pattern EVENT_ID = Pattern.compile("^id: ?(\\d+)$", Pattern.MULTILINE);

    /** The ids of the events in a stream's text, in order. */
    static List<Long> eventIds(String stream) {
        List<Long> ids = new java.util.ArrayList<>();
        Matcher m = EVENT_ID.matcher(stream);
        while (m.find()) ids.add(Long.parseLong(m.group(1)));
        return ids;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Override public void close() {
        app.stop();
        engineLogins.close();
        simulatedEngine.close();
        if (ownPoller != null) ownPoller.close();
        runs.close();
    }

    /** A VM step that passes every rule on {@link #HOST}. */
    static Map<String, String> validVm(String rootPassword) {
        return Map.ofEntries(
                Map.entry("engineVmFqdn", "manager.example.com"), Map.entry("macAddress", "00:16:3e:12:34:56"),
                Map.entry("networkConfiguration", "dhcp"), Map.entry("bridgeInterface", "eth0"),
                Map.entry("rootPassword", rootPassword), Map.entry("rootPasswordConfirm", rootPassword),
                Map.entry("rootSshAccess", "yes"), Map.entry("vcpus", "4"), Map.entry("memorySizeMb", "16384"),
                Map.entry("editHostsFile", "true"), Map.entry("bridgeName", "ovirtmgmt"),
                Map.entry("hostFqdn", "host1.example.com"), Map.entry("networkTest", "dns"),
                Map.entry("vmIpPrefix", "24"));
    }

    static Map<String, String> validEngine(String adminPassword) {
        return Map.of("adminPassword", adminPassword, "adminPasswordConfirm", adminPassword,
                "smtpServer", "localhost", "smtpPort", "25", "sourceEmail", "root@localhost", "destEmails", "root@localhost");
    }

    static Map<String, String> validNfs() {
        return Map.of("storageType", "nfs", "storageConnection", "storage.example.com:/exports/he",
                "nfsVersion", "auto", "storageDomainName", "hosted_storage", "diskSizeGb", "61");
    }
}
