package hostedengine.e2e;

import static hostedengine.e2e.EngineDouble.HOST1;
import static hostedengine.e2e.EngineDouble.HOST2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status page against the hosted-engine double, its state file arranged directly for each
 * engine-status combination of the guide's chapter 3. The page follows the server's poller (5 s),
 * so every check waits on what the page shows.
 */
class StatusPageTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private EngineDouble engine;

    @BeforeEach
    void installDouble() {
        engine = new EngineDouble(wizard.server()).install();
    }

    @Test
    void engineUpAndGoodShowsEveryHostWithScoreAndHealthAndWhereTheEngineRuns() {
        engine.engineUpOn(2);
        StatusPage page = StatusPage.open(wizard).awaitDiagnosis("engineUp").awaitEngineOn(HOST2);

        var hosts = page.hosts();
        assertThat(hosts).containsOnlyKeys(HOST1, HOST2);
        assertThat(hosts.get(HOST1)).containsEntry("score", "3400").containsEntry("health", "bad")
                .containsEntry("vm", "down").containsEntry("runsEngine", "false");
        assertThat(hosts.get(HOST2)).containsEntry("score", "3000").containsEntry("health", "good")
                .containsEntry("vm", "up").containsEntry("runsEngine", "true");
        assertThat(page.diagnosisExplanation()).contains("Manager answers its health check");
        assertThat(page.diagnosisSteps()).isNotEmpty().anySatisfy(s -> assertThat(s).contains("network"));
        assertThat(page.globalMaintenanceBanner()).isFalse();
        assertThat(page.problemText()).isNull();
    }

    @Test
    void badHealthWithTheVmUpIsTheFailedLivelinessCheck() {
        engine.deployed(1, EngineDouble.LIVELINESS, EngineDouble.NOT_RUNNING, false);
        StatusPage page = StatusPage.open(wizard).awaitDiagnosis("livelinessFailed").awaitEngineOn(HOST1);

        assertThat(page.hosts().get(HOST1)).containsEntry("health", "bad").containsEntry("vm", "up")
                .containsEntry("reason", "failed liveliness check").containsEntry("runsEngine", "true");
        assertThat(page.diagnosisExplanation()).contains("liveliness check");
        assertThat(page.diagnosisSteps()).hasSizeGreaterThan(1).anySatisfy(s -> assertThat(s).containsIgnoringCase("global maintenance"));
    }

    @Test
    void vmDownEverywhereIsVmNotRunningAndGlobalMaintenanceShowsTheBanner() {
        engine.deployed(null, EngineDouble.NOT_RUNNING, EngineDouble.NOT_RUNNING, true);
        StatusPage page = StatusPage.open(wizard).awaitDiagnosis("vmNotRunning").awaitGlobalMaintenanceBanner(true);

        assertThat(page.hosts().values()).hasSize(2)
                .allSatisfy(h -> assertThat(h).containsEntry("vm", "down").containsEntry("runsEngine", "false")
                        .containsEntry("reason", "vm not running on this host"));
        assertThat(page.engineHost()).doesNotContain(HOST1).doesNotContain(HOST2);
        assertThat(page.diagnosisExplanation()).contains("not running on any host");
        assertThat(page.diagnosisSteps()).hasSizeGreaterThan(1);
    }

    @Test
    void vmStatsUnknownIsFailedToGetVmStats() {
        engine.deployed(null, EngineDouble.STATS_FAILED, EngineDouble.NOT_RUNNING, false);
        StatusPage page = StatusPage.open(wizard).awaitDiagnosis("vmStatsFailed").awaitGlobalMaintenanceBanner(false);

        assertThat(page.hosts().get(HOST1)).containsEntry("vm", "unknown").containsEntry("reason", "failed to getVmStats");
        assertThat(page.diagnosisExplanation()).contains("getVmStats");
        assertThat(page.diagnosisSteps()).anySatisfy(s -> assertThat(s).contains("vdsm.log"));
    }

    @Test
    void configurationNotRetrievedFromSharedStorageIsAProblemWithItsDiagnosis() {
        engine.confNotRetrieved();
        StatusPage page = StatusPage.open(wizard).awaitDiagnosis("confNotRetrieved").awaitProblem();

        assertThat(page.problemText()).contains("not been retrieved from shared storage");
        assertThat(page.diagnosisSteps()).anySatisfy(s -> assertThat(s).contains("ovirt-ha-agent"));
    }

    @Test
    void nonJsonOutputShowsAProblemWhileThePageKeepsPollingAndRecovers() {
        engine.engineUpOn(1);
        StatusPage page = StatusPage.open(wizard).awaitDiagnosis("engineUp");

        engine.vmStatusPrints("Traceback (most recent call last): not JSON at all");
        page.awaitProblem();
        assertThat(page.problemText()).contains("not the status it should print");
        assertThat(page.problemOutput()).contains("not JSON at all");

        engine.engineUpOn(1);
        page.awaitNoProblem().awaitDiagnosis("engineUp").awaitEngineOn(HOST1);
        assertThat(page.hosts().get(HOST1)).containsEntry("health", "good");
    }

    /** One combination in Japanese (?lang=ja): the diagnosis and its steps, also as the poller updates them. */
    @Test
    void failedLivelinessIsExplainedInJapanese() {
        engine.deployed(1, EngineDouble.LIVELINESS, EngineDouble.NOT_RUNNING, false);
        wizard.open("/status?lang=ja");
        StatusPage page = new StatusPage(wizard).awaitDiagnosis("livelinessFailed");
        assertThat(page.pageLanguage()).isEqualTo("ja");

        // a second reading arrives over the stream: the text it brings is Japanese too
        engine.deployed(1, EngineDouble.LIVELINESS, EngineDouble.UP_GOOD.replace("up", "down"), false);
        page.awaitHostField(HOST2, "vm", "down");
        assertThat(page.diagnosisExplanation()).matches(s -> Japanese.SCRIPT.matcher(s).find(), "Japanese text");
        assertThat(page.diagnosisSteps()).isNotEmpty()
                .allSatisfy(s -> assertThat(s).matches(t -> Japanese.SCRIPT.matcher(t).find(), "Japanese text"));
    }

    @Test
    void theLogsPageFollowsTheAgentsLogAndTheSupportBundleDownloadsInTheSession() throws Exception {
        engine.engineUpOn(1);
        Path agent = wizard.server().stateDir().resolve("simulator/root/var/log/ovirt-hosted-engine-ha/agent.log");
        Files.createDirectories(agent.getParent());
        Files.writeString(agent, "MainThread::INFO::agent started\n");

        LogsPage logs = StatusPage.open(wizard).awaitEngineOn(HOST1).toLogs();
        assertThat(logs.simulatedLabel()).isTrue();
        assertThat(logs.lines()).containsExactly("MainThread::INFO::agent started");
        Files.writeString(agent, "MainThread::INFO::Current state EngineUp (score: 3400)\n", StandardOpenOption.APPEND);
        logs.awaitLine("MainThread::INFO::Current state EngineUp (score: 3400)");
        LogsPage found = logs.search("engineup");
        assertThat(found.lines()).containsExactly("MainThread::INFO::Current state EngineUp (score: 3400)");
        assertThat(found.marks()).containsExactly("EngineUp");

        String href = StatusPage.open(wizard).supportBundleHref();
        assertThat(href).isEqualTo("/support/bundle");
        var download = SessionHttp.download(wizard, href);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"hosted-engine-support-").endsWith(".tar.gz\"");
        Path dir = Files.createTempDirectory("support-bundle-");
        Path archive = dir.resolve("bundle.tar.gz");
        Files.write(archive, download.body());
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        assertThat(tar.waitFor()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        Path root;
        try (Stream<Path> s = Files.list(dir)) {
            root = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(root.resolve("MANIFEST.txt")).content().contains("logs/agent.log\n  why: the agent log");
        assertThat(root.resolve("logs/agent.log")).content().contains("Current state EngineUp (score: 3400)");
        assertThat(root.resolve("engine/vm-status.txt")).content().startsWith("on this host\nexit code 0").contains(HOST1).contains("good");
    }
}
