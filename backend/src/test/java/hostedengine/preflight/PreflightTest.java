package hostedengine.preflight;

import hostedengine.host.HostReadings;
import hostedengine.host.HostReadings.NicSource;
import hostedengine.preflight.Check.Status;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each pre-flight check's pass / warning / failure, decided from its inputs. */
class PreflightTest {
    static final long GIB = 1024L * 1024 * 1024;
    static final HostFacts FACTS = new HostFacts(8, 20000, List.of(new Nic("eth0", List.of("192.0.2.2/24")),
            new Nic("eth1", List.of("198.51.100.2/24"))), Optional.of("192.0.2.1"), Optional.of("eth0"),
            "hv1.example.com", 50 * GIB, RoleDefaults.builtIn());

    static HostReadings readings(long freeBytes) {
        return new HostReadings(FACTS, Optional.of(true), Optional.of(true), "Asia/Tokyo", Optional.of(List.of()),
                List.of("/usr/share/ovirt-engine-appliance/a.ova"), Map.of(), List.of(), "/var/tmp",
                Optional.of(freeBytes), NicSource.ROLE, null, Instant.EPOCH, "this host");
    }

    static PreflightInputs good() {
        return new PreflightInputs(readings(50 * GIB), "manager.example.com", List.of("192.0.2.10"),
                Optional.of("manager.example.com"), "hv1.example.com", List.of("192.0.2.2"), "eth0", 16384,
                Optional.of(false), false);
    }

    static Check find(List<Check> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aPreparedHostPassesEveryCheckInTheGuidesOrder() {
        List<Check> checks = Preflight.evaluate(good());
        assertThat(checks).extracting(Check::id).containsExactlyElementsOf(Preflight.IDS);
        assertThat(checks).allSatisfy(c -> assertThat(c.status()).as(c.id()).isEqualTo(Status.PASS));
        assertThat(checks).noneMatch(Check::simulated);
    }

    @Test
    void anEngineNameThatDoesNotResolveOrResolvesToThisHostFails() {
        assertThat(Preflight.engineFqdn("m.example.com", List.of(), Optional.empty(), List.of("192.0.2.2")).outcome())
                .isEqualTo("unresolvable");
        Check onHost = Preflight.engineFqdn("m.example.com", List.of("192.0.2.2"), Optional.empty(), List.of("192.0.2.2"));
        assertThat(onHost.status()).isEqualTo(Status.FAILURE);
        assertThat(onHost.args()).containsExactly("m.example.com", "192.0.2.2");
    }

    @Test
    void aReverseLookupThatDoesNotComeBackIsOnlyAWarning() {
        Check other = Preflight.engineFqdn("m.example.com", List.of("192.0.2.77"), Optional.of("other.example.com"), List.of());
        assertThat(other.status()).isEqualTo(Status.WARNING);
        assertThat(other.outcome()).isEqualTo("reverseMismatch");
        assertThat(Preflight.engineFqdn("m.example.com", List.of("192.0.2.77"), Optional.empty(), List.of()).outcome())
                .isEqualTo("noReverse");
        assertThat(Preflight.engineFqdn("M.example.com", List.of("192.0.2.77"), Optional.of("m.example.com."), List.of()).status())
                .isEqualTo(Status.PASS);
        assertThat(other.blocks()).isFalse();
    }

    @Test
    void theHostNameMustResolveToAnAddressOnTheChosenInterface() {
        assertThat(Preflight.hostFqdn("hv1.example.com", List.of("192.0.2.2"), "eth0", FACTS).status()).isEqualTo(Status.PASS);
        Check elsewhere = Preflight.hostFqdn("hv1.example.com", List.of("192.0.2.2"), "eth1", FACTS);
        assertThat(elsewhere.status()).isEqualTo(Status.FAILURE);
        assertThat(elsewhere.outcome()).isEqualTo("notOnNic");
        assertThat(Preflight.hostFqdn("hv1.example.com", List.of(), "eth0", FACTS).outcome()).isEqualTo("unresolvable");
    }

    @Test
    void lessThanFiveGbForTheApplianceFails() {
        assertThat(Preflight.diskSpace("/var/tmp", Optional.of(5 * GIB)).status()).isEqualTo(Status.PASS);
        Check low = Preflight.diskSpace("/var/tmp", Optional.of(5 * GIB - 1));
        assertThat(low.status()).isEqualTo(Status.FAILURE);
        assertThat(low.args()).containsExactly("/var/tmp", "5.0");
        assertThat(Preflight.diskSpace("/nowhere", Optional.empty()).outcome()).isEqualTo("unknown");
    }

    @Test
    void memoryBelowWhatTheVmStepAskedForFails() {
        assertThat(Preflight.memory(16384, 16384).status()).isEqualTo(Status.PASS);
        assertThat(Preflight.memory(16383, 16384).status()).isEqualTo(Status.FAILURE);
    }

    @Test
    void cpuWithoutVirtualizationFailsAndUnknownWarns() {
        assertThat(Preflight.cpu(Optional.of(false)).status()).isEqualTo(Status.FAILURE);
        assertThat(Preflight.cpu(Optional.empty()).status()).isEqualTo(Status.WARNING);
    }

    @Test
    void aClockWithoutNtpOnlyWarns() {
        assertThat(Preflight.clock(Optional.of(false), "UTC").status()).isEqualTo(Status.WARNING);
        assertThat(Preflight.clock(Optional.empty(), "UTC").status()).isEqualTo(Status.WARNING);
        assertThat(Preflight.clock(Optional.of(true), "UTC").status()).isEqualTo(Status.PASS);
    }

    @Test
    void missingToolsFailAndAMissingApplianceOnlyWarns() {
        Check tools = Preflight.tools(Optional.of(List.of("hosted-engine", "vdsm-client")));
        assertThat(tools.status()).isEqualTo(Status.FAILURE);
        assertThat(tools.args()).containsExactly("hosted-engine, vdsm-client");
        assertThat(Preflight.appliance(List.of()).status()).isEqualTo(Status.WARNING);
    }

    @Test
    void aProxyFailsUnlessNoProxyCoversTheEngine() {
        var proxy = Map.of("https_proxy", "http://proxy:3128");
        assertThat(Preflight.proxy(proxy, "manager.example.com").status()).isEqualTo(Status.FAILURE);
        for (String noProxy : List.of("*", "manager.example.com", ".example.com", "example.com", "x.org, example.com")) {
            var env = Map.of("https_proxy", "http://proxy:3128", "no_proxy", noProxy);
            assertThat(Preflight.proxy(env, "manager.example.com").status()).as(noProxy).isEqualTo(Status.PASS);
        }
        var notCovering = Map.of("http_proxy", "http://proxy:3128", "no_proxy", "ample.com,manager.example.org");
        assertThat(Preflight.proxy(notCovering, "manager.example.com").status()).isEqualTo(Status.FAILURE);
        assertThat(Preflight.proxy(Map.of(), "manager.example.com").status()).isEqualTo(Status.PASS);
    }

    @Test
    void anExistingOrHalfFinishedDeploymentFails() {
        assertThat(Preflight.deployment(Optional.of(true), List.of(), false).outcome()).isEqualTo("deployed");
        Check traces = Preflight.deployment(Optional.of(false), List.of("localvm:/var/tmp/localvmab12", "vm:HostedEngineLocal"), false);
        assertThat(traces.status()).isEqualTo(Status.FAILURE);
        assertThat(traces.args()).containsExactly("/var/tmp/localvmab12, HostedEngineLocal");
        assertThat(Preflight.deployment(Optional.empty(), List.of(), false).status()).isEqualTo(Status.WARNING);
        Check notConnected = Preflight.notConnected("root@hv1.example.com");
        assertThat(notConnected.status()).isEqualTo(Status.FAILURE);
        assertThat(notConnected.outcome()).isEqualTo("hostNotConnected");
        assertThat(notConnected.args()).containsExactly("root@hv1.example.com");
    }

    @Test
    void inSimulationHypervisorChecksAreAnsweredBySimulatorAndSaySo() {
        var in = good();
        var sim = new PreflightInputs(readings(50 * GIB), in.engineFqdn(), in.engineAddresses(), in.engineReverse(),
                in.hostFqdn(), in.hostAddresses(), in.bridgeIf(), in.memoryRequestedMb(), Optional.empty(), true);
        List<Check> checks = Preflight.evaluate(sim);
        assertThat(checks).filteredOn(Check::simulated).extracting(Check::id)
                .containsExactlyInAnyOrder("cpu", "tools", "appliance", "deployment");
        // a simulated deployment that exists still blocks
        var deployed = new PreflightInputs(readings(50 * GIB), in.engineFqdn(), in.engineAddresses(), in.engineReverse(),
                in.hostFqdn(), in.hostAddresses(), in.bridgeIf(), in.memoryRequestedMb(), Optional.of(true), true);
        assertThat(find(Preflight.evaluate(deployed), "deployment").blocks()).isTrue();
        // a remote deployment host that could not be asked blocks, even in simulation (never this host's answer)
        var notAsked = new PreflightInputs(readings(50 * GIB), in.engineFqdn(), in.engineAddresses(), in.engineReverse(),
                in.hostFqdn(), in.hostAddresses(), in.bridgeIf(), in.memoryRequestedMb(), Optional.empty(), true,
                Optional.of("root@hv1.example.com"));
        assertThat(find(Preflight.evaluate(notAsked), "deployment").outcome()).isEqualTo("hostNotConnected");
        assertThat(find(Preflight.evaluate(notAsked), "deployment").blocks()).isTrue();
        // names, space and memory stay real in simulation
        var low = new PreflightInputs(readings(GIB), in.engineFqdn(), List.of(), Optional.empty(),
                in.hostFqdn(), in.hostAddresses(), in.bridgeIf(), in.memoryRequestedMb(), Optional.empty(), true);
        assertThat(Preflight.evaluate(low)).filteredOn(Check::blocks).extracting(Check::id)
                .containsExactly("engineFqdn", "diskSpace");
    }

    @Test
    void theApplianceDirectoryRuleRefusesAnythingButAPlainAbsolutePath() {
        for (String ok : List.of("/var/tmp", "/home/localvm", "/mnt/big_disk/he-1.0")) {
            assertThat(LocalVmDirChoices.valid(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("var/tmp", "/var/../etc", "/var/./tmp", "/a//b", "/tmp/$(id)", "/tmp/a b",
                "/tmp/{{ x }}", "/tmp/;rm", "/" + "a".repeat(300), "/tmp/..")) {
            assertThat(LocalVmDirChoices.valid(bad)).as(bad).isFalse();
        }
        assertThat(LocalVmDirChoices.problem("")).contains("preflight.localVmDir.required");
        assertThat(LocalVmDirChoices.problem("tmp")).contains("preflight.localVmDir.invalid");
    }
}
