package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunOutcome;
import hostedengine.deploy.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host facts run and a name-check run, started the way the collector and the FQDN checks start
 * them, are opened, streamed and downloaded like a phase: the run page shows their step and title
 * (English and Japanese), the JSON names the kind, the SSE stream and the log hold every event.
 */
class ReadOnlyRunPagesHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir static Path state;
    static TestServer server;
    static RunOutcome facts;
    static RunOutcome names;

    @BeforeAll
    static void runOneOfEach() throws Exception {
        server = new TestServer(state);
        facts = server.runs.runToEnd(Phase.HOST_FACTS, "server:host-facts", Map.of("he_local_vm_dir_path", "/var/tmp"),
                Map.of(), AnsibleTarget.LOCAL, TIMEOUT);
        names = server.runs.runToEnd(Phase.VALIDATE_HOSTNAMES, "server:name-checks",
                Map.of("he_fqdn", "manager.example.com", "he_simulator_hosts_file", "/nonexistent/hosts"),
                Map.of(), AnsibleTarget.LOCAL, TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void aFactsRunIsListedAndItsPageShowsItsStepAndLog() {
        RunInfo run = facts.info();
        assertThat(run.status()).as(facts.problem()).isEqualTo(RunStatus.SUCCESSFUL);
        assertThat(server.runs.list()).extracting(RunInfo::id).contains(run.id(), names.info().id());

        var page = server.get("/runs/" + run.id());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(">Host facts</h1>").contains("data-tag=\"host_facts\"")
                .contains("data-status=\"SUCCESSFUL\"").contains("id=\"download-log\"")
                .doesNotContain("run.title.").doesNotContain("run.tag.").doesNotContain("id=\"next\"");
    }

    @Test
    void theJsonOfAFactsRunNamesItsKindAndStep() {
        var json = server.get("/api/runs/" + facts.info().id());

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"phase\":\"HOST_FACTS\"").contains("\"tags\":[\"host_facts\"]")
                .contains("\"status\":\"SUCCESSFUL\"");
    }

    @Test
    void theStreamAndTheDownloadHoldEveryEventOfAFactsRun() {
        String id = facts.info().id();
        long n = facts.info().events();
        List<Long> all = LongStream.rangeClosed(1, n).boxed().toList();

        assertThat(TestServer.eventIds(server.send(server.sse("/api/runs/" + id + "/events", Duration.ofMinutes(1))).body())).containsExactlyElementsOf(all);
        assertThat(TestServer.eventIds(server.send(server.sse("/api/runs/" + id + "/events", Duration.ofMinutes(1), "Last-Event-ID", "3")).body()))
                .containsExactlyElementsOf(all.subList(3, all.size()));
        var log = server.get("/runs/" + id + "/log");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("[ INFO  ] PLAYBOOK [host_facts.yml]").contains("[ INFO  ] TASK [Count processors]").endsWith("status: SUCCESSFUL\n");
    }

    @Test
    void aNameCheckRunHasItsOwnTitleInBothLanguages() {
        String id = names.info().id();
        assertThat(names.info().status().isFinal()).isTrue();

        assertThat(server.get("/runs/" + id).body()).contains(">Host name checks</h1>").contains("data-tag=\"validate_hostnames\"");
        // By header, not ?lang= (a cookie would turn the other tests of this shared browser Japanese).
        assertThat(server.get("/runs/" + facts.info().id(), "Accept-Language", "ja").body()).contains(">ホストの情報</h1>")
                .contains("ホストの情報</span>");
        assertThat(server.get("/runs/" + id, "Accept-Language", "ja").body()).contains(">ホスト名のチェック</h1>");
        assertThat(server.get("/runs/" + id + "/log").body()).contains("[ INFO  ] PLAYBOOK [hosted_engine.yml] tags: validate_hostnames");
    }

    @Test
    void retryOnANameCheckRunAsksTheSameAgainInANewRun() throws Exception {
        var r = server.post("/runs/" + names.info().id() + "/retry", Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String again = r.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
        assertThat(again).isNotEqualTo(names.info().id());
        RunInfo ended = server.runs.awaitEnd(again, TIMEOUT).orElseThrow();
        assertThat(ended.phase()).isEqualTo(Phase.VALIDATE_HOSTNAMES);
        assertThat(server.runs.page(again, 0, 10_000)).isNotEmpty();
        assertThat(java.nio.file.Files.readString(state.resolve("runs").resolve(again).resolve("1-validate_hostnames/vars.json")))
                .contains("manager.example.com");
    }

}
