package hostedengine.host;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.host.HostReadings.NicSource;
import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Runs the real facts playbook and the real role's get_network_interfaces (with the nmcli test
 * double standing in for NetworkManager, ENVIRONMENT.md) on this machine, and checks the result
 * against what the machine's own tools say: {@code nproc}, {@code /proc/meminfo}, {@code ip}.
 */
class HostFactsCollectorIntegrationTest {
    private static final Duration T = Duration.ofSeconds(5);
    static final Path PLAYBOOKS = findPlaybooks();
    static final Path DOUBLES = PLAYBOOKS.getParent().resolve("backend/src/test/resources/doubles");
    private static final RoleDefaults ROLE = RoleDefaults.builtIn();
    static Path state;
    static HostReadings real;
    static long memoryBefore;
    static long memoryAfter;

    /** Every Runs a test made, closed at the end (they follow runs on threads of their own). */
    static final List<Runs> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs on this machine with the real role, or the simulator's, and the nmcli double on PATH. */
    static Runs runs(Path stateDir, boolean simulator) {
        RunSettings base = simulator ? RunSettings.simulator(PLAYBOOKS, 50) : RunSettings.realRole(PLAYBOOKS);
        Runs runs = new Runs(stateDir, new RunSettings(base.ansiblePlaybook(), base.playbooksDir(), base.role(),
                base.simulator(), base.simulatorSpeed(), Map.of("PATH", DOUBLES + ":" + System.getenv("PATH"))));
        OPENED.add(runs);
        return runs;
    }

    static HostFactsCollector collector(Path stateDir, boolean simulator) {
        return new HostFactsCollector(runs(stateDir, simulator), () -> AnsibleTarget.LOCAL, Map.of(), simulator, ROLE,
                stateDir, Clock.systemUTC(), Duration.ofSeconds(180));
    }

    @BeforeAll
    static void readThisMachine() throws Exception {
        state = Files.createTempDirectory("facts-it");
        try (var collector = collector(state, false)) {
            memoryBefore = roleMemoryFromProcMeminfo();
            real = collector.refresh("/var/tmp").get();
            memoryAfter = roleMemoryFromProcMeminfo();
        }
    }

    @AfterAll
    static void removeState() throws IOException {
        OPENED.forEach(Runs::close);
        try (var s = Files.walk(state)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everythingWasReadWithoutProblems() {
        assertThat(real.problem()).isNull();
        assertThat(real.nicSource()).isEqualTo(NicSource.ROLE);
        assertThat(real.target()).isEqualTo("this host");
    }

    @Test
    void vcpusMatchNproc() {
        String nproc = Command.output(T, "nproc", "--all").orElseThrow().trim();
        assertThat(real.facts().vcpus()).isEqualTo(Integer.parseInt(nproc)).isPositive();
    }

    /** What free -m would give the role, from /proc/meminfo: MemFree, and Buffers + Cached + SReclaimable. */
    static long roleMemoryFromProcMeminfo() throws IOException {
        var kib = LocalHostFacts.parseMeminfoKib(Files.readString(Path.of("/proc/meminfo")));
        long free = kib.get("MemFree") / 1024;
        long buffCache = (kib.get("Buffers") + kib.get("Cached") + kib.getOrDefault("SReclaimable", 0L)) / 1024;
        return free + buffCache - ROLE.reservedMemoryMb() + ROLE.memoryGraceMb();
    }

    @Test
    void availableMemoryMatchesProcMeminfoAsFreeCountsIt() {
        // memory moves while the playbook runs (other processes start and end): the reading lies near ours
        // before and after; 256 MiB of slack still catches a formula without the 512 MiB reserve or the cache
        long low = Math.min(memoryBefore, memoryAfter) - 256;
        long high = Math.max(memoryBefore, memoryAfter) + 256;
        assertThat(real.facts().availableMemoryMb()).isBetween(low, high).isPositive();
    }

    @Test
    void nicsAreTheRolesChoiceWithTheAddressesIpShows() {
        List<String> ipLines = Command.output(T, "ip", "-br", "addr", "show").orElseThrow().lines().toList();
        assertThat(real.facts().nics()).isNotEmpty();
        for (Nic nic : real.facts().nics()) {
            String line = ipLines.stream().filter(l -> l.split("\\s+")[0].replaceFirst("@.*", "").equals(nic.name()))
                    .findFirst().orElseThrow(() -> new AssertionError(nic.name() + " not in ip -br addr"));
            List<String> ipAddresses = Arrays.stream(line.trim().split("\\s+")).skip(2)
                    .filter(a -> !a.startsWith("fe80:")).toList();
            assertThat(nic.addresses()).as(nic.name()).containsExactlyElementsOf(ipAddresses);
            assertThat(line).doesNotContain(" DOWN ");
        }
        assertThat(real.facts().nics()).extracting(Nic::name).doesNotContain("lo");
    }

    @Test
    void hostnameGatewayAndFreeSpaceAreThisMachines() throws IOException {
        assertThat(real.facts().hostFqdn()).isEqualTo(Command.output(T, "hostname", "--fqdn").orElseThrow().trim());
        String route = Command.output(T, "ip", "-4", "route", "show", "default").orElse("");
        if (route.startsWith("default via ")) {
            String[] f = route.trim().split("\\s+");
            assertThat(real.facts().defaultGateway()).contains(f[2]);
            assertThat(real.facts().defaultRouteNic()).contains(f[4]);
        }
        assertThat(real.localVmDirFreeBytes()).hasValueSatisfying(free -> assertThat(free).isPositive()
                .isLessThanOrEqualTo(new java.io.File("/var/tmp").getTotalSpace()));
        assertThat(real.facts().varTmpFreeBytes()).isEqualTo(real.localVmDirFreeBytes().orElseThrow());
    }

    @Test
    void cpuFlagsAndToolsAreWhatTheMachineHas() throws IOException {
        boolean flags = Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\b(vmx|svm)\\b.*");
        assertThat(real.cpuVirtualization()).contains(flags);
        boolean hostedEngine = Command.onPath("hosted-engine", System.getenv("PATH"));
        assertThat(real.missingTools().orElseThrow().contains("hosted-engine")).isEqualTo(!hostedEngine);
    }

    @Test
    void readingsSurviveARestartThroughTheCacheFile() {
        assertThat(state.resolve("facts/localhost.json")).isRegularFile();
        try (var again = collector(state, false)) {
            assertThat(again.current()).hasValueSatisfying(r -> {
                assertThat(r.facts()).isEqualTo(real.facts());
                assertThat(r.readAt()).isEqualTo(real.readAt());
            });
            assertThat(again.reading()).isFalse();
        }
    }

    @Test
    void inSimulationTheNicListComesFromTheSimulatorAndSaysSo() throws Exception {
        Path simState = Files.createTempDirectory(state, "sim");
        try (var sim = collector(simState, true)) {
            HostReadings r = sim.refresh("/var/tmp").get();
            assertThat(r.nicSource()).isEqualTo(NicSource.SIMULATOR);
            assertThat(r.facts().nics()).extracting(Nic::name).isNotEmpty()
                    .isSubsetOf(Command.output(T, "ip", "-br", "addr", "show").orElseThrow().lines()
                            .map(l -> l.split("\\s+")[0].replaceFirst("@.*", "")).toList());
            assertThat(r.facts().vcpus()).isEqualTo(real.facts().vcpus());
        }
    }

    private static Path findPlaybooks() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("playbooks/hosted_engine.yml"))) return d.resolve("playbooks");
        }
        throw new IllegalStateException("playbooks/ not found");
    }
}
