package hostedengine.host;

import hostedengine.host.HostReadings.NicSource;
import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts playbook's output, read from fixed samples. */
class HostFactsPlaybookTest {
    private static final RoleDefaults ROLE = RoleDefaults.builtIn();

    private static HostFactsPlaybook.Raw raw(Map<String, String> stdout, List<String> hostNet) {
        return new HostFactsPlaybook.Raw(stdout, hostNet, hostNet == null ? NicSource.UNFILTERED : NicSource.ROLE,
                null, "2026-11-25T20:00:00Z", "this host", "/var/tmp");
    }

    @Test
    void memoryIsTheRolesFreeMinusMFormula() {
        String free = """
                               total        used        free      shared  buff/cache   available
                Mem:           24105         534       22870           8        1011       23277
                Swap:              0           0           0
                """;
        assertThat(HostFactsPlaybook.availableMemoryMb(free, ROLE)).isEqualTo(22870 + 1011 - 512 + 200);
    }

    @Test
    void onlyTheInterfacesTheRoleKeptAreOfferedWithTheirAddresses() {
        String ip = """
                lo               UNKNOWN        127.0.0.1/8 ::1/128
                eth0             UP             192.0.2.2/24 fd00::2/64 fe80::fc:ff:fe00:1/64
                team0            UP             198.51.100.4/24
                bond0.10@bond0   UP             203.0.113.5/24
                eth1             DOWN
                """;
        var readings = HostFactsPlaybook.readings(raw(Map.of("Read network addresses", ip), List.of("eth0", "bond0.10")), ROLE);
        assertThat(readings.facts().nics()).containsExactly(
                new Nic("eth0", List.of("192.0.2.2/24", "fd00::2/64")),
                new Nic("bond0.10", List.of("203.0.113.5/24")));
    }

    @Test
    void withoutTheRolesAnswerEveryUpInterfaceIsOfferedAndTheSourceSaysSo() {
        String ip = "lo UNKNOWN 127.0.0.1/8\neth0 UP 192.0.2.2/24\neth1 DOWN\n";
        var readings = HostFactsPlaybook.readings(raw(Map.of("Read network addresses", ip), null), ROLE);
        assertThat(readings.facts().nics()).extracting(Nic::name).containsExactly("eth0");
        assertThat(readings.nicSource()).isEqualTo(NicSource.UNFILTERED);
    }

    @Test
    void routeSpaceClockToolsProxyAndTraces() {
        var r = HostFactsPlaybook.readings(raw(Map.of(
                "Read default route", "[{\"dst\":\"default\",\"gateway\":\"192.0.2.1\",\"dev\":\"eth0\",\"flags\":[]}]",
                "Read free space for the local VM", "Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/vda 100 40 60 40% /\n",
                "Read clock synchronization", "NTPSynchronized=no\nTimezone=Asia/Tokyo\n",
                "Find deployment tools", "/usr/sbin/hosted-engine\nmissing:vdsm-client\n",
                "Read proxy settings", "HTTPS_PROXY=http://proxy:3128\nno_proxy=.example.com\n",
                "Look for an earlier deployment", "localvm:/var/tmp/localvmab12\n",
                "Read CPU virtualization flags", "vmx\n"), List.of()), ROLE);
        assertThat(r.facts().defaultGateway()).contains("192.0.2.1");
        assertThat(r.facts().defaultRouteNic()).contains("eth0");
        assertThat(r.localVmDirFreeBytes()).contains(60L);
        assertThat(r.clockSynchronized()).contains(false);
        assertThat(r.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(r.missingTools()).contains(List.of("vdsm-client"));
        assertThat(r.proxyEnvironment()).containsEntry("https_proxy", "http://proxy:3128").containsEntry("no_proxy", ".example.com");
        assertThat(r.earlierDeployment()).containsExactly("localvm:/var/tmp/localvmab12");
        assertThat(r.cpuVirtualization()).contains(true);
        assertThat(r.readAt()).isEqualTo(Instant.parse("2026-11-25T20:00:00Z"));
    }

    @Test
    void aProxysUserAndPasswordAreNeverKept() throws Exception {
        // The facts playbook's own command, run as Ansible's shell module would, with a proxy that has credentials.
        var m = java.util.regex.Pattern.compile("- name: Read proxy settings\\s+ansible\\.builtin\\.shell: (.+)")
                .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("../playbooks/host_facts.yml")));
        String command = m.find() ? m.group(1) : null;
        assertThat(command).isNotNull();
        var pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        pb.environment().put("https_proxy", "http://alice:S3cret%21@proxy.example.com:3128/");
        pb.environment().put("NO_PROXY", ".example.com");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out).contains("https_proxy=http://********@proxy.example.com:3128/").doesNotContain("alice").doesNotContain("S3cret");

        // A cache written before the playbook masked them is masked when read.
        var r = HostFactsPlaybook.readings(raw(Map.of("Read proxy settings", "http_proxy=http://bob:pw@proxy:3128\n"), List.of()), ROLE);
        assertThat(r.proxyEnvironment()).containsEntry("http_proxy", "http://********@proxy:3128");
    }

    @Test
    void whatCouldNotBeReadStaysUnknown() {
        var r = HostFactsPlaybook.readings(raw(Map.of(), List.of()), ROLE);
        assertThat(r.clockSynchronized()).isEmpty();
        assertThat(r.cpuVirtualization()).isEmpty();
        assertThat(r.missingTools()).isEmpty();
        assertThat(r.localVmDirFreeBytes()).isEmpty();
        assertThat(r.facts().defaultGateway()).isEmpty();
        assertThat(HostFactsPlaybook.parseTimeZone("", "UTC+0000\nEtc/UTC\n")).isEqualTo("Etc/UTC (UTC+0000)");
    }
}
