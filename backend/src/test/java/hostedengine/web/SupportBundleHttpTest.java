package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.support.SupportBundle;
import hostedengine.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The support bundle over HTTP, unpacked with the system's {@code tar}: what it holds, its
 * manifest, one run's bundle, the size cap, and canary passwords found in none of its files.
 * Its whole simulated deployment also proves the passwords reach no file of the state
 * directory, the audit log, an event, the SSE stream, the downloaded log, a run page, or any
 * process's argument list while Ansible runs (this was DeploymentSecretsTest, merged here so
 * the suite pays for one deployment, not two).
 */
class SupportBundleHttpTest {
    static final String ROOT = "Root\"Canary/7f3a&91";
    static final String ADMIN = "Admin\"Canary/2c8e&44";
    static final String ISCSI = "Iscsi\"Canary/5d1b&07";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path state;
    @TempDir Path unpacked;
    TestServer server;

    @BeforeEach void start() { server = new TestServer(state); }

    @AfterEach void stop() { server.close(); }

    /**
     * One whole simulated deployment through the web edge (most of this class's time), with canary
     * passwords: while Ansible runs none is on any process's argument list; afterwards none is in
     * the SSE streams, the downloaded logs, the run pages, any file of the state directory (before
     * the planted leak below) nor, in any form, in the bundle; the bundle holds everything.
     */
    @Test
    void aWholeSimulatedDeploymentLeaksNoPasswordAndItsBundleHoldsEverything() throws Exception {
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine(ADMIN));
        server.post("/wizard/storage/iscsi/discover", Map.of("storageType", "iscsi", "iscsiPortalAddress", "192.0.2.10",
                "iscsiPortalPort", "3260", "diskSizeGb", "61", "iscsiUsername", "chap", "iscsiPassword", ISCSI,
                "iscsiDiscoverUsername", "chap", "iscsiDiscoverPassword", ISCSI));
        Map<String, String> beforeDeploying = bundle("/support/bundle", unpacked.resolve("before"));
        assertNoCanary(beforeDeploying);
        assertThat(beforeDeploying).containsKey("answers/hosted-engine-answers.json");

        server.post("/wizard/storage", TestServer.validNfs());
        Set<String> leaks = ConcurrentHashMap.newKeySet();
        var watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                scanProcessArguments(leaks);
                LockSupport.parkNanos(5_000_000); // leave the other core to Ansible
            }
        }, "cmdline-watcher");
        watcher.start();
        var runIds = new ArrayList<String>();
        var pages = new ArrayList<String>();
        var localVmDirs = new ArrayList<String>();
        try {
            for (String phase : List.of("prepare", "finish")) {
                var started = server.post("/wizard/" + phase + "/run", Map.of());
                assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
                String path = started.headers().firstValue("Location").orElseThrow();
                String id = path.substring(path.lastIndexOf('/') + 1);
                pages.add(stream(id));
                RunInfo done = Await.value("run " + id + " ends", () -> server.runs.get(id).filter(r -> r.status().isFinal()),
                        Duration.ofMinutes(8));
                assertThat(done.status()).isEqualTo(RunStatus.SUCCESSFUL);
                assertThat(server.get("/api/runs/" + id).body()).contains("\"status\":\"SUCCESSFUL\"");
                pages.add(server.get("/runs/" + id + "/log").body());
                pages.add(server.get("/runs/" + id).body());
                done.localVmDir().ifPresent(localVmDirs::add);
                runIds.add(id);
            }
        } finally {
            watching.set(false);
            watcher.join();
            for (String dir : localVmDirs) Files.deleteIfExists(Path.of(dir));
        }
        assertThat(leaks).as("process arguments").isEmpty();
        assertThat(pages.get(0)).contains("event: run-event").contains("event: run-end");
        for (String page : pages) assertNoCanary(Map.of("a stream, log or run page", page));
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertNoCanary(Map.of(f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
        }
        assertThat(state.resolve("audit.log")).content().contains("deployment-started").contains("deployment-finished");

        // A leak past the callback (the one thing the bundle's own masking is for), in every form it could take.
        Path ansibleLog;
        try (Stream<Path> s = Files.walk(state.resolve("runs").resolve(runIds.get(0)))) {
            ansibleLog = s.filter(p -> p.getFileName().toString().equals("ansible.log")).findFirst().orElseThrow();
        }
        Files.writeString(ansibleLog, "\nleaked: " + String.join(" ", forms(ADMIN)) + "\n", StandardOpenOption.APPEND);

        Map<String, String> files = bundle("/support/bundle", unpacked.resolve("after"));

        assertNoCanary(files);
        String runPrefix = "runs/" + runIds.get(0) + "/";
        assertThat(files.get(runPrefix + unpackedName(ansibleLog, runIds.get(0)))).contains("leaked: ******** ******** ******** ********");
        for (String id : runIds) {
            assertThat(files.keySet()).anyMatch(n -> n.startsWith("runs/" + id + "/") && n.endsWith("/events.jsonl"));
            assertThat(files).containsKey("runs/" + id + "/run.json");
        }
        assertThat(files.get("answers/hosted-engine-answers.json")).contains("\"he_fqdn\"").contains("manager.example.com");
        assertThat(files).containsKeys("preflight/checks.json", "engine/vm-status.txt", "audit.log", "versions.txt",
                "logs/agent.log", "logs/broker.log", "logs/vdsm.log", "logs/setup.log", "logs/engine.log", SupportBundle.MANIFEST);
        assertThat(files.get("logs/setup.log")).startsWith("# SIMULATOR TEST DOUBLE").contains("ansible task start");
        assertThat(files.get("logs/agent.log")).startsWith("# SIMULATOR TEST DOUBLE").contains("Current state EngineUp");
        assertThat(files.get("logs/vdsm.log")).startsWith("missing: /var/log/vdsm/vdsm.log");
        assertThat(files.get("versions.txt")).contains("Hosted Engine Wizard: ").contains("$ ansible --version")
                .contains("ovirt.ovirt collection: ").contains("/etc/os-release");
        assertThat(files.get("audit.log")).contains("\"action\":\"support-bundle\"").contains("\"scope\":\"all\"");
        String manifest = files.get(SupportBundle.MANIFEST);
        for (String name : files.keySet()) {
            assertThat(manifest).as("manifest lists " + name).contains(name + "\n");
        }
        assertThat(manifest).contains("answers/hosted-engine-answers.json\n  why: the answers of the user who made the bundle");
        assertThat(state.resolve("audit.log")).content().contains("\"action\":\"support-bundle\",\"outcome\":\"success\",\"user\":\"admin\"");
    }

    @Test
    void aRunsBundleHoldsThatRunOnlyAndAFileOverTheCapKeepsItsTail() throws Exception {
        String big = writeRun("20250601-090000-prepare-vm-b0b0b0", RunStatus.FAILED);
        String other = writeRun("20250601-100000-prepare-vm-c0c0c0", RunStatus.SUCCESSFUL);
        Path log = state.resolve("runs").resolve(big).resolve("1-initial_clean/ansible.log");
        var text = new StringBuilder("FIRST-LINE\n");
        while (text.length() < SupportBundle.MAX_FILE_BYTES + 100_000) text.append("TASK [ovirt.ovirt.hosted_engine_setup : something] ok\n");
        text.append("LAST-LINE\n");
        Files.writeString(log, text);

        var response = server.send(HttpRequest.newBuilder(URI.create(server.url("/support/bundle?run=" + big))).GET().build());
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"hosted-engine-support-" + big + "-\\d{8}T\\d{6}Z\\.tar\\.gz\"");
        Map<String, String> files = bundle("/support/bundle?run=" + big, unpacked);

        assertThat(files.keySet()).anyMatch(n -> n.startsWith("runs/" + big + "/")).noneMatch(n -> n.startsWith("runs/" + other));
        String tail = files.get("runs/" + big + "/1-initial_clean/ansible.log");
        assertThat(tail).endsWith("LAST-LINE\n").doesNotContain("FIRST-LINE");
        assertThat(tail.getBytes(StandardCharsets.UTF_8)).hasSize(SupportBundle.MAX_FILE_BYTES);
        assertThat(files.get(SupportBundle.MANIFEST)).contains("runs/" + big + "/1-initial_clean/ansible.log\n  why: run " + big
                + ": PREPARE_VM, FAILED").contains("(the last part of " + text.length() + " bytes)");
        assertThat(server.get("/support/bundle?run=20250601-090000-prepare-vm-ffffff").statusCode()).isEqualTo(404);
        assertThat(server.get("/support/bundle?run=../../etc").statusCode()).isEqualTo(404);
    }

    private String writeRun(String id, RunStatus status) throws IOException {
        RunInfo info = new RunInfo(id, Phase.PREPARE_VM, "user:admin", "2025-06-01T09:00:00Z", "2025-06-01T09:01:00Z", status,
                Phase.PREPARE_VM.tags(), 0, false, null, null, null, Map.of(), 0);
        Path tag = Files.createDirectories(state.resolve("runs").resolve(id).resolve("1-initial_clean"));
        JSON.writeValue(tag.getParent().resolve("run.json").toFile(), info);
        Files.writeString(tag.resolve("events.jsonl"), "");
        return id;
    }

    private static String unpackedName(Path file, String runId) {
        String s = file.toString();
        return s.substring(s.indexOf(runId) + runId.length() + 1);
    }

    /** The secret as written, JSON-escaped, and URL-encoded (form and path style). */
    private static List<String> forms(String secret) {
        String json = TextNode.valueOf(secret).toString();
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return List.of(secret, json.substring(1, json.length() - 1), url, url.replace("+", "%20"));
    }

    /** Reads the whole SSE stream of a run from the start until the server ends it. */
    private String stream(String id) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(server.url("/api/runs/" + id + "/events")))
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(8)).GET().build();
        return server.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void scanProcessArguments(Set<String> leaks) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.ISO_8859_1);
                    for (String secret : List.of(ROOT, ADMIN, ISCSI)) {
                        for (String form : everyForm(secret)) {
                            if (cmdline.contains(form)) leaks.add(cmdline.replace('\0', ' '));
                        }
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@link #forms} and, for pages, HTML-escaped ({@code &quot;} or {@code &#34;}, {@code &amp;}). */
    private static List<String> everyForm(String secret) {
        var all = new ArrayList<>(forms(secret));
        all.add(secret.replace("&", "&amp;").replace("\"", "&quot;"));
        all.add(secret.replace("&", "&amp;").replace("\"", "&#34;"));
        return all;
    }

    private static void assertNoCanary(Map<String, String> files) {
        for (var file : files.entrySet()) {
            for (String secret : List.of(ROOT, ADMIN, ISCSI)) {
                for (String form : everyForm(secret)) {
                    assertThat(file.getValue()).as(file.getKey() + " holds a form of a password").doesNotContain(form);
                }
            }
        }
    }

    /** Downloads the bundle, unpacks it with tar into {@code into}, and reads every file (names without the top directory). */
    private Map<String, String> bundle(String path, Path into) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = server.client().send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/gzip");
        Files.createDirectories(into);
        Path archive = into.resolve("bundle.tar.gz");
        Files.write(archive, r.body());
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString()).redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(out).isZero();
        Files.delete(archive);
        var files = new TreeMap<String, String>();
        try (Stream<Path> s = Files.walk(into)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = into.relativize(f).toString();
                assertThat(name).startsWith("hosted-engine-support-");
                files.put(name.substring(name.indexOf('/') + 1), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
