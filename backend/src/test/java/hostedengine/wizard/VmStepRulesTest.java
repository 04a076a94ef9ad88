package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static hostedengine.wizard.Fixtures.keys;
import static hostedengine.wizard.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Over 300 lines: one case (or table of cases) per rule of the VM step, each rule next to its neighbours.
class VmStepRulesTest {

    @Test
    void validAnswersPassEveryStep() {
        assertThat(Fixtures.rules().checkAll(valid(), Fixtures.devices())).isEmpty();
    }

    @Test
    void checkReportsOnlyTheFieldsOfTheStepAsked() {
        Answers bad = valid().with(ENGINE_VM_FQDN, "").with(SMTP_PORT, "0").with(DISK_SIZE_GB, "1");
        assertThat(Fixtures.rules().check(Step.ENGINE, bad, Fixtures.devices()))
                .extracting(FieldError::field).containsExactly(SMTP_PORT);
    }

    @Test
    void checkAllReportsStepsInOrder() {
        Answers bad = valid().with(ENGINE_VM_FQDN, "").with(SMTP_PORT, "0").with(DISK_SIZE_GB, "1");
        assertThat(Fixtures.rules().checkAll(bad, Fixtures.devices()))
                .extracting(FieldError::field).containsExactly(ENGINE_VM_FQDN, SMTP_PORT, DISK_SIZE_GB);
    }

    // Engine VM FQDN

    @ParameterizedTest
    @ValueSource(strings = {"manager.example.com", "he-1.lab.example.org", "a.b", "MANAGER.Example.COM"})
    void wellFormedFqdnIsAccepted(String fqdn) {
        assertThat(keys(valid().with(ENGINE_VM_FQDN, fqdn), ENGINE_VM_FQDN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "manager.example.com;touch /tmp/x", "-bad.example.com", "bad-.example.com",
            "under_score.example.com", "manager..example.com", "manager.example.com.", ".example.com",
            "192.168.1.20", "manager.example.com $(id)", "{{ 7*7 }}.example.com", "mañana.example.com"})
    void malformedFqdnIsRejected(String fqdn) {
        assertThat(keys(valid().with(ENGINE_VM_FQDN, fqdn), ENGINE_VM_FQDN)).containsExactly("error.fqdn");
    }

    @Test
    void fqdnLabelLongerThan63IsRejected() {
        String fqdn = "a".repeat(64) + ".example.com";
        assertThat(keys(valid().with(ENGINE_VM_FQDN, fqdn), ENGINE_VM_FQDN)).containsExactly("error.fqdn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost.localdomain", "LOCALHOST"})
    void localhostIsRejectedAsEngineFqdn(String fqdn) {
        assertThat(keys(valid().with(ENGINE_VM_FQDN, fqdn), ENGINE_VM_FQDN)).containsExactly("error.localhost");
    }

    @Test
    void missingFqdnIsRequired() {
        assertThat(keys(valid().with(ENGINE_VM_FQDN, null), ENGINE_VM_FQDN)).containsExactly("error.required");
        assertThat(keys(valid().with(ENGINE_VM_FQDN, "   "), ENGINE_VM_FQDN)).containsExactly("error.required");
    }

    // MAC address

    @ParameterizedTest
    @ValueSource(strings = {"00:16:3e:12:34:56", "00:16:3E:7F:AB:CD", "02:00:00:00:00:01"})
    void unicastMacIsAccepted(String mac) {
        assertThat(keys(valid().with(MAC_ADDRESS, mac), MAC_ADDRESS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01:16:3e:12:34:56", "00-16-3e-12-34-56", "00:16:3e:12:34", "0016.3e12.3456",
            "00:16:3e:12:34;id", "00:16:3e:12:34:5g", "ff:ff:ff:ff:ff:ff"})
    void multicastOrMalformedMacIsRejected(String mac) {
        assertThat(keys(valid().with(MAC_ADDRESS, mac), MAC_ADDRESS)).containsExactly("error.mac");
    }

    // Network configuration

    @Test
    void unknownNetworkConfigurationIsRejected() {
        assertThat(keys(valid().with(NETWORK_CONFIGURATION, "manual"), NETWORK_CONFIGURATION))
                .containsExactly("error.choice");
    }

    @Test
    void dhcpSkipsTheStaticFields() {
        Answers dhcp = valid().with(NETWORK_CONFIGURATION, "dhcp").with(VM_IP_ADDRESS, "not an ip")
                .with(VM_IP_PREFIX, "99").with(DNS_SERVERS, "dns.example.com");
        assertThat(Fixtures.rules().check(Step.VM, dhcp, Fixtures.devices())).isEmpty();
    }

    @Test
    void dhcpStillRefusesAGatewayThatIsNotAnAddress() {
        Answers dhcp = valid().with(NETWORK_CONFIGURATION, "dhcp").with(GATEWAY_ADDRESS, "gw.example.com");
        assertThat(keys(dhcp, GATEWAY_ADDRESS)).containsExactly("error.ipLiteral");
        assertThat(keys(dhcp.with(GATEWAY_ADDRESS, ""), GATEWAY_ADDRESS)).isEmpty();
    }

    // Static VM address

    @ParameterizedTest
    @ValueSource(strings = {"manager.example.com", "192.168.1", "192.168.1.256", "192.168.01.20", "192.168.1.20/24",
            " 192.168.1.20", "fd00:1::20%eth0", "fd00:1:::20", "1.2.3.4;id"})
    void staticIpThatIsNotALiteralAddressIsRejected(String ip) {
        assertThat(keys(valid().with(VM_IP_ADDRESS, ip), VM_IP_ADDRESS)).containsExactly("error.ipLiteral");
    }

    @Test
    void staticIpOutsideHostSubnetIsRejected() {
        assertThat(keys(valid().with(VM_IP_ADDRESS, "192.168.2.20"), VM_IP_ADDRESS)).containsExactly("error.subnet");
    }

    @Test
    void subnetErrorNamesTheInterfaceAndItsAddresses() {
        List<FieldError> errors = Fixtures.rules().check(Step.VM, valid().with(VM_IP_ADDRESS, "10.9.9.9"),
                Fixtures.devices());
        assertThat(errors).filteredOn(e -> e.field() == VM_IP_ADDRESS).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("error.subnet");
            assertThat(e.args()).containsExactly("eth0", "192.168.1.5/24, fd00:1::5/64");
        });
    }

    @Test
    void staticIpIsComparedWithTheChosenBridgeInterface() {
        Answers onEth1 = valid().with(BRIDGE_INTERFACE, "eth1").with(VM_IP_ADDRESS, "10.0.3.7")
                .with(VM_IP_PREFIX, "16").with(GATEWAY_ADDRESS, "10.0.0.1");
        assertThat(Fixtures.rules().check(Step.VM, onEth1, Fixtures.devices())).isEmpty();
        assertThat(keys(onEth1.with(BRIDGE_INTERFACE, "eth0"), VM_IP_ADDRESS)).containsExactly("error.subnet");
    }

    @Test
    void staticIpOnABridgeWithoutAddressesOfThatFamilyIsRejected() {
        assertThat(keys(valid().with(BRIDGE_INTERFACE, "bond0.100"), VM_IP_ADDRESS))
                .containsExactly("error.noHostAddress");
    }

    @Test
    void staticIpv6InHostSubnetIsAccepted() {
        Answers v6 = valid().with(VM_IP_ADDRESS, "fd00:1::20").with(VM_IP_PREFIX, "64")
                .with(GATEWAY_ADDRESS, "fd00:1::1").with(DNS_SERVERS, "fd00:1::2");
        assertThat(Fixtures.rules().check(Step.VM, v6, Fixtures.devices())).isEmpty();
    }

    @Test
    void networkAndBroadcastAddressesAreRejected() {
        assertThat(keys(valid().with(VM_IP_ADDRESS, "192.168.1.0"), VM_IP_ADDRESS))
                .containsExactly("error.networkAddress");
        assertThat(keys(valid().with(VM_IP_ADDRESS, "192.168.1.255"), VM_IP_ADDRESS))
                .containsExactly("error.broadcastAddress");
        assertThat(keys(valid().with(VM_IP_ADDRESS, "fd00:1::").with(VM_IP_PREFIX, "64")
                .with(GATEWAY_ADDRESS, "fd00:1::1"), VM_IP_ADDRESS)).containsExactly("error.networkAddress");
    }

    @Test
    void theHostsOwnAddressIsRejected() {
        assertThat(keys(valid().with(VM_IP_ADDRESS, "192.168.1.5"), VM_IP_ADDRESS))
                .containsExactly("error.hostOwnAddress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "33", "-1"})
    void ipv4PrefixOutside1To32IsRejected(String prefix) {
        assertThat(keys(valid().with(VM_IP_PREFIX, prefix), VM_IP_PREFIX)).containsAnyOf("error.range", "error.prefix");
    }

    @Test
    void ipv6PrefixUpTo128IsAcceptedButNotBeyond() {
        Answers v6 = valid().with(VM_IP_ADDRESS, "fd00:1::20").with(GATEWAY_ADDRESS, "fd00:1::1");
        assertThat(keys(v6.with(VM_IP_PREFIX, "64"), VM_IP_PREFIX)).isEmpty();
        assertThat(keys(v6.with(VM_IP_PREFIX, "129"), VM_IP_PREFIX)).containsExactly("error.range");
        assertThat(keys(valid().with(VM_IP_PREFIX, "64"), VM_IP_PREFIX)).containsExactly("error.prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a", "2.4", " 24", "x"})
    void prefixThatIsNotAWholeNumberIsRejected(String prefix) {
        assertThat(keys(valid().with(VM_IP_PREFIX, prefix), VM_IP_PREFIX)).containsExactly("error.integer");
    }

    // Gateway

    @Test
    void gatewayOutsideTheVmSubnetIsRejected() {
        assertThat(keys(valid().with(GATEWAY_ADDRESS, "192.168.2.1"), GATEWAY_ADDRESS))
                .containsExactly("error.gatewaySubnet");
        assertThat(keys(valid().with(GATEWAY_ADDRESS, "fd00:1::1"), GATEWAY_ADDRESS))
                .containsExactly("error.gatewaySubnet");
    }

    @Test
    void gatewayMustBeALiteralAddress() {
        assertThat(keys(valid().with(GATEWAY_ADDRESS, "router.example.com"), GATEWAY_ADDRESS))
                .containsExactly("error.ipLiteral");
    }

    @Test
    void gatewayEqualToTheVmAddressIsRejected() {
        assertThat(keys(valid().with(GATEWAY_ADDRESS, "192.168.1.20"), GATEWAY_ADDRESS))
                .containsExactly("error.gatewayIsVmAddress");
    }

    @Test
    void staticNetworkNeedsAGateway() {
        assertThat(keys(valid().with(GATEWAY_ADDRESS, ""), GATEWAY_ADDRESS)).containsExactly("error.required");
    }

    // DNS

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "8.8.8.8,8.8.4.4", "8.8.8.8, 8.8.4.4, fd00::53"})
    void oneToThreeLiteralDnsServersAreAccepted(String dns) {
        assertThat(keys(valid().with(DNS_SERVERS, dns), DNS_SERVERS)).isEmpty();
    }

    @Test
    void moreThanThreeDnsServersAreRejected() {
        assertThat(keys(valid().with(DNS_SERVERS, "1.1.1.1,8.8.8.8,8.8.4.4,9.9.9.9"), DNS_SERVERS))
                .containsExactly("error.dnsCount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns.example.com", "8.8.8.8,", "8.8.8.8 8.8.4.4", ",8.8.8.8"})
    void dnsEntryThatIsNotALiteralAddressIsRejected(String dns) {
        assertThat(keys(valid().with(DNS_SERVERS, dns), DNS_SERVERS)).containsExactly("error.dnsEntry");
    }

    // Bridge interface

    @Test
    void bridgeInterfaceMustBeOneOfTheHostsNics() {
        List<FieldError> errors = Fixtures.rules().check(Step.VM, valid().with(BRIDGE_INTERFACE, "eth9"),
                Fixtures.devices());
        assertThat(errors).filteredOn(e -> e.field() == BRIDGE_INTERFACE).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("error.nic");
            assertThat(e.args()).containsExactly("eth0, eth1, bond0.100");
        });
    }

    @Test
    void bridgeInterfaceWithShellCharactersIsRejected() {
        assertThat(keys(valid().with(BRIDGE_INTERFACE, "eth0;id"), BRIDGE_INTERFACE))
                .containsExactly("error.interfaceName");
    }

    // Passwords

    @Test
    void rootPasswordConfirmationMustMatch() {
        assertThat(keys(valid().with(ROOT_PASSWORD_CONFIRM, "other"), ROOT_PASSWORD_CONFIRM))
                .containsExactly("error.passwordMismatch");
        assertThat(keys(valid().with(ROOT_PASSWORD_CONFIRM, ""), ROOT_PASSWORD_CONFIRM))
                .containsExactly("error.passwordMismatch");
    }

    @Test
    void rootPasswordIsRequired() {
        assertThat(keys(valid().with(ROOT_PASSWORD, "").with(ROOT_PASSWORD_CONFIRM, ""), ROOT_PASSWORD))
                .containsExactly("error.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ lookup('pipe','id') }}", "{% for x in y %}", "key: value", "- item",
            "pässwörd 密码 🔑", "  spaces around  ", "'\"`$(id)`;|&"})
    void passwordsAreTakenVerbatimWhateverTheyLookLike(String password) {
        Answers a = valid().with(ROOT_PASSWORD, password).with(ROOT_PASSWORD_CONFIRM, password);
        assertThat(keys(a, ROOT_PASSWORD)).isEmpty();
        assertThat(keys(a, ROOT_PASSWORD_CONFIRM)).isEmpty();
    }

    @Test
    void passwordWithControlCharactersIsRejected() {
        Answers a = valid().with(ROOT_PASSWORD, "abc\ndef").with(ROOT_PASSWORD_CONFIRM, "abc\ndef");
        assertThat(keys(a, ROOT_PASSWORD)).containsExactly("error.controlCharacters");
        assertThat(keys(a, ROOT_PASSWORD_CONFIRM)).containsExactly("error.controlCharacters");
    }

    // Root SSH access

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "without-password"})
    void rootSshAccessChoicesAreAccepted(String choice) {
        assertThat(keys(valid().with(ROOT_SSH_ACCESS, choice), ROOT_SSH_ACCESS)).isEmpty();
    }

    @Test
    void otherRootSshAccessIsRejected() {
        assertThat(keys(valid().with(ROOT_SSH_ACCESS, "root"), ROOT_SSH_ACCESS))
                .containsExactly("error.choice");
    }

    // vCPUs and memory

    @ParameterizedTest
    @ValueSource(strings = {"1", "8"})
    void vcpusWithinHostCountAreAccepted(String vcpus) {
        assertThat(keys(valid().with(VCPUS, vcpus), VCPUS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "9", "-4"})
    void vcpusOutsideOneToHostCountAreRejected(String vcpus) {
        assertThat(keys(valid().with(VCPUS, vcpus), VCPUS)).containsExactly("error.range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1a", "1.5", " 4", "4 ", "0x4", "+4", "٤"})
    void vcpusThatAreNotAWholeStringIntegerAreRejected(String vcpus) {
        assertThat(keys(valid().with(VCPUS, vcpus), VCPUS)).containsExactly("error.integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12abc", "16384.0", "16 GiB", "1e4"})
    void memoryThatIsNotAWholeStringIntegerIsRejected(String mb) {
        assertThat(keys(valid().with(MEMORY_SIZE_MB, mb), MEMORY_SIZE_MB)).containsExactly("error.integer");
    }

    @Test
    void memoryBetweenRoleMinimumAndAvailableIsAccepted() {
        assertThat(keys(valid().with(MEMORY_SIZE_MB, "30000"), MEMORY_SIZE_MB)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4095", "30001", "0"})
    void memoryOutsideRoleMinimumAndAvailableIsRejected(String mb) {
        List<FieldError> errors = Fixtures.rules().check(Step.VM, valid().with(MEMORY_SIZE_MB, mb), Fixtures.devices());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("error.range");
            assertThat(e.args()).containsExactly("4096", "30000");
        });
    }

    @Test
    void memoryBelowRecommendedIsOnlyAWarning() {
        List<FieldError> errors = Fixtures.rules().check(Step.VM, valid().with(MEMORY_SIZE_MB, "8192"),
                Fixtures.devices());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("error.memoryBelowRecommended");
            assertThat(e.blocking()).isFalse();
            assertThat(e.args()).containsExactly("16384");
        });
    }

    // SSH public key

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbK0H1OoCvzJTRqB9h1Ov2AXQzpYnYjB0bZq5Yj3kqZ admin@ws";

    @Test
    void openSshPublicKeyLineIsAccepted() {
        assertThat(keys(valid().with(ROOT_SSH_PUBLIC_KEY, ED25519), ROOT_SSH_PUBLIC_KEY)).isEmpty();
        assertThat(keys(valid().with(ROOT_SSH_PUBLIC_KEY, ""), ROOT_SSH_PUBLIC_KEY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-dss AAAAB3NzaC1kc3MAAACBAP admin", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIHbK0H1OoCvzJTRqB9h1Ov2AXQzpYnYjB0bZq5Yj3kqZ",
            "-----BEGIN OPENSSH PRIVATE KEY-----", "ssh-ed25519 not*base64", "ssh-ed25519"})
    void somethingElseThanOnePublicKeyIsRejected(String key) {
        assertThat(keys(valid().with(ROOT_SSH_PUBLIC_KEY, key), ROOT_SSH_PUBLIC_KEY))
                .containsExactly("error.sshPublicKey");
    }

    @Test
    void twoKeyLinesAreRejected() {
        assertThat(keys(valid().with(ROOT_SSH_PUBLIC_KEY, ED25519 + "\n" + ED25519), ROOT_SSH_PUBLIC_KEY))
                .containsExactly("error.controlCharacters");
    }

    // Bridge name, host FQDN

    @ParameterizedTest
    @ValueSource(strings = {"ovirtmgmt", "mgmt_br-0.1", "a23456789012345"})
    void linuxInterfaceNameIsAcceptedAsBridgeName(String name) {
        assertThat(keys(valid().with(BRIDGE_NAME, name), BRIDGE_NAME)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ovirt mgmt", "br;reboot", "brü"})
    void bridgeNameOutsideInterfaceCharactersIsRejected(String name) {
        assertThat(keys(valid().with(BRIDGE_NAME, name), BRIDGE_NAME)).containsExactly("error.interfaceName");
    }

    @Test
    void bridgeNameLongerThan15IsTooLong() {
        assertThat(keys(valid().with(BRIDGE_NAME, "a234567890123456"), BRIDGE_NAME)).containsExactly("error.tooLong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host1.example.com", "host1", "192.168.1.5"})
    void hostFqdnAcceptsAHostNameOrAddress(String host) {
        assertThat(keys(valid().with(HOST_FQDN, host), HOST_FQDN)).isEmpty();
    }

    @Test
    void hostFqdnRejectsLocalhostAndShellText() {
        assertThat(keys(valid().with(HOST_FQDN, "localhost"), HOST_FQDN)).containsExactly("error.localhost");
        assertThat(keys(valid().with(HOST_FQDN, "host1;id"), HOST_FQDN)).containsExactly("error.hostName");
        assertThat(keys(valid().with(HOST_FQDN, ""), HOST_FQDN)).containsExactly("error.required");
    }

    // Network test

    @Test
    void tcpNetworkTestNeedsAddressAndPort() {
        Answers tcp = valid().with(NETWORK_TEST, "tcp");
        assertThat(keys(tcp, TCP_TEST_ADDRESS)).containsExactly("error.required");
        assertThat(keys(tcp, TCP_TEST_PORT)).containsExactly("error.required");
        Answers complete = tcp.with(TCP_TEST_ADDRESS, "www.example.com").with(TCP_TEST_PORT, "443");
        assertThat(Fixtures.rules().check(Step.VM, complete, Fixtures.devices())).isEmpty();
    }

    @Test
    void tcpTestPortOutsideRangeIsRejected() {
        Answers tcp = valid().with(NETWORK_TEST, "tcp").with(TCP_TEST_ADDRESS, "10.0.0.1");
        assertThat(keys(tcp.with(TCP_TEST_PORT, "0"), TCP_TEST_PORT)).containsExactly("error.range");
        assertThat(keys(tcp.with(TCP_TEST_PORT, "65536"), TCP_TEST_PORT)).containsExactly("error.range");
        assertThat(keys(tcp.with(TCP_TEST_PORT, "70000"), TCP_TEST_PORT)).containsExactly("error.range");
    }

    @Test
    void tcpFieldsAreIgnoredForOtherTests() {
        assertThat(keys(valid().with(NETWORK_TEST, "ping").with(TCP_TEST_PORT, "x"), TCP_TEST_PORT)).isEmpty();
    }

    @Test
    void unknownNetworkTestIsRejected() {
        assertThat(keys(valid().with(NETWORK_TEST, "http"), NETWORK_TEST)).containsExactly("error.choice");
    }

    // Appliance OVA

    @Test
    void existingOvaPathIsAccepted() {
        assertThat(keys(valid().with(APPLIANCE_OVA, Fixtures.OVA), APPLIANCE_OVA)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"appliance.ova", "/tmp/appliance.qcow2", "/tmp/../etc/x.ova", "/tmp/my appliance.ova",
            "/tmp/a.ova;id", "/tmp/$(id).ova", "/.ova"})
    void ovaPathOutsideTheWhitelistIsRejected(String path) {
        assertThat(keys(valid().with(APPLIANCE_OVA, path), APPLIANCE_OVA)).containsExactly("error.ovaPath");
    }

    @Test
    void ovaThatIsNotOnTheHostIsRejected() {
        assertThat(keys(valid().with(APPLIANCE_OVA, "/root/missing.ova"), APPLIANCE_OVA))
                .containsExactly("error.ovaMissing");
    }

    // Booleans

    @Test
    void booleanFieldsTakeOnlyTrueOrFalse() {
        assertThat(keys(valid().with(EDIT_HOSTS_FILE, "yes"), EDIT_HOSTS_FILE)).containsExactly("error.boolean");
        assertThat(keys(valid().with(PAUSE_HOST, "1"), PAUSE_HOST)).containsExactly("error.boolean");
        assertThat(keys(valid().with(APPLY_OPENSCAP_PROFILE, "TRUE"), APPLY_OPENSCAP_PROFILE))
                .containsExactly("error.boolean");
        assertThat(keys(valid().with(PAUSE_HOST, null), PAUSE_HOST)).isEmpty();
    }
}
