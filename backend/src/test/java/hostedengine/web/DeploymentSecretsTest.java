package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole simulated deployment through the web edge with unique canary passwords: none of
 * them may reach a file of the state directory, the audit log, an event, the SSE stream, the
 * downloaded log, or any process's argument list while Ansible runs.
 */
class DeploymentSecretsTest {
    static final String ROOT = "Root-Canary-7f3a91";
    static final String ADMIN = "Admin-Canary-2c8e44";

    @TempDir Path state;
    TestServer server;

    @BeforeEach void start() { server = new TestServer(state); }

    @AfterEach void stop() { server.close(); }

    @Test
    void canaryPasswordsAppearNowhereAfterAWholeSimulatedDeployment() throws Exception {
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine(ADMIN));
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
        var streams = new ArrayList<String>();
        var localVmDirs = new ArrayList<String>();
        try {
            for (String phase : List.of("prepare", "finish")) {
                var started = server.post("/wizard/" + phase + "/run", Map.of());
                assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
                String runPath = started.headers().firstValue("Location").orElseThrow();
                String id = runPath.substring(runPath.lastIndexOf('/') + 1);
                streams.add(stream(id));
                var info = server.get("/api/runs/" + id).body();
                assertThat(info).as(info).contains("\"status\":\"SUCCESSFUL\"");
                streams.add(server.get("/runs/" + id + "/log").body());
                streams.add(server.get("/runs/" + id).body());
                server.runs.get(id).flatMap(r -> r.localVmDir()).ifPresent(localVmDirs::add);
            }
        } finally {
            watching.set(false);
            watcher.join();
            for (String dir : localVmDirs) Files.deleteIfExists(Path.of(dir));
        }

        assertThat(leaks).as("process arguments").isEmpty();
        for (String text : streams) assertThat(text).doesNotContain(ROOT).doesNotContain(ADMIN);
        assertThat(streams.get(0)).contains("event: run-event").contains("event: run-end");
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(ROOT).doesNotContain(ADMIN);
            }
        }
        assertThat(state.resolve("audit.log")).content().contains("deployment-started").contains("deployment-finished");
    }

    /** Reads the whole SSE stream of a run from the start until the server ends it. */
    private String stream(String id) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(server.url("/api/runs/" + id + "/events")))
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(3)).GET().build();
        HttpResponse<String> r = server.client().send(request, HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static void scanProcessArguments(Set<String> leaks) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.ISO_8859_1);
                    if (cmdline.contains(ROOT) || cmdline.contains(ADMIN)) leaks.add(cmdline.replace('\0', ' '));
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
