package hostedengine.wizard;

import java.util.Optional;

/**
 * Every answer the wizard asks for (FIELDS.md). The id is the form field's name and
 * HTML id, and the key of its label ({@code field.<id>.label}) and help text
 * ({@code field.<id>.help}) in the message bundles. Which role variables an answer
 * becomes is {@link RoleVariables}' business, not this enum's.
 */
public enum Field {
    // VM step
    ENGINE_VM_FQDN("engineVmFqdn", Step.VM, Kind.TEXT, 253),
    MAC_ADDRESS("macAddress", Step.VM, Kind.TEXT, 17),
    NETWORK_CONFIGURATION("networkConfiguration", Step.VM, Kind.CHOICE, 6),
    VM_IP_ADDRESS("vmIpAddress", Step.VM, Kind.TEXT, 45),
    VM_IP_PREFIX("vmIpPrefix", Step.VM, Kind.INTEGER, 3),
    GATEWAY_ADDRESS("gatewayAddress", Step.VM, Kind.TEXT, 45),
    DNS_SERVERS("dnsServers", Step.VM, Kind.TEXT, 200),
    BRIDGE_INTERFACE("bridgeInterface", Step.VM, Kind.CHOICE, 15),
    ROOT_PASSWORD("rootPassword", Step.VM, Kind.SECRET, 1024),
    ROOT_PASSWORD_CONFIRM("rootPasswordConfirm", Step.VM, Kind.SECRET, 1024),
    ROOT_SSH_ACCESS("rootSshAccess", Step.VM, Kind.CHOICE, 16),
    VCPUS("vcpus", Step.VM, Kind.INTEGER, 4),
    MEMORY_SIZE_MB("memorySizeMb", Step.VM, Kind.INTEGER, 8),
    ROOT_SSH_PUBLIC_KEY("rootSshPublicKey", Step.VM, Kind.TEXT, 16384),
    EDIT_HOSTS_FILE("editHostsFile", Step.VM, Kind.BOOLEAN, 5),
    BRIDGE_NAME("bridgeName", Step.VM, Kind.TEXT, 15),
    HOST_FQDN("hostFqdn", Step.VM, Kind.TEXT, 253),
    NETWORK_TEST("networkTest", Step.VM, Kind.CHOICE, 4),
    TCP_TEST_ADDRESS("tcpTestAddress", Step.VM, Kind.TEXT, 253),
    TCP_TEST_PORT("tcpTestPort", Step.VM, Kind.INTEGER, 5),
    APPLIANCE_OVA("applianceOva", Step.VM, Kind.TEXT, 4096),
    PAUSE_HOST("pauseHost", Step.VM, Kind.BOOLEAN, 5),
    APPLY_OPENSCAP_PROFILE("applyOpenscapProfile", Step.VM, Kind.BOOLEAN, 5),

    // Engine step
    ADMIN_PASSWORD("adminPassword", Step.ENGINE, Kind.SECRET, 1024),
    ADMIN_PASSWORD_CONFIRM("adminPasswordConfirm", Step.ENGINE, Kind.SECRET, 1024),
    SMTP_SERVER("smtpServer", Step.ENGINE, Kind.TEXT, 253),
    SMTP_PORT("smtpPort", Step.ENGINE, Kind.INTEGER, 5),
    SOURCE_EMAIL("sourceEmail", Step.ENGINE, Kind.TEXT, 254),
    DEST_EMAILS("destEmails", Step.ENGINE, Kind.TEXT, 800),

    // Storage step
    STORAGE_TYPE("storageType", Step.STORAGE, Kind.CHOICE, 9),
    STORAGE_CONNECTION("storageConnection", Step.STORAGE, Kind.TEXT, 1024),
    MOUNT_OPTIONS("mountOptions", Step.STORAGE, Kind.TEXT, 512),
    NFS_VERSION("nfsVersion", Step.STORAGE, Kind.CHOICE, 4),
    STORAGE_DOMAIN_NAME("storageDomainName", Step.STORAGE, Kind.TEXT, 50),
    ISCSI_PORTAL_ADDRESS("iscsiPortalAddress", Step.STORAGE, Kind.TEXT, 253),
    ISCSI_PORTAL_PORT("iscsiPortalPort", Step.STORAGE, Kind.INTEGER, 5),
    ISCSI_USERNAME("iscsiUsername", Step.STORAGE, Kind.TEXT, 255),
    ISCSI_PASSWORD("iscsiPassword", Step.STORAGE, Kind.SECRET, 1024),
    ISCSI_DISCOVER_USERNAME("iscsiDiscoverUsername", Step.STORAGE, Kind.TEXT, 255),
    ISCSI_DISCOVER_PASSWORD("iscsiDiscoverPassword", Step.STORAGE, Kind.SECRET, 1024),
    /** The chosen target's IQN. */
    ISCSI_TARGET("iscsiTarget", Step.STORAGE, Kind.CHOICE, 223),
    /** The chosen target portal group tag. */
    ISCSI_TPGT("iscsiTpgt", Step.STORAGE, Kind.INTEGER, 5),
    /** Comma-joined portal addresses of the chosen target portal group (set with the target). */
    ISCSI_TARGET_PORTALS("iscsiTargetPortals", Step.STORAGE, Kind.TEXT, 2048),
    LUN_ID("lunId", Step.STORAGE, Kind.CHOICE, 256),
    DISK_SIZE_GB("diskSizeGb", Step.STORAGE, Kind.INTEGER, 4),
    DISCARD("discard", Step.STORAGE, Kind.BOOLEAN, 5);

    /** What sort of value a field holds: decides the form control and the first rule. */
    public enum Kind { TEXT, INTEGER, CHOICE, BOOLEAN, SECRET }

    private final String id;
    private final Step step;
    private final Kind kind;
    private final int maxLength;

    Field(String id, Step step, Kind kind, int maxLength) {
        this.id = id;
        this.step = step;
        this.kind = kind;
        this.maxLength = maxLength;
    }

    public String id() { return id; }
    public Step step() { return step; }
    public Kind kind() { return kind; }
    /** Longest text accepted; longer input is refused with a message, never truncated silently. */
    public int maxLength() { return maxLength; }
    public boolean secret() { return kind == Kind.SECRET; }

    public static Optional<Field> byId(String id) {
        for (Field f : values()) if (f.id.equals(id)) return Optional.of(f);
        return Optional.empty();
    }

    public static java.util.List<Field> of(Step step) {
        return java.util.Arrays.stream(values()).filter(f -> f.step == step).toList();
    }
}
