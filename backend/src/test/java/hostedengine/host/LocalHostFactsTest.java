package hostedengine.host;

import hostedengine.wizard.HostFacts.Nic;
import hostedengine.wizard.RoleDefaults;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class LocalHostFactsTest {

    private static final RoleDefaults ROLE = new RoleDefaults(4096, 512, 200, 50, 61, "test");

    @Test
    void countsProcessorLinesAsTheRoleGrepDoes() {
        String cpuinfo = """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R)

                processor\t: 1
                vendor_id\t: GenuineIntel

                processor\t: 2
                """;
        assertThat(LocalHostFacts.countProcessors(cpuinfo)).isEqualTo(3);
    }

    @Test
    void availableMemoryIsFreePlusBuffCacheMinusReservedPlusGrace() {
        // free -m on this sample prints free 23148 and buff/cache 817 (each truncated to MiB)
        String meminfo = """
                MemTotal:       24683520 kB
                MemFree:        23704048 kB
                MemAvailable:   24231936 kB
                Buffers:           15484 kB
                Cached:           606916 kB
                SwapCached:            0 kB
                Shmem:              8192 kB
                SReclaimable:     214320 kB
                SUnreclaim:        50000 kB
                HugePages_Total:       0
                """;
        assertThat(LocalHostFacts.availableMemoryMb(meminfo, ROLE)).isEqualTo(23148 + 817 - 512 + 200);
    }

    @Test
    void availableMemoryUsesTheRolesOwnConstants() {
        String meminfo = "MemFree: 10240 kB\nBuffers: 0 kB\nCached: 2048 kB\nSReclaimable: 0 kB\n";
        var role = new RoleDefaults(4096, 1000, 0, 50, 61, "test");
        assertThat(LocalHostFacts.availableMemoryMb(meminfo, role)).isEqualTo(10 + 2 - 1000);
    }

    @Test
    void nicsAreUpNonLoopbackInterfacesWithCidrAddresses() throws IOException {
        String json = """
                [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"operstate":"UNKNOWN",
                  "addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host"}]},
                 {"ifindex":2,"ifname":"ifb0","flags":["BROADCAST","NOARP"],"operstate":"DOWN","addr_info":[]},
                 {"ifindex":4,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"operstate":"UP",
                  "addr_info":[{"family":"inet","local":"192.0.2.2","prefixlen":24,"scope":"global"},
                               {"family":"inet6","local":"fd00::2","prefixlen":64,"scope":"global"},
                               {"family":"inet6","local":"fe80::fc:ff:fe00:1","prefixlen":64,"scope":"link"}]},
                 {"ifindex":5,"ifname":"ovirtmgmt","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"operstate":"UP",
                  "addr_info":[{"family":"inet","local":"10.0.0.5","prefixlen":16,"scope":"global"}]}]
                """;
        assertThat(LocalHostFacts.parseIpAddrJson(json)).containsExactly(
                new Nic("eth0", java.util.List.of("192.0.2.2/24", "fd00::2/64")),
                new Nic("ovirtmgmt", java.util.List.of("10.0.0.5/16")));
    }

    @Test
    void interfaceWithUpFlagButNoCarrierIsLeftOut() throws IOException {
        String json = """
                [{"ifname":"eth1","flags":["NO-CARRIER","BROADCAST","UP"],"operstate":"DOWN","addr_info":[]}]
                """;
        assertThat(LocalHostFacts.parseIpAddrJson(json)).isEmpty();
    }

    @Test
    void defaultRouteGatewayIsDecodedFromLittleEndianHex() {
        String route = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
                eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                """;
        assertThat(LocalHostFacts.parseDefaultRoute(route))
                .contains(new LocalHostFacts.DefaultRoute("192.0.2.1", "eth0"));
    }

    @Test
    void defaultRouteWithLowestMetricWins() {
        String route = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
                eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
                """;
        assertThat(LocalHostFacts.parseDefaultRoute(route))
                .contains(new LocalHostFacts.DefaultRoute("10.0.0.1", "eth0"));
    }

    @Test
    void noDefaultRouteGivesEmpty() {
        String route = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                """;
        assertThat(LocalHostFacts.parseDefaultRoute(route)).isEmpty();
        assertThat(LocalHostFacts.parseDefaultRoute("")).isEmpty();
    }
}
