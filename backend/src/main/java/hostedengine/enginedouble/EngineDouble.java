package hostedengine.enginedouble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import hostedengine.threads.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>Test double</b> of the oVirt engine: HTTPS on 127.0.0.1 with its own CA, answering SSO,
 * the API root, clusters, hosts (list, get, add with hosted engine, actions, remove) and events
 * as ENGINE-API.md describes the real engine, faults and HTTP codes included. Installing a host
 * takes a few steps of {@code step} each; a hosted-engine host that comes up joins the
 * {@code hosted-engine} double's state ({@link HostedEngineState}).
 *
 * <p>Updates (guide 6.3.5): {@code upgradecheck} and {@code upgrade} as the engine answers them, a
 * step at a time. Which hosts have updates is asked of the double ({@link #offerUpdates}: none
 * unless asked); the engine VM runs where the {@code hosted-engine} state says, and a host running
 * it goes to maintenance (for an upgrade or a deactivation) only after the VM migrated to another
 * hosted-engine host that is up with a score, which the state file then names; with no such host the
 * engine refuses. {@link #failUpgrade} makes one host's upgrade fail.
 */
public final class EngineDouble implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineDouble.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST_PATH = Pattern.compile("/ovirt-engine/api/hosts/([0-9a-f-]{36})(?:/([a-z]+))?");
    public static final String VERSION = "4.5.6-1.el9";
    static final String DEFAULT_CLUSTER = "Default";
    static final String DENIED = "Cannot authenticate user '%s': Unable to log in. Verify your login information or contact the system administrator..";

    private final EngineCa ca;
    private final String fqdn;
    private final EngineModel model;
    private final HostedEngineState heState;
    private final Predicate<String> adminPassword;
    private final HttpsServer server;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.named("engine-double"));
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile boolean down;
    /** The version the API reports: the one deployed, or what a simulated update's engine-setup upgraded to. */
    private volatile java.util.function.Supplier<String> version = () -> VERSION;

    /**
     * @param fqdn          the engine's name (its certificate's subject and first alternative name)
     * @param firstHost     the deployment host, seeded up and running the engine VM
     * @param adminPassword whether a password is admin@internal's
     * @param heState       the hosted-engine double's state file, shared (hosts that join and leave)
     * @param step          one installation step of a host
     */
    public EngineDouble(String fqdn, String firstHost, Predicate<String> adminPassword, java.nio.file.Path heState,
                        Duration step, Clock clock) throws IOException, GeneralSecurityException {
        this(fqdn, firstHost, DEFAULT_CLUSTER, adminPassword, heState, step, clock);
    }

    /** As above, with the cluster named {@code clusterName} (a restored backup's) instead of Default. */
    EngineDouble(String fqdn, String firstHost, String clusterName, Predicate<String> adminPassword, java.nio.file.Path heState,
                 Duration step, Clock clock) throws IOException, GeneralSecurityException {
        this.ca = new EngineCa(fqdn);
        this.fqdn = fqdn;
        this.heState = new HostedEngineState(heState);
        this.adminPassword = adminPassword;
        this.clock = clock;
        this.model = new EngineModel(clock, step, scheduler, clusterName, this.heState::join, this.heState::leave);
        model.engineVm(new EngineModel.EngineVm() {
            @Override public java.util.Optional<String> host() { return EngineDouble.this.heState.engineVmHost(); }
            @Override public int score(String hostName) { return EngineDouble.this.heState.score(hostName).orElse(0); }
            @Override public void moveTo(String hostName) { EngineDouble.this.heState.moveEngineVm(hostName); }
        });
        model.seed(firstHost, firstHost);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
        server.setExecutor(Executors.newFixedThreadPool(4, Threads.named("engine-double-http")));
        server.createContext("/ovirt-engine/", this::handle);
        server.start();
    }

    /** The API's address, as the SDK's url(): https://127.0.0.1:PORT/ovirt-engine/api. */
    /** The engine's version from now on as {@code version} tells (a simulated engine update changes it). */
    public void versionFrom(java.util.function.Supplier<String> version) { this.version = version; }

    /**
     * SIMULATION: the version a simulated engine VM's engine-setup double upgraded to (in its
     * {@code var/lib/engine-update-double/state.json}), else the one deployed.
     */
    public static String versionIn(java.nio.file.Path engineVmRoot) {
        try {
            java.nio.file.Path state = engineVmRoot.resolve("var/lib/engine-update-double/state.json");
            if (java.nio.file.Files.isRegularFile(state)) {
                String v = JSON.readTree(state.toFile()).path("engine_version").asText("");
                if (v.matches("[A-Za-z0-9._+~-]{1,64}")) return v;
            }
        } catch (java.io.IOException e) {
            // Unreadable: the version the engine was deployed with.
        }
        return VERSION;
    }

    public String apiUrl() { return "https://127.0.0.1:" + server.getAddress().getPort() + EngineXml.API; }

    /** The engine's name, as its certificate gives it. */
    public String fqdn() { return fqdn; }

    /** The CA the product must trust (PEM), as a host holds the engine's in /etc/pki/vdsm/certs/cacert.pem. */
    public String caPem() { return ca.caPem(); }

    /**
     * One more hosted-engine host the engine already knows at start, up with hosted engine
     * configured (as a restarted engine knows the hosts deployed before); a name it knows is kept once.
     * Not added to the {@code hosted-engine} state: such a host is there already.
     */
    void seedHostedEngineHost(String name) {
        if (model.hosts().stream().noneMatch(h -> h.name.equalsIgnoreCase(name))) model.seed(name, name);
    }

    /**
     * Hosts of a restored backup that are not part of this deployment (the simulator's
     * restored-engine.json): non_responsive hosted-engine hosts, their address their name;
     * {@code removed} hears the name of each one removed (a name the engine knows already is skipped).
     */
    void seedRestoredHosts(List<String> names, Consumer<String> removed) {
        Set<String> restored = ConcurrentHashMap.newKeySet();
        for (String name : names) {
            if (model.hosts().stream().noneMatch(h -> h.name.equalsIgnoreCase(name))) {
                restored.add(model.seedNonResponsive(name, name).id);
            }
        }
        model.whenRemoved(h -> {
            if (restored.remove(h.id)) removed.accept(h.name);
        });
    }

    /** Failures on request, per host address. */
    public void fail(String address, String failure) { model.fail(address, EngineModel.Failure.valueOf(failure)); }

    /**
     * The hosts named (or every host, with {@code "*"}) have updates in their repositories: their
     * {@code update_available} is true at once, and each check for updates finds them until they are upgraded.
     */
    public void offerUpdates(java.util.Collection<String> hostNames) { model.upgrades.offerUpdates(hostNames); }

    /** An upgrade of the host named {@code hostName} fails: event 841 after the engine's {@code message}, install_failed. */
    public void failUpgrade(String hostName, String message) { model.upgrades.failUpgrade(hostName, message); }

    /** Forgets every failure asked for. */
    public void clearFailures() { model.clearFailures(); }

    /** How long a token lives after it is issued; an expired one is answered 401. */
    public void tokenLifetime(Duration d) { tokenLifetime = d; }

    /** The engine stops answering as an engine: a proxy's HTML page, 503 (the engine VM is down). */
    public void down(boolean isDown) { down = isDown; }

    /** Forgets every token: the next call with one is answered 401 (a revoked or expired session). */
    public void revokeAll() { tokens.clear(); }

    /** Tokens issued and neither revoked nor expired. */
    public long activeTokens() {
        Instant now = clock.instant();
        return tokens.values().stream().filter(now::isBefore).count();
    }

    /** Switches a host off: it becomes non_responsive (a host of that name must exist). */
    public void unplug(String hostName) {
        for (var h : model.hosts()) {
            if (!h.name.equals(hostName)) continue;
            try {
                model.unplug(h.id);
            } catch (EngineModel.Refused gone) {
                // Removed meanwhile: nothing left to switch off.
            }
        }
    }

    @Override public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        scheduler.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            Map<String, String> query = form(x.getRequestURI().getRawQuery());
            if (down) { send(x, 503, "text/html", "<html><body><h1>Service Unavailable</h1></body></html>"); return; }
            if (path.equals("/ovirt-engine/services/health")) { send(x, 200, "text/html", "DB Up!Welcome to Health Status!"); return; }
            if (path.equals("/ovirt-engine/services/pki-resource")) { pki(x, query); return; }
            if (path.equals("/ovirt-engine/sso/oauth/token") && x.getRequestMethod().equals("POST")) { token(x); return; }
            if (path.equals("/ovirt-engine/services/sso-logout") && x.getRequestMethod().equals("POST")) { logout(x); return; }
            if (!path.startsWith(EngineXml.API)) { send(x, 404, "text/html", "<html><body>Not Found</body></html>"); return; }
            if (!authorized(x)) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"RESTAPI\"");
                // The engine's filter answers with the container's error status and no XML; the body is left
                // empty here (what it holds is unconfirmed, ENGINE-API.md §6): the SDK then logs in once again.
                send(x, 401, "text/html;charset=UTF-8", "");
                return;
            }
            String version = x.getRequestHeaders().getFirst("Version");
            if (version != null && !version.equals("4")) { send(x, 400, null, ""); return; }
            api(x, path, query);
        } catch (IllegalArgumentException notXml) {
            // A body that is not XML: the engine refuses it as a bad request, not as its own failure.
            xml(x, 400, EngineXml.fault(new EngineModel.Refused(400, "Request syntactically incorrect.", notXml.getMessage())));
        } catch (RuntimeException e) {
            LOG.warn("engine double: {} {} failed", x.getRequestMethod(), x.getRequestURI(), e);
            send(x, 500, "text/html", "<html><body>Internal Server Error</body></html>");
        }
    }

    private void api(HttpExchange x, String path, Map<String, String> query) throws IOException {
        String method = x.getRequestMethod();
        boolean all = "true".equals(query.get("all_content")) || "true".equals(x.getRequestHeaders().getFirst("All-Content"));
        if (path.equals(EngineXml.API) && method.equals("GET")) { xml(x, 200, EngineXml.api(version.get())); return; }
        if (path.equals(EngineXml.API + "/clusters") && method.equals("GET")) {
            String name = searchValue(query.get("search"), "name");
            xml(x, 200, EngineXml.clusters(name == null || name.equals(model.cluster.name()) ? List.of(model.cluster) : List.of()));
            return;
        }
        if (path.equals(EngineXml.API + "/events") && method.equals("GET")) { events(x, query); return; }
        if (path.equals(EngineXml.API + "/hosts")) {
            if (method.equals("GET")) {
                String name = searchValue(query.get("search"), "name");
                var out = new StringBuilder("<hosts>");
                for (var h : model.hosts()) if (name == null || h.name.equals(name)) out.append(hostXml(h, all));
                xml(x, 200, out.append("</hosts>").toString());
            } else if (method.equals("POST")) {
                addHost(x, query);
            }
            return;
        }
        Matcher m = HOST_PATH.matcher(path);
        if (!m.matches()) { send(x, 404, null, ""); return; }
        var host = model.host(m.group(1));
        if (host.isEmpty()) { send(x, 404, null, ""); return; }
        String verb = m.group(2);
        try {
            if (verb == null && method.equals("GET")) { xml(x, 200, hostXml(host.get(), all)); return; }
            if (verb == null && method.equals("DELETE")) { model.remove(host.get().id, "true".equals(query.get("force"))); send(x, 200, null, ""); return; }
            if (verb == null || !method.equals("POST")) { send(x, 405, null, ""); return; }
            var body = EngineXml.parse(x.getRequestBody().readAllBytes());
            switch (verb) {
                case "deactivate" -> model.deactivate(host.get().id);
                case "activate" -> model.activate(host.get().id);
                case "install" -> model.reinstall(host.get().id,
                        EngineXml.text(body, "deploy_hosted_engine").map(Boolean::parseBoolean).orElse(null),
                        EngineXml.text(body, "undeploy_hosted_engine").map(Boolean::parseBoolean).orElse(false));
                case "upgradecheck" -> model.upgrades.upgradeCheck(host.get().id);
                // The engine's default is a reboot after the upgrade (UpgradeHostParameters).
                case "upgrade" -> model.upgrades.upgrade(host.get().id,
                        EngineXml.text(body, "reboot").map(Boolean::parseBoolean).orElse(true));
                case "fence" -> {
                    if (!"manual".equals(EngineXml.text(body, "fence_type").orElse(""))) {
                        throw new EngineModel.Refused(400, "Incomplete parameters", "Action [fenceType] required for fence");
                    }
                    model.fenceManually(host.get().id);
                }
                default -> { send(x, 404, null, ""); return; }
            }
            xml(x, 200, EngineXml.action(host.get(), null));
        } catch (EngineModel.Refused r) {
            if (r.status == 404) { send(x, 404, null, ""); return; }
            xml(x, r.status, verb == null ? EngineXml.fault(r) : EngineXml.action(host.get(), r));
        }
    }

    private void addHost(HttpExchange x, Map<String, String> query) throws IOException {
        var body = EngineXml.parse(x.getRequestBody().readAllBytes());
        boolean publicKey = "publickey".equals(EngineXml.text(body, "ssh/authentication_method").orElse(""));
        try {
            var h = model.add(EngineXml.text(body, "name").orElse(null), EngineXml.text(body, "address").orElse(null),
                    EngineXml.text(body, "cluster/name").orElse(null), publicKey, EngineXml.text(body, "root_password").orElse(null),
                    "true".equals(query.get("deploy_hosted_engine")));
            x.getResponseHeaders().add("Location", EngineXml.API + "/hosts/" + h.id);
            xml(x, 201, hostXml(h, false));
        } catch (EngineModel.Refused r) {
            xml(x, r.status, EngineXml.fault(r));
        }
    }

    private String hostXml(EngineModel.Host h, boolean all) {
        return EngineXml.host(h, all, heState.score(h.name).orElse(h.status.equals("up") ? 3400 : 0), heState.globalMaintenance());
    }

    /** ids above from, newest first, at most max; search: host.name=, type=, severity>= (ENGINE-API.md §5). */
    private void events(HttpExchange x, Map<String, String> query) throws IOException {
        long from = query.containsKey("from") ? Long.parseLong(query.get("from")) : 0;
        int max = query.containsKey("max") ? Integer.parseInt(query.get("max")) : Integer.MAX_VALUE;
        String search = query.getOrDefault("search", "");
        String hostName = searchValue(search, "host.name");
        String type = searchValue(search, "type");
        List<String> severities = List.of("normal", "warning", "error", "alert");
        int minSeverity = search.contains("severity>=") ? severities.indexOf(search.replaceFirst(".*severity>=(\\w+).*", "$1")) : 0;
        String hostId = hostName == null ? null
                : model.hosts().stream().filter(h -> h.name.equals(hostName)).map(h -> h.id).findFirst().orElse("none");
        xml(x, 200, EngineXml.events(model.events(from, max, e -> (hostId == null || hostId.equals(e.hostId()))
                && (type == null || type.equals(String.valueOf(e.code()))) && severities.indexOf(e.severity()) >= minSeverity)));
    }

    private void token(HttpExchange x) throws IOException {
        if (!"application/json".equals(x.getRequestHeaders().getFirst("Accept"))) {
            json(x, 400, Map.of("error_code", "invalid_request", "error", "The request is missing the Accept header"));
            return;
        }
        Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String user = f.getOrDefault("username", "");
        if (!"password".equals(f.get("grant_type")) || !user.equals("admin@internal") || !adminPassword.test(f.getOrDefault("password", ""))) {
            json(x, 400, Map.of("error_code", "access_denied", "error", String.format(DENIED, user)));
            return;
        }
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String token = Base64.getEncoder().encodeToString(bytes);
        tokens.put(token, clock.instant().plus(tokenLifetime));
        var body = new LinkedHashMap<String, Object>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("exp", String.valueOf(clock.instant().plus(tokenLifetime).toEpochMilli()));
        body.put("scope", "ovirt-app-api ovirt-ext=token-info:authz-search");
        json(x, 200, body);
    }

    private void logout(HttpExchange x) throws IOException {
        Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (f.containsKey("token")) tokens.remove(f.get("token"));
        json(x, 200, Map.of());
    }

    private boolean authorized(HttpExchange x) {
        String header = x.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) return false;
        Instant until = tokens.get(header.substring(7).strip());
        return until != null && clock.instant().isBefore(until);
    }

    private void pki(HttpExchange x, Map<String, String> q) throws IOException {
        String resource = q.getOrDefault("resource", ""), format = q.getOrDefault("format", "");
        if (resource.equals("ca-certificate") && format.equals("X509-PEM-CA")) send(x, 200, "application/x-x509-ca-cert", ca.caPem());
        else if (resource.equals("engine-certificate") && format.equals("X509-PEM")) send(x, 200, "application/x-x509-cert", ca.serverPem());
        else if (resource.equals("engine-certificate") && format.equals("OPENSSH-PUBKEY")) send(x, 200, "text/plain", ca.sshPublicKey());
        else send(x, 400, null, "");
    }

    /** The value of {@code key=value} in an engine search expression, or null. */
    static String searchValue(String search, String key) {
        if (search == null) return null;
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=([^\\s]+)").matcher(search);
        return m.find() ? m.group(1) : null;
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return out;
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void xml(HttpExchange x, int status, String body) throws IOException { send(x, status, "application/xml", body); }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        send(x, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
