package hostedengine.wizard;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The answers a fresh wizard starts with on a given host (FIELDS.md, "Default" column). */
public final class Defaults {
    private Defaults() {}

    static final int DEFAULT_VCPUS = 4;
    static final long DEFAULT_MEMORY_MB = 16384;

    /** The answers a fresh wizard starts with on this host. */
    public static Answers forHost(HostFacts facts, RandomGenerator random) {
        Map<Field, String> v = new EnumMap<>(Field.class);
        v.put(Field.MAC_ADDRESS, randomMac(random));
        v.put(Field.NETWORK_CONFIGURATION, NetworkConfiguration.DHCP.value());
        v.put(Field.VM_IP_PREFIX, "24");
        facts.defaultGateway().ifPresent(gw -> v.put(Field.GATEWAY_ADDRESS, gw));
        bridgeInterface(facts).ifPresent(nic -> v.put(Field.BRIDGE_INTERFACE, nic));
        v.put(Field.ROOT_SSH_ACCESS, "yes");
        v.put(Field.VCPUS, String.valueOf(Math.max(1, Math.min(DEFAULT_VCPUS, facts.vcpus()))));
        v.put(Field.MEMORY_SIZE_MB, String.valueOf(Math.min(DEFAULT_MEMORY_MB, facts.availableMemoryMb())));
        v.put(Field.EDIT_HOSTS_FILE, "true");
        v.put(Field.BRIDGE_NAME, "ovirtmgmt");
        v.put(Field.HOST_FQDN, facts.hostFqdn() == null ? "" : facts.hostFqdn());
        v.put(Field.NETWORK_TEST, NetworkTest.DNS.value());
        v.put(Field.PAUSE_HOST, "false");
        v.put(Field.APPLY_OPENSCAP_PROFILE, "false");

        v.put(Field.SMTP_SERVER, "localhost");
        v.put(Field.SMTP_PORT, "25");
        v.put(Field.SOURCE_EMAIL, "root@localhost");
        v.put(Field.DEST_EMAILS, "root@localhost");

        v.put(Field.STORAGE_TYPE, StorageType.NFS.value());
        v.put(Field.NFS_VERSION, "auto");
        v.put(Field.STORAGE_DOMAIN_NAME, "hosted_storage");
        v.put(Field.ISCSI_PORTAL_PORT, "3260");
        v.put(Field.DISK_SIZE_GB, String.valueOf(facts.role().defaultDiskGb()));
        v.put(Field.DISCARD, "false");
        return Answers.of(v);
    }

    /**
     * 00:16:3e is the prefix oVirt and Xen use for VMs; the 4th octet is kept at or below
     * 0x7f as oVirt's own generator does (the upper half is left to other MAC pools).
     */
    static String randomMac(RandomGenerator random) {
        return String.format("00:16:3e:%02x:%02x:%02x",
                random.nextInt(0x80), random.nextInt(0x100), random.nextInt(0x100));
    }

    private static java.util.Optional<String> bridgeInterface(HostFacts facts) {
        if (facts.nics().size() == 1) return java.util.Optional.of(facts.nics().get(0).name());
        return facts.defaultRouteNic().filter(nic -> facts.nic(nic).isPresent());
    }
}
