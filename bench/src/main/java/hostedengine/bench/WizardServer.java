package hostedengine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The packaged server as an administrator starts it ({@code java -jar … --no-tls --simulate}) on
 * a free port with its own state directory, and the few things the benchmarks ask of it: log in
 * with the single-use link it prints, answer the VM and Engine steps, start Prepare VM, read a
 * run, and its memory from outside (/proc, jcmd).
 */
final class WizardServer implements AutoCloseable {
    private static final Pattern LOGIN_LINE = Pattern.compile("Log in once as \\S+: (http\\S+/login/once/\\S+)");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path state;
    private final Path log;
    private final long coldStartNanos;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;
    /** False for {@link #anotherSession()}'s clients, which must not stop the server. */
    private boolean owner = true;

    private WizardServer(Process process, URI base, Path state, Path log, long coldStartNanos) {
        this.process = process;
        this.base = base;
        this.state = state;
        this.log = log;
        this.coldStartNanos = coldStartNanos;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts the jar and waits for the first 200 of GET /health; the time that took is {@link #coldStartNanos}. */
    static WizardServer start(Path jar, List<String> jvmFlags, Path state, Path log, Map<String, String> env)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--no-tls", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--state-dir", state.toString(), "--simulate", "--login-link",
                // The latency bench's 50 clients share this one session (the default cap is 8 streams).
                "--streams-per-session", "64"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HOSTED_ENGINE_WIZARD_") || k.startsWith("ANSIBLE_"));
        pb.environment().putAll(env);
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process process = pb.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                if (probe.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the server did not answer GET /health within 60 s: " + tail(log));
            }
            Thread.sleep(5);
        }
        return new WizardServer(process, base, state, log, System.nanoTime() - t0);
    }

    long coldStartNanos() { return coldStartNanos; }

    URI base() { return base; }

    Path stateDir() { return state; }

    long pid() { return process.pid(); }

    HttpClient http() { return http; }

    Path runDir(String id) { return state.resolve("runs").resolve(id); }

    Path playbooks() { return state.resolve("playbooks"); }

    /** Spends the single-use link the server printed; the session cookie stays in this client. */
    void login() throws IOException, InterruptedException {
        String link = null;
        for (int i = 0; i < 200 && link == null; i++) {
            Matcher m = LOGIN_LINE.matcher(Files.readString(log));
            if (m.find()) link = m.group(1);
            else Thread.sleep(25);
        }
        if (link == null) throw new IOException("the server printed no single-use login link: " + tail(log));
        spendLink(URI.create(link));
    }

    /**
     * Another session, as another administrator at the console gets one: a link filed in the
     * state directory as {@code hosted-engine-wizard login-link} files it (the token's SHA-256 as
     * the file name; the account and the end of its validity inside), spent by a new client.
     */
    WizardServer anotherSession() throws IOException, InterruptedException {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String digest;
        try {
            digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = Files.createDirectories(state.resolve("login-links"));
        Files.writeString(dir.resolve(digest), System.getProperty("user.name") + "\n"
                + java.time.Instant.now().plus(Duration.ofMinutes(10)) + "\n");
        var other = new WizardServer(process, base, state, log, coldStartNanos);
        other.owner = false;
        other.spendLink(base.resolve("/login/once/" + token));
        return other;
    }

    private void spendLink(URI link) throws IOException, InterruptedException {
        var r = http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 302 || sessionCookie() == null) {
            throw new IOException("the single-use login link answered " + r.statusCode());
        }
        String page = get("/wizard/vm").body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) throw new IOException("no CSRF token on /wizard/vm");
        csrf = m.group(1);
    }

    /** The session cookie, for the browser. */
    HttpCookie sessionCookie() {
        return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals("hew_session"))
                .findFirst().orElse(null);
    }

    /** Valid answers for the VM and Engine steps, so Prepare VM may start. */
    void answerPrepareVm() throws IOException, InterruptedException {
        Map<String, String> vm = Map.of("engineVmFqdn", "manager.example.com",
                "rootPassword", "Root-Secret-4711", "rootPasswordConfirm", "Root-Secret-4711");
        HttpResponse<String> next = post("/wizard/vm", vm);
        // As the page: Next with a name check still running says so at once; ask again once it ended.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (next.statusCode() == 422 && next.body().contains("data-continue-when-checked")
                && System.nanoTime() < until) {
            Thread.sleep(500);
            if (get("/api/wizard/vm/names").body().contains("\"checking\"")) continue;
            next = post("/wizard/vm", vm);
        }
        expectRedirect(next, "/wizard/engine");
        expectRedirect(post("/wizard/engine", Map.of("adminPassword", "Admin-Secret-0815",
                "adminPasswordConfirm", "Admin-Secret-0815", "smtpServer", "mail.example.com", "smtpPort", "587",
                "sourceEmail", "engine@example.com", "destEmails", "ops@example.com")), "/wizard/prepare");
    }

    /** An NFS storage answer, so the Finish review shows (its page weight is measured). */
    void answerStorage() throws IOException, InterruptedException {
        expectRedirect(post("/wizard/storage", Map.of("storageType", "nfs",
                "storageConnection", "storage.example.com:/exports/hosted_engine", "storageDomainName", "hosted_storage")),
                "/wizard/finish");
    }

    /** Starts Prepare VM as the review page's button does; returns the run id. */
    String startPrepareVm() throws IOException, InterruptedException {
        // As the page: Prepare VM waits until the pre-flight list has the host's reading.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (get("/api/wizard/prepare/preflight").body().contains("\"pending\":true")) {
            if (System.nanoTime() > until) throw new IOException("the pre-flight checks still wait for the host's reading");
            Thread.sleep(200);
        }
        HttpResponse<String> r = post("/wizard/prepare/run", Map.of());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || !location.contains("/runs/")) {
            throw new IOException("starting Prepare VM answered " + r.statusCode() + " " + location);
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** GET /api/runs/{id}: status, final, events, … */
    JsonNode run(String id) throws IOException, InterruptedException {
        return JSON.readTree(get("/api/runs/" + id).body());
    }

    /** Waits until the run has at least {@code events} events (as the server counts them), or throws. */
    JsonNode awaitEvents(String id, long events, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = run(id);
            if (run.path("events").asLong() >= events) return run;
            if (run.path("final").asBoolean()) throw new IOException("run " + id + " ended before " + events + " events: " + run);
            if (System.nanoTime() > deadline) throw new IOException("run " + id + " has " + run.path("events") + " of " + events + " events");
            Thread.sleep(20);
        }
    }

    JsonNode awaitEnd(String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = run(id);
            if (run.path("final").asBoolean()) return run;
            if (System.nanoTime() > deadline) throw new IOException("run " + id + " did not end: " + run);
            Thread.sleep(50);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        var all = new LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectRedirect(HttpResponse<String> r, String to) throws IOException {
        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").endsWith(to)) {
            throw new IOException(r.request().uri().getPath() + " answered " + r.statusCode() + ", not a redirect to " + to);
        }
    }

    /** Resident memory of the server's JVM, in KiB (VmRSS). */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    /** Used Java heap in KiB, after a full GC when {@code gcFirst} (jcmd GC.run, GC.heap_info). */
    long heapUsedKb(boolean gcFirst) throws IOException, InterruptedException {
        if (gcFirst) Tools.run(List.of("jcmd", String.valueOf(process.pid()), "GC.run"), Duration.ofSeconds(60));
        String info = Tools.run(List.of("jcmd", String.valueOf(process.pid()), "GC.heap_info"), Duration.ofSeconds(60));
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) throw new IOException("jcmd GC.heap_info said: " + info);
        return Long.parseLong(m.group(1));
    }

    String logTail() { return tail(log); }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (!owner) return;
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
