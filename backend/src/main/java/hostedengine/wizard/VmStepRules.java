package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The VM step's rules (FIELDS.md, "VM step"). */
final class VmStepRules {
    /** Below this the engine runs, but slowly: the guide's recommended size. */
    static final long RECOMMENDED_MEMORY_MB = 16384;
    static final int MAX_DNS_SERVERS = 3;

    private final HostFacts facts;
    private final Predicate<String> existsOnHost;

    VmStepRules(HostFacts facts, Predicate<String> existsOnHost) {
        this.facts = facts;
        this.existsOnHost = existsOnHost;
    }

    void check(Checker c) {
        fqdn(c, ENGINE_VM_FQDN, true);
        c.must(c.required(MAC_ADDRESS), MAC_ADDRESS, Syntax::isMac, ErrorKeys.MAC);
        bridgeInterface(c);
        Optional<String> network = c.choice(NETWORK_CONFIGURATION, Choices.fixed(NETWORK_CONFIGURATION));
        if (network.flatMap(NetworkConfiguration::of).filter(NetworkConfiguration.STATIC::equals).isPresent()) {
            staticAddress(c);
        } else {
            c.must(c.optional(GATEWAY_ADDRESS), GATEWAY_ADDRESS, IpLiteral::isLiteral, ErrorKeys.IP_LITERAL);
        }
        passwords(c, ROOT_PASSWORD, ROOT_PASSWORD_CONFIRM);
        c.choice(ROOT_SSH_ACCESS, Choices.fixed(ROOT_SSH_ACCESS));
        c.integer(VCPUS, 1, Math.max(1, facts.vcpus()));
        c.integer(MEMORY_SIZE_MB, facts.role().minimalMemMb(), facts.availableMemoryMb())
                .filter(mb -> mb < RECOMMENDED_MEMORY_MB)
                .ifPresent(mb -> c.warn(MEMORY_SIZE_MB, ErrorKeys.MEMORY_BELOW_RECOMMENDED, RECOMMENDED_MEMORY_MB));
        c.must(c.optional(ROOT_SSH_PUBLIC_KEY), ROOT_SSH_PUBLIC_KEY, Syntax::isSshPublicKey, ErrorKeys.SSH_PUBLIC_KEY);
        c.bool(EDIT_HOSTS_FILE);
        c.must(c.required(BRIDGE_NAME), BRIDGE_NAME, Syntax::isInterfaceName, ErrorKeys.INTERFACE_NAME);
        hostFqdn(c);
        networkTest(c);
        applianceOva(c);
        c.bool(PAUSE_HOST);
        c.bool(APPLY_OPENSCAP_PROFILE);
    }

    /** RFC 1123 with a dot; localhost gets its own message, since it passes as a name. */
    static void fqdn(Checker c, Field field, boolean needsDot) {
        Optional<String> value = c.required(field);
        if (value.isEmpty()) return;
        if (Syntax.isLocalhost(value.get())) c.fail(field, ErrorKeys.LOCALHOST);
        else if (needsDot ? !Syntax.isFqdn(value.get()) : !Syntax.isHostNameOrIp(value.get())) {
            c.fail(field, needsDot ? ErrorKeys.FQDN : ErrorKeys.HOST_NAME);
        }
    }

    private static void hostFqdn(Checker c) { fqdn(c, HOST_FQDN, false); }

    static void passwords(Checker c, Field password, Field confirmation) {
        Optional<String> typed = c.required(password);
        c.optional(confirmation);
        String again = c.answers().get(confirmation);
        if (typed.isPresent() && !typed.get().equals(again)) c.fail(confirmation, ErrorKeys.PASSWORD_MISMATCH);
    }

    private void bridgeInterface(Checker c) {
        Optional<String> nic = c.must(c.required(BRIDGE_INTERFACE), BRIDGE_INTERFACE,
                Syntax::isInterfaceName, ErrorKeys.INTERFACE_NAME);
        if (nic.isPresent() && facts.nic(nic.get()).isEmpty()) {
            c.fail(BRIDGE_INTERFACE, ErrorKeys.NIC, String.join(", ", nicNames()));
        }
    }

    private List<String> nicNames() { return facts.nics().stream().map(HostFacts.Nic::name).toList(); }

    private void staticAddress(Checker c) {
        Optional<IpLiteral> ip = c.required(VM_IP_ADDRESS).flatMap(text -> {
            Optional<IpLiteral> parsed = IpLiteral.parse(text);
            if (parsed.isEmpty()) c.fail(VM_IP_ADDRESS, ErrorKeys.IP_LITERAL);
            return parsed;
        });
        Optional<Long> prefix = prefix(c, ip);
        Optional<IpLiteral.WithPrefix> vmSubnet = ip.isPresent() && prefix.isPresent()
                ? Optional.of(new IpLiteral.WithPrefix(ip.get(), prefix.get().intValue()))
                : Optional.empty();
        vmSubnet.ifPresent(subnet -> sameSubnetAsHost(c, subnet));
        gateway(c, vmSubnet);
        dnsServers(c);
    }

    private static Optional<Long> prefix(Checker c, Optional<IpLiteral> ip) {
        Optional<Long> prefix = c.integer(VM_IP_PREFIX, 1, 128);
        int max = ip.map(IpLiteral::bits).orElse(128);
        if (prefix.isPresent() && prefix.get() > max) {
            c.fail(VM_IP_PREFIX, ErrorKeys.PREFIX, max);
            return Optional.empty();
        }
        return prefix;
    }

    /** The guide: the VM's address must lie in the host's subnet on the management bridge (chapter 2). */
    private void sameSubnetAsHost(Checker c, IpLiteral.WithPrefix vm) {
        IpLiteral ip = vm.address();
        if (ip.isNetworkAddress(vm.prefix())) {
            c.fail(VM_IP_ADDRESS, ErrorKeys.NETWORK_ADDRESS);
            return;
        }
        if (ip.isBroadcastAddress(vm.prefix())) {
            c.fail(VM_IP_ADDRESS, ErrorKeys.BROADCAST_ADDRESS);
            return;
        }
        if (c.failed(BRIDGE_INTERFACE)) return; // no host subnet to compare with; the NIC has its own error
        HostFacts.Nic nic = facts.nic(c.answers().get(BRIDGE_INTERFACE)).orElseThrow();
        List<IpLiteral.WithPrefix> hostAddresses = nic.addresses().stream()
                .map(IpLiteral.WithPrefix::parse).flatMap(Optional::stream)
                .filter(a -> a.address().isV4() == ip.isV4()).toList();
        if (hostAddresses.isEmpty()) {
            c.fail(VM_IP_ADDRESS, ErrorKeys.NO_HOST_ADDRESS, nic.name());
        } else if (hostAddresses.stream().anyMatch(a -> a.address().equals(ip))) {
            c.fail(VM_IP_ADDRESS, ErrorKeys.HOST_OWN_ADDRESS);
        } else if (hostAddresses.stream().noneMatch(a -> a.contains(ip))) {
            c.fail(VM_IP_ADDRESS, ErrorKeys.SUBNET, nic.name(), String.join(", ", nic.addresses()));
        }
    }

    private static void gateway(Checker c, Optional<IpLiteral.WithPrefix> vmSubnet) {
        Optional<IpLiteral> gateway = c.required(GATEWAY_ADDRESS).flatMap(text -> {
            Optional<IpLiteral> parsed = IpLiteral.parse(text);
            if (parsed.isEmpty()) c.fail(GATEWAY_ADDRESS, ErrorKeys.IP_LITERAL);
            return parsed;
        });
        if (gateway.isEmpty() || vmSubnet.isEmpty()) return;
        if (gateway.get().equals(vmSubnet.get().address())) {
            c.fail(GATEWAY_ADDRESS, ErrorKeys.GATEWAY_IS_VM_ADDRESS);
        } else if (!vmSubnet.get().contains(gateway.get())) {
            c.fail(GATEWAY_ADDRESS, ErrorKeys.GATEWAY_SUBNET, vmSubnet.get());
        }
    }

    private static void dnsServers(Checker c) {
        Optional<String> value = c.required(DNS_SERVERS);
        if (value.isEmpty()) return;
        String[] entries = value.get().split(",", -1);
        if (entries.length > MAX_DNS_SERVERS) {
            c.fail(DNS_SERVERS, ErrorKeys.DNS_COUNT, MAX_DNS_SERVERS);
            return;
        }
        for (String entry : entries) {
            if (!IpLiteral.isLiteral(entry.strip())) {
                c.fail(DNS_SERVERS, ErrorKeys.DNS_ENTRY, entry.strip());
                return;
            }
        }
    }

    private static void networkTest(Checker c) {
        Optional<String> test = c.choice(NETWORK_TEST, Choices.fixed(NETWORK_TEST));
        if (test.flatMap(NetworkTest::of).filter(NetworkTest.TCP::equals).isEmpty()) return;
        c.must(c.required(TCP_TEST_ADDRESS), TCP_TEST_ADDRESS, Syntax::isHostNameOrIp, ErrorKeys.HOST_NAME);
        c.integer(TCP_TEST_PORT, 1, 65535);
    }

    private void applianceOva(Checker c) {
        Optional<String> path = c.must(c.optional(APPLIANCE_OVA), APPLIANCE_OVA,
                p -> Syntax.isSafeAbsolutePath(p) && p.endsWith(".ova") && p.length() > ".ova".length() + 1,
                ErrorKeys.OVA_PATH);
        if (path.isPresent() && !existsOnHost.test(path.get())) c.fail(APPLIANCE_OVA, ErrorKeys.OVA_MISSING, path.get());
    }
}
