package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.ToolOutput;
import hostedengine.testing.Await;
import hostedengine.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hosted-engine} over SSH ({@link SshEngineHost}) against a real sshd: the exit code,
 * stdout and stderr kept as a local run keeps them, a hung command stopped on the host and
 * reported as a timeout, a missing tool told as missing, and an argument full of shell syntax
 * arriving as one literal word.
 */
class SshEngineHostTest {
    static Sshd sshd;

    @TempDir Path dir;
    private DeploymentTarget target;
    private RemoteHost host;
    private HostedEngineDouble remote;
    private Path bin;

    @BeforeAll
    static void startSshd(@TempDir Path sshdDir) throws Exception {
        Sshd.assumeAvailable();
        sshd = Sshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @BeforeEach
    void connect() throws Exception {
        target = new DeploymentTarget(dir, Duration.ofSeconds(10));
        host = RemoteHostSshIntegrationTest.rootByKey(sshd.userKey(), sshd.port());
        assertThat(target.confirm(target.connect(host).awaiting().orElseThrow().fingerprint())).isTrue();
        bin = dir.resolve("remote/bin");
        HostedEngineDouble.install(bin);
        remote = HostedEngineDouble.at(dir.resolve("remote/state.json")).healthyTwoHosts().write();
    }

    private SshEngineHost engineHost(Duration timeout) {
        return new SshEngineHost(HostedEngineTool.simulated(bin, remote.stateFile()).withTimeout(timeout), host, target.pins(),
                Duration.ofSeconds(10));
    }

    @Test
    void theToolsExitCodeAndBothStreamsAreKept() {
        ToolOutput out = engineHost(Duration.ofSeconds(20)).run("--vm-start");
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stdout()).contains("VM exists and its status is Up");
        assertThat(out.missing()).isFalse();
        assertThat(out.timedOut()).isFalse();
    }

    @Test
    void aHungCommandIsStoppedOnTheHostAndReportedAsATimeout() throws Exception {
        remote.set("hang_seconds", 120).write();
        long started = System.nanoTime();
        ToolOutput out = engineHost(Duration.ofSeconds(3)).run("--vm-status", "--json");
        assertThat(out.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        // The "remote" host is this machine: the double's process is gone, not left sleeping.
        Await.until("the hung hosted-engine double ends on the host", () -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().map(c -> c.contains(bin.resolve("hosted-engine").toString())).orElse(false)),
                Duration.ofSeconds(20));
    }

    @Test
    void aMissingToolIsToldAsMissing() {
        var nowhere = new SshEngineHost(HostedEngineTool.simulated(dir.resolve("nowhere"), remote.stateFile()), host, target.pins(),
                Duration.ofSeconds(10));
        assertThat(nowhere.run("--vm-status", "--json").missing()).isTrue();
        assertThat(nowhere.installed()).isFalse();
        assertThat(engineHost(Duration.ofSeconds(20)).installed()).isTrue();
    }

    @Test
    void anArgumentWithShellSyntaxArrivesAsOneLiteralWord() throws Exception {
        Path planted = dir.resolve("planted");
        String value = "x'; touch " + planted + "; echo '$(touch " + planted + ")`touch " + planted + "`\"";
        ToolOutput out = engineHost(Duration.ofSeconds(20)).run("--set-shared-config", "email.smtp-server", value, "--type=broker");
        assertThat(out.succeeded()).as(out.combined()).isTrue();
        assertThat(Files.exists(planted)).isFalse();
        @SuppressWarnings("unchecked")
        var broker = (Map<String, Object>) ((Map<String, Object>) remote.read().get("shared_config")).get("broker");
        assertThat(broker).containsEntry("email.smtp-server", value);
    }
}
