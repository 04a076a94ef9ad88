package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static VM address must lie in the subnet of the host's address on the bridge interface. */
class StaticIpTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    private VmStepPage vm;
    private HostSubnet subnet;
    private String gateway;

    @BeforeEach
    void openVmStepWithStaticNetwork() throws IOException {
        vm = wizard.start().fillValid(TestAnswers.valid());
        JsonNode facts = new ObjectMapper().readTree(SessionHttp.get(wizard, "/api/host/facts").body());
        String nic = vm.selected("bridgeInterface");
        subnet = HostSubnet.of(facts, nic);
        gateway = facts.path("defaultGateway").asText();
        vm.chooseStatic();
    }

    @Test
    void dhcpHidesTheStaticAddressFields() {
        assertThat(vm.staticSectionVisible()).isTrue();
        vm.chooseDhcp();
        assertThat(vm.staticSectionVisible()).isFalse();
    }

    @Test
    void staticIpInsideHostSubnetIsAccepted() {
        String address = subnet.otherHostAddress();
        EngineStepPage engine = vm.fillVmIp(address)
                .fillVmIpPrefix(String.valueOf(subnet.prefix()))
                .fillGateway(gateway)
                .fillDnsServers(gateway)
                .next();

        PrepareReviewPage review = engine.fillValid(TestAnswers.valid()).next();
        assertThat(review.reviewValue("he_vm_ip_addr")).isEqualTo(address);
        assertThat(review.reviewValue("he_vm_ip_prefix")).isEqualTo(String.valueOf(subnet.prefix()));
        assertThat(review.reviewValue("he_gateway")).isEqualTo(gateway);
    }

    @Test
    void staticIpOutsideHostSubnetIsRejected() {
        vm.fillVmIp(subnet.addressOutside())
                .fillVmIpPrefix(String.valueOf(subnet.prefix()))
                .fillGateway(gateway)
                .fillDnsServers(gateway);
        String live = vm.fieldError("vmIpAddress");

        VmStepPage submitted = vm.nextExpectingErrors();

        assertThat(submitted.fieldError("vmIpAddress")).isEqualTo(live);
        assertThat(submitted.errorSummaryTargets()).contains("vmIpAddress");
    }

    @Test
    void hostNameIsNotAcceptedAsStaticIp() {
        vm.fillVmIp("manager.example.com");
        assertThat(vm.fieldError("vmIpAddress")).isNotBlank();
        assertThat(vm.isMarkedInvalid("vmIpAddress")).isTrue();
    }

    /** The host's IPv4 address and prefix on one NIC, from /api/host/facts. */
    record HostSubnet(int address, int prefix) {
        static HostSubnet of(JsonNode facts, String nic) throws IOException {
            for (JsonNode n : facts.path("nics")) {
                if (!n.path("name").asText().equals(nic)) {
                    continue;
                }
                for (JsonNode a : n.path("addresses")) {
                    String[] parts = a.asText().split("/");
                    if (parts[0].contains(".")) {
                        int ip = ByteBuffer.wrap(InetAddress.getByName(parts[0]).getAddress()).getInt();
                        return new HostSubnet(ip, Integer.parseInt(parts[1]));
                    }
                }
            }
            throw new AssertionError("no IPv4 address for " + nic + " in " + facts);
        }

        private int mask() {
            return prefix == 0 ? 0 : -1 << (32 - prefix);
        }

        /** Another usable address of the same subnet (not network, broadcast or the host's own). */
        String otherHostAddress() {
            int network = address & mask();
            int broadcast = network | ~mask();
            int candidate = address + 1 < broadcast ? address + 1 : address - 1;
            if (candidate == network) {
                throw new AssertionError("subnet too small for a second host");
            }
            return dotted(candidate);
        }

        /** An address in the next subnet up: outside the host's subnet. */
        String addressOutside() {
            int size = ~mask() + 1;
            return dotted((address & mask()) + size + 1);
        }

        private static String dotted(int ip) {
            return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
        }
    }
}
