package hostedengine.host;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostModeTest {

    @Test
    void hypervisorRunsTheRealRole() {
        HostMode mode = HostMode.decide(true, true, true);
        assertThat(mode.realRole()).isTrue();
        assertThat(mode.reason()).contains("real").doesNotContain("\n");
    }

    @Test
    void plainMachineUsesTheSimulatorAndSaysWhy() {
        HostMode mode = HostMode.decide(false, true, false);
        assertThat(mode.simulator()).isTrue();
        assertThat(mode.reason())
                .isEqualTo("This host is not an oVirt hypervisor (no hosted-engine command on PATH, "
                        + "VDSM is not installed), so deployments run in the simulator.");
    }

    @Test
    void missingKvmAloneIsEnoughForTheSimulator() {
        assertThat(HostMode.decide(true, false, true).reason()).contains("no /dev/kvm");
    }

    @Test
    void detectOnThisMachineGivesOneSentence() {
        HostMode mode = HostMode.detect();
        assertThat(mode.reason()).endsWith(".").doesNotContain("\n");
    }

    @Test
    void simulatorOnRequest() {
        assertThat(HostMode.simulatorRequested().simulator()).isTrue();
        assertThat(HostMode.simulatorRequested().reason()).contains("--simulate");
    }
}
