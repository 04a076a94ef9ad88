package hostedengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.Redactor;
import hostedengine.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL during Prepare VM and started again: the deployment never
 * stopped, and the restarted server follows the same run to its end with the same,
 * contiguous event numbers.
 */
class ServerRestartTest {
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:[0-9]+)/login/once/([A-Za-z0-9_-]{43})");
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([A-Za-z0-9_-]+)\">");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path state;
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void killServers() {
        servers.forEach(Process::destroyForcibly);
    }

    /**
     * Canary passwords with what breaks naive masking: quotes, a backslash, template braces and
     * non-ASCII (a line break is refused at the field, as every control character). No form of them (as typed, JSON-escaped, shell-quoted,
     * URL-encoded) may be in any file, event, stream or download, also after a restart.
     */
    static final String ROOT = "Rst\"\\'{{ lookup('env','HOME') }}\u00e9 -1";
    static final String ADMIN = "Adm\"\\'{{ 7*7 }}\u65e5\u672c -2";

    @Test
    void killDashNineDuringPrepareVmThenRestartContinuesTheSameRun() throws Exception {
        var first = start();
        var facts = JSON.readTree(first.get("/api/host/facts").body());
        String nic = facts.get("nics").get(0).get("name").asText();
        first.post("/wizard/vm", Map.ofEntries(Map.entry("engineVmFqdn", "manager.example.com"),
                Map.entry("macAddress", "00:16:3e:12:34:56"), Map.entry("networkConfiguration", "dhcp"),
                Map.entry("bridgeInterface", nic), Map.entry("rootPassword", ROOT),
                Map.entry("rootPasswordConfirm", ROOT), Map.entry("rootSshAccess", "yes"),
                Map.entry("vcpus", "1"), Map.entry("memorySizeMb", "4096"), Map.entry("editHostsFile", "true"),
                // the Host FQDN must resolve to this host's address on the NIC (pre-flight; in simulation
                // through the simulated name table, which the server seeds with this host's name)
                Map.entry("bridgeName", "ovirtmgmt"), Map.entry("hostFqdn", facts.get("hostFqdn").asText()),
                Map.entry("networkTest", "dns")));
        first.post("/wizard/engine", Map.of("adminPassword", ADMIN, "adminPasswordConfirm", ADMIN,
                "smtpServer", "localhost", "smtpPort", "25", "sourceEmail", "root@localhost", "destEmails", "root@localhost"));
        // The pre-flight list waits for the host's first reading (no request waits for Ansible).
        Await.value("the pre-flight checks", () -> Optional.of(first.body("/api/wizard/prepare/preflight"))
                .filter(b -> b.contains("\"pending\":false")), Duration.ofMinutes(5));
        var started = first.post("/wizard/prepare/run", Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).as("Prepare VM refused: " + first.body(location.replaceFirst("#.*", ""))).contains("/runs/");
        String id = location.replaceFirst(".*/runs/", "");

        // well into bootstrap_local_vm, the long step of Prepare VM
        first.await("run " + id + " well into bootstrap_local_vm", id,
                info -> info.get("tagIndex").asInt() == 1 && first.eventsOf(id, "bootstrap_local_vm") > 20);
        first.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

        var second = start();
        JsonNode done = second.await("run " + id + " ends after the restart", id, info -> info.get("final").asBoolean());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCESSFUL");
        var seqs = new ArrayList<Long>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(second.get("/api/runs/" + id + "/page?after=" + after + "&limit=1000").body());
            if (page.isEmpty()) break;
            for (JsonNode e : page) seqs.add(e.get("seq").asLong());
            after = seqs.get(seqs.size() - 1);
        }
        assertThat(seqs).hasSize((int) done.get("events").asLong());
        for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i + 1L);

        // After the restart the recovered run's events, stream, page and download hold no canary.
        var outputs = new ArrayList<String>();
        outputs.add(second.get("/api/runs/" + id + "/events?since=0").body());
        outputs.add(second.get("/api/runs/" + id + "/page?after=0&limit=100000").body());
        outputs.add(second.get("/runs/" + id).body());
        outputs.add(second.get("/runs/" + id + "/log").body());
        for (String text : outputs) assertNoCanary(text, "an answer of the second server");
        assertNoCanaryInFiles();

        // Something the callback could not mask (planted here in the run's events file): the
        // download masks it with every secret the server knows again, here the password typed anew.
        second.post("/wizard/vm", Map.of("rootPassword", ROOT, "rootPasswordConfirm", ROOT, "action", "stay"));
        Path events;
        try (Stream<Path> files = Files.walk(state.resolve("runs").resolve(id))) {
            events = files.filter(f -> f.getFileName().toString().equals("events.jsonl")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        int last = lines.size() - 1;
        while (!lines.get(last).contains("\"msg\"")) last--;
        var planted = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(lines.get(last));
        planted.put("msg", "planted " + ROOT + " | " + Redactor.forms(ROOT).get(1) + " | " + Redactor.forms(ROOT).get(3));
        lines.set(last, JSON.writeValueAsString(planted));
        Files.write(events, lines);
        String download = second.get("/runs/" + id + "/log").body();
        assertThat(download).contains("planted ********");
        assertNoCanary(download, "the download after a planted line");
    }

    private static void assertNoCanary(String text, String where) {
        for (String secret : List.of(ROOT, ADMIN)) {
            for (String form : Redactor.forms(secret)) assertThat(text).as(where + ": " + form).doesNotContain(form);
        }
    }

    private void assertNoCanaryInFiles() throws IOException {
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertNoCanary(new String(Files.readAllBytes(f), StandardCharsets.UTF_8), f.toString());
            }
        }
    }

    /** A server process on the state directory, logged in with the single-use link it prints. */
    private Server start() throws IOException, InterruptedException {
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "hostedengine.Main",
                "--no-tls", "--bind", "127.0.0.1", "--port", "0", "--state-dir", state.toString(), "--simulate", "--login-link")
                .redirectErrorStream(true);
        pb.environment().put("HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED", "20");
        Process process = pb.start();
        servers.add(process);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var link = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    var m = LINK.matcher(line);
                    if (m.find()) return m;
                }
                throw new IllegalStateException("the server ended without printing its login link");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        var m = link.orTimeout(60, TimeUnit.SECONDS).join();
        // keep draining the server's output so it never blocks on a full pipe
        CompletableFuture.runAsync(() -> reader.lines().forEach(l -> { }));
        var server = new Server(process, m.group(1));
        server.get("/login/once/" + m.group(2));
        server.csrf = csrf(server.get("/wizard/vm").body());
        return server;
    }

    private static String csrf(String page) {
        var m = CSRF.matcher(page);
        assertThat(m.find()).as("csrf meta tag").isTrue();
        return m.group(1);
    }

    private static final class Server {
        final Process process;
        final String origin;
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf;

        Server(Process process, String origin) {
            this.process = process;
            this.origin = origin;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(origin + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            var all = new LinkedHashMap<>(form);
            all.put("_csrf", csrf);
            String body = all.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(URI.create(origin + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String body(String path) {
            try {
                return get(path).body();
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        long eventsOf(String id, String tag) {
            try {
                JsonNode page = JSON.readTree(get("/api/runs/" + id + "/page?after=0&limit=1000").body());
                long n = 0;
                for (JsonNode e : page) if (tag.equals(e.get("tag").asText())) n++;
                return n;
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        JsonNode await(String what, String id, Predicate<JsonNode> condition) throws InterruptedException {
            return Await.value(what, () -> Optional.of(info(id)).filter(condition), Duration.ofMinutes(2));
        }

        JsonNode info(String id) {
            try {
                return JSON.readTree(get("/api/runs/" + id).body());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
