package hostedengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --vm-status --json} through the test double: every status and every way it can fail. */
class VmStatusTest {
    @TempDir Path dir;

    private VmStatus.Reading read(HostedEngineDouble d) { return VmStatus.read(d.write().tool().run("--vm-status", "--json")); }

    @Test
    void twoHealthyHostsAreReadWithEveryField() {
        var reading = read(new HostedEngineDouble(dir).healthyTwoHosts());
        assertThat(reading.problem()).isEmpty();
        VmStatus s = reading.status().orElseThrow();
        assertThat(s.globalMaintenance()).isFalse();
        assertThat(s.hosts()).extracting(HostStatus::hostname).containsExactly("host1.example.com", "host2.example.com");
        HostStatus h1 = s.hosts().get(0);
        assertThat(h1.hostId()).isEqualTo(1);
        assertThat(h1.hostTs()).isEqualTo(5001);
        assertThat(h1.score()).isEqualTo(3400);
        assertThat(h1.engine()).isEqualTo(new EngineStatus("up", "good", "Up", null));
        assertThat(h1.crc32()).matches("[0-9a-f]{8}");
        assertThat(h1.confOnSharedStorage()).isTrue();
        assertThat(h1.liveData()).isTrue();
        assertThat(h1.agentState()).isEqualTo("EngineUp");
        assertThat(h1.extra()).contains("metadata_parse_version=1");
        assertThat(s.engineHost()).contains(h1);
        assertThat(s.hosts().get(1).engine().reason()).isEqualTo("vm not running on this host");
    }

    @Test
    void globalMaintenanceIsRead() {
        var s = read(new HostedEngineDouble(dir).healthyTwoHosts().set("global_maintenance", true)).status().orElseThrow();
        assertThat(s.globalMaintenance()).isTrue();
    }

    @Test
    void missingToolIsAProblemNotAnException() {
        var tool = new HostedEngineTool(dir.resolve("nope"), dir.resolve("nope2"), Map.of(), Duration.ofSeconds(1));
        assertThat(tool.installed()).isFalse();
        assertThat(VmStatus.read(tool.run("--vm-status", "--json")).problem()).contains(StatusProblem.TOOL_MISSING);
    }

    @Test
    void notDeployedSaysRunDeployFirst() {
        var r = read(new HostedEngineDouble(dir).set("deployed", false));
        assertThat(r.problem()).contains(StatusProblem.NOT_DEPLOYED);
        assertThat(r.output()).isEqualTo("You must run deploy first");
    }

    @Test
    void aLeftoverLocalVmIsAPreviousAttempt() {
        var r = read(new HostedEngineDouble(dir).set("deployed", false).set("previous_attempt", true));
        assertThat(r.problem()).contains(StatusProblem.PREVIOUS_ATTEMPT);
    }

    @Test
    void configurationNotOnSharedStorageIsRecognised() {
        var r = read(new HostedEngineDouble(dir).healthyTwoHosts().set("conf_on_shared_storage", false).set("agent_running", false));
        assertThat(r.problem()).contains(StatusProblem.CONF_NOT_RETRIEVED);
        assertThat(r.output()).contains("please ensure that ovirt-ha-agent service is running.");
        assertThat(StatusSnapshot.of(java.time.Instant.EPOCH, r).diagnosis()).contains(Diagnosis.CONF_NOT_RETRIEVED);
    }

    @Test
    void brokerDownPrintsADictReprWhichIsNotJson() {
        var r = read(new HostedEngineDouble(dir).healthyTwoHosts().set("broker", "global"));
        assertThat(r.problem()).contains(StatusProblem.BROKER_UNREACHABLE);
        assertThat(r.output()).startsWith("{'exception': 'Cannot connect to the HA daemon");
    }

    @Test
    void brokerSocketMissingIsATraceback() {
        var r = read(new HostedEngineDouble(dir).healthyTwoHosts().set("broker", "socket"));
        assertThat(r.problem()).contains(StatusProblem.BROKER_UNREACHABLE);
        assertThat(r.output()).contains("Traceback (most recent call last)");
    }

    @Test
    void outputThatIsNotJsonIsSaidSo() {
        var r = read(new HostedEngineDouble(dir).healthyTwoHosts().override("--vm-status", "Engine is fine, trust me\n", "", 0));
        assertThat(r.problem()).contains(StatusProblem.NOT_JSON);
        assertThat(r.output()).isEqualTo("Engine is fine, trust me");
    }

    @Test
    void anotherNonZeroExitIsAFailureWithTheToolsWords() {
        var r = read(new HostedEngineDouble(dir).healthyTwoHosts().override("--vm-status", "", "something broke\n", 3));
        assertThat(r.problem()).contains(StatusProblem.FAILED);
        assertThat(r.output()).isEqualTo("something broke");
    }

    @Test
    void aHangingToolIsStoppedAtTheTimeout() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().set("hang_seconds", 30).write();
        long start = System.nanoTime();
        var r = VmStatus.read(d.tool(Duration.ofMillis(700)).run("--vm-status", "--json"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.problem()).contains(StatusProblem.TIMEOUT);
    }

    @Test
    void engineStatusAsAJsonStringIsReadToo() throws Exception {
        String json = "{\"1\": {\"host-id\": 1, \"hostname\": \"h\", \"score\": 0, \"engine-status\": "
                + "\"{\\\"vm\\\": \\\"down\\\", \\\"health\\\": \\\"bad\\\", \\\"detail\\\": \\\"Down\\\", \\\"reason\\\": \\\"bad vm status\\\"}\"}, "
                + "\"global_maintenance\": false}";
        var r = VmStatus.read(new ToolOutput(json, "", 0, false, false));
        assertThat(r.status().orElseThrow().hosts().get(0).engine().reason()).isEqualTo("bad vm status");
    }

    @Test
    void problemsHaveMessageKeys() {
        assertThat(StatusProblem.CONF_NOT_RETRIEVED.messageKey()).isEqualTo("status.problem.confNotRetrieved");
        assertThat(Files.isExecutable(HostedEngineDouble.FILES.resolve("ovirt-hosted-engine-cleanup"))).isTrue();
    }
}
