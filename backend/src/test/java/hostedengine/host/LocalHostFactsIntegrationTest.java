package hostedengine.host;

import hostedengine.wizard.HostFacts;
import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Compares what {@link LocalHostFacts} reads with what this machine's own tools say. */
class LocalHostFactsIntegrationTest {
    private static final Duration T = Duration.ofSeconds(5);
    private final RoleDefaults role = RoleDefaults.builtIn();
    private final HostFacts facts = LocalHostFacts.read(role);

    @Test
    void vcpusMatchTheRolesGrepCount() {
        String grep = Command.output(T, "grep", "-c", "^processor", "/proc/cpuinfo").orElseThrow().trim();
        assertThat(facts.vcpus()).isEqualTo(Integer.parseInt(grep)).isPositive();
    }

    @Test
    void vcpusMatchNprocWhenNotLimited() {
        String nproc = Command.output(T, "nproc", "--all").orElseThrow().trim();
        assertThat(facts.vcpus()).isEqualTo(Integer.parseInt(nproc));
    }

    @Test
    void availableMemoryMatchesTheRolesFreeMinusMArithmetic() {
        // the role: free -m | grep Mem | awk '{print $4}' + ... '{print $6}' - reserved + grace
        String[] mem = Command.output(T, "free", "-m").orElseThrow().lines()
                .filter(l -> l.startsWith("Mem")).findFirst().orElseThrow().trim().split("\\s+");
        long roleSays = Long.parseLong(mem[3]) + Long.parseLong(mem[5])
                - role.reservedMemoryMb() + role.memoryGraceMb();
        // memory moves between the two reads; a few MiB of drift is not a disagreement
        assertThat(LocalHostFacts.read(role).availableMemoryMb()).isCloseTo(roleSays, org.assertj.core.data.Offset.offset(64L));
    }

    @Test
    void nicsMatchIpAddr() throws IOException {
        String json = Command.output(T, "ip", "-j", "addr", "show").orElse(null);
        assumeTrue(json != null, "ip -j not available"); // iproute2 is this machine's, not something bin/test installs
        assertThat(facts.nics()).isEqualTo(LocalHostFacts.parseIpAddrJson(json));
        assertThat(facts.nics()).extracting(Nic::name).doesNotContain("lo");
    }

    @Test
    void javaFallbackFindsTheSameInterfaceNames() {
        assertThat(LocalHostFacts.nicsFromJava()).extracting(Nic::name)
                .containsExactlyInAnyOrderElementsOf(facts.nics().stream().map(Nic::name).toList());
    }

    @Test
    void defaultRouteNicIsOneOfTheNics() {
        assumeTrue(facts.defaultRouteNic().isPresent(), "no IPv4 default route here"); // the machine's network, not a tool
        assertThat(facts.nics()).extracting(Nic::name).contains(facts.defaultRouteNic().get());
        assertThat(facts.defaultGateway().get()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void fqdnIsWhatHostnameSays() {
        String hostname = Command.output(T, "hostname", "--fqdn").map(String::trim).orElse("");
        assumeTrue(!hostname.isEmpty(), "hostname --fqdn fails here"); // the machine's naming, not a tool
        assertThat(facts.hostFqdn()).isEqualTo(hostname);
    }

    @Test
    void varTmpFreeSpaceIsReported() throws IOException {
        assertThat(facts.varTmpFreeBytes())
                .isPositive()
                .isLessThanOrEqualTo(Files.getFileStore(Path.of("/var/tmp")).getTotalSpace());
        assertThat(facts.role()).isEqualTo(role);
    }

    @Test
    void commandThatHangsIsCutOff() {
        long start = System.nanoTime();
        assertThat(Command.output(Duration.ofMillis(300), "sleep", "10")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(Command.output(T, "no-such-command-hew")).isEmpty();
        assertThat(List.of(Command.output(T, "false"))).containsExactly(java.util.Optional.empty());
    }
}
