package hostedengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each engine-status combination of the guide's chapter 3, read from the double, gets its diagnosis. */
class DiagnosisTest {
    @TempDir Path dir;

    private Optional<Diagnosis> diagnose(HostedEngineDouble d) {
        return StatusSnapshot.of(Instant.EPOCH, VmStatus.read(d.write().tool().run("--vm-status", "--json"))).diagnosis();
    }

    @Test
    void upAndGoodMeansTheEngineRuns() {
        assertThat(diagnose(new HostedEngineDouble(dir).healthyTwoHosts())).contains(Diagnosis.ENGINE_UP);
    }

    @Test
    void upButFailedLivelinessCheck() {
        var d = new HostedEngineDouble(dir).host(1, "host1", HostedEngineDouble.LIVELINESS)
                .host(2, "host2", HostedEngineDouble.NOT_RUNNING).set("vm_host_id", 1);
        assertThat(diagnose(d)).contains(Diagnosis.LIVELINESS_FAILED);
    }

    @Test
    void upButPausedIsABadVmStatus() {
        var d = new HostedEngineDouble(dir).host(1, "host1", HostedEngineDouble.engine("up", "bad", "Paused", "bad vm status"));
        assertThat(diagnose(d)).contains(Diagnosis.BAD_VM_STATUS);
    }

    @Test
    void vmNotRunningOnAnyHost() {
        var d = new HostedEngineDouble(dir).host(1, "host1", HostedEngineDouble.NOT_RUNNING).host(2, "host2", HostedEngineDouble.NOT_RUNNING);
        assertThat(diagnose(d)).contains(Diagnosis.VM_NOT_RUNNING);
    }

    @Test
    void failedToGetVmStats() {
        var d = new HostedEngineDouble(dir).host(1, "host1", HostedEngineDouble.STATS_FAILED).host(2, "host2", HostedEngineDouble.NOT_RUNNING);
        assertThat(diagnose(d)).contains(Diagnosis.VM_STATS_FAILED);
    }

    @Test
    void configurationNotRetrievedFromSharedStorage() {
        assertThat(diagnose(new HostedEngineDouble(dir).healthyTwoHosts().set("conf_on_shared_storage", false)))
                .contains(Diagnosis.CONF_NOT_RETRIEVED);
    }

    @Test
    void aStaleHostDoesNotSpeak() {
        var d = new HostedEngineDouble(dir).host(1, "host1", HostedEngineDouble.UP_GOOD).hostField(1, "live-data", false)
                .host(2, "host2", HostedEngineDouble.NOT_RUNNING);
        assertThat(diagnose(d)).contains(Diagnosis.VM_NOT_RUNNING);
    }

    @Test
    void everyDiagnosisHasKeys() {
        assertThat(Diagnosis.LIVELINESS_FAILED.explanationKey()).isEqualTo("status.diagnosis.livelinessFailed.explanation");
        assertThat(Diagnosis.LIVELINESS_FAILED.stepsKey()).isEqualTo("status.diagnosis.livelinessFailed.steps");
    }
}
