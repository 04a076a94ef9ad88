package hostedengine.wizard;

import java.util.Optional;
import java.util.Set;

/**
 * Every answer the wizard asks for (FIELDS.md), and every name it is known by: the one table.
 * The id is the form field's name and HTML id, and the key of its label
 * ({@code field.<id>.label}) and help text ({@code field.<id>.help}) in the message bundles.
 * The variable is the role variable the answer is written as (in vars files, on the review
 * page and in our JSON answer file), with when it is written and how; a secret's variable goes
 * over the secrets channel only. The answer-file key is its name in a
 * {@code hosted-engine --deploy} answer file. Variables made from an answer rather than being it
 * (the cloud-init names, the storage address and path) are {@link RoleVariables}' few
 * derived ones. Adding a field is one row here, its template and its bundle texts.
 */
public enum Field {
    // VM step
    ENGINE_VM_FQDN("engineVmFqdn", Step.VM, Kind.TEXT, 253, "he_fqdn", "OVEHOSTED_NETWORK/fqdn"),
    MAC_ADDRESS("macAddress", Step.VM, Kind.TEXT, 17, "he_vm_mac_addr", "OVEHOSTED_VM/vmMACAddr"),
    NETWORK_CONFIGURATION("networkConfiguration", Step.VM, Kind.CHOICE, 6, null, null),
    VM_IP_ADDRESS("vmIpAddress", Step.VM, Kind.TEXT, 45, "he_vm_ip_addr", When.STATIC, "OVEHOSTED_VM/cloudinitVMStaticCIDR"),
    VM_IP_PREFIX("vmIpPrefix", Step.VM, Kind.INTEGER, 3, "he_vm_ip_prefix", When.STATIC, null),
    GATEWAY_ADDRESS("gatewayAddress", Step.VM, Kind.TEXT, 45, "he_gateway", When.STATIC_OR_SET, "OVEHOSTED_NETWORK/gateway"),
    DNS_SERVERS("dnsServers", Step.VM, Kind.TEXT, 200, "he_dns_addr", When.STATIC, Write.LIST, "OVEHOSTED_VM/cloudinitVMDNS"),
    BRIDGE_INTERFACE("bridgeInterface", Step.VM, Kind.CHOICE, 15, "he_bridge_if", "OVEHOSTED_NETWORK/bridgeIf"),
    ROOT_PASSWORD("rootPassword", Step.VM, Kind.SECRET, 1024, "he_appliance_password", When.IF_SET, null),
    ROOT_PASSWORD_CONFIRM("rootPasswordConfirm", Step.VM, Kind.SECRET, 1024, null, null),
    ROOT_SSH_ACCESS("rootSshAccess", Step.VM, Kind.CHOICE, 16, "he_root_ssh_access", "OVEHOSTED_VM/rootSshAccess"),
    VCPUS("vcpus", Step.VM, Kind.INTEGER, 4, "he_vcpus", "OVEHOSTED_VM/vmVCpus"),
    MEMORY_SIZE_MB("memorySizeMb", Step.VM, Kind.INTEGER, 8, "he_mem_size_MB", "OVEHOSTED_VM/vmMemSizeMB"),
    ROOT_SSH_PUBLIC_KEY("rootSshPublicKey", Step.VM, Kind.TEXT, 16384, "he_root_ssh_pubkey", When.ALWAYS, Write.STRIPPED, "OVEHOSTED_VM/rootSshPubkey"),
    EDIT_HOSTS_FILE("editHostsFile", Step.VM, Kind.BOOLEAN, 5, "he_vm_etc_hosts", "OVEHOSTED_VM/cloudinitVMETCHOSTS"),
    BRIDGE_NAME("bridgeName", Step.VM, Kind.TEXT, 15, "he_mgmt_network", "OVEHOSTED_NETWORK/bridgeName"),
    HOST_FQDN("hostFqdn", Step.VM, Kind.TEXT, 253, "he_host_address", "OVEHOSTED_NETWORK/host_name"),
    NETWORK_TEST("networkTest", Step.VM, Kind.CHOICE, 4, "he_network_test", "OVEHOSTED_NETWORK/network_test"),
    TCP_TEST_ADDRESS("tcpTestAddress", Step.VM, Kind.TEXT, 253, "he_tcp_t_address", When.TCP, "OVEHOSTED_NETWORK/network_test_tcp_address"),
    TCP_TEST_PORT("tcpTestPort", Step.VM, Kind.INTEGER, 5, "he_tcp_t_port", When.TCP, "OVEHOSTED_NETWORK/network_test_tcp_port"),
    APPLIANCE_OVA("applianceOva", Step.VM, Kind.TEXT, 4096, "he_appliance_ova", When.IF_SET, "OVEHOSTED_VM/ovfArchive"),
    PAUSE_HOST("pauseHost", Step.VM, Kind.BOOLEAN, 5, "he_pause_host", null),
    APPLY_OPENSCAP_PROFILE("applyOpenscapProfile", Step.VM, Kind.BOOLEAN, 5, "he_apply_openscap_profile", "OVEHOSTED_VM/applyOpenScapProfile"),

    // Engine step
    ADMIN_PASSWORD("adminPassword", Step.ENGINE, Kind.SECRET, 1024, "he_admin_password", When.IF_SET, null),
    ADMIN_PASSWORD_CONFIRM("adminPasswordConfirm", Step.ENGINE, Kind.SECRET, 1024, null, null),
    SMTP_SERVER("smtpServer", Step.ENGINE, Kind.TEXT, 253, "he_smtp_server", "OVEHOSTED_NOTIF/smtpServer"),
    SMTP_PORT("smtpPort", Step.ENGINE, Kind.INTEGER, 5, "he_smtp_port", "OVEHOSTED_NOTIF/smtpPort"),
    SOURCE_EMAIL("sourceEmail", Step.ENGINE, Kind.TEXT, 254, "he_source_email", "OVEHOSTED_NOTIF/sourceEmail"),
    DEST_EMAILS("destEmails", Step.ENGINE, Kind.TEXT, 800, "he_dest_email", When.ALWAYS, Write.LIST, "OVEHOSTED_NOTIF/destEmail"),

    // Storage step
    STORAGE_TYPE("storageType", Step.STORAGE, Kind.CHOICE, 9, "he_domain_type", "OVEHOSTED_STORAGE/domainType"),
    STORAGE_CONNECTION("storageConnection", Step.STORAGE, Kind.TEXT, 1024, null, "OVEHOSTED_STORAGE/storageDomainConnection"),
    MOUNT_OPTIONS("mountOptions", Step.STORAGE, Kind.TEXT, 512, "he_mount_options", When.FILE_STORAGE, "OVEHOSTED_STORAGE/mntOptions"),
    NFS_VERSION("nfsVersion", Step.STORAGE, Kind.CHOICE, 4, "he_nfs_version", When.NFS, "OVEHOSTED_STORAGE/nfsVersion"),
    STORAGE_DOMAIN_NAME("storageDomainName", Step.STORAGE, Kind.TEXT, 50, "he_storage_domain_name", "OVEHOSTED_STORAGE/storageDomainName"),
    ISCSI_PORTAL_ADDRESS("iscsiPortalAddress", Step.STORAGE, Kind.TEXT, 253, "he_iscsi_portal_addr", When.ISCSI, "OVEHOSTED_STORAGE/iSCSIPortalIPAddress"),
    ISCSI_PORTAL_PORT("iscsiPortalPort", Step.STORAGE, Kind.INTEGER, 5, "he_iscsi_portal_port", When.ISCSI, "OVEHOSTED_STORAGE/iSCSIPortalPort"),
    ISCSI_USERNAME("iscsiUsername", Step.STORAGE, Kind.TEXT, 255, "he_iscsi_username", When.ISCSI_IF_SET, "OVEHOSTED_STORAGE/iSCSIPortalUser"),
    ISCSI_PASSWORD("iscsiPassword", Step.STORAGE, Kind.SECRET, 1024, "he_iscsi_password", When.ISCSI_IF_SET, null),
    ISCSI_DISCOVER_USERNAME("iscsiDiscoverUsername", Step.STORAGE, Kind.TEXT, 255, "he_iscsi_discover_username", When.ISCSI_IF_SET, "OVEHOSTED_STORAGE/iSCSIDiscoverUser"),
    ISCSI_DISCOVER_PASSWORD("iscsiDiscoverPassword", Step.STORAGE, Kind.SECRET, 1024, "he_iscsi_discover_password", When.ISCSI_IF_SET, null),
    /** The chosen target's IQN. */
    ISCSI_TARGET("iscsiTarget", Step.STORAGE, Kind.CHOICE, 223, "he_iscsi_target", When.ISCSI, "OVEHOSTED_STORAGE/iSCSITargetName"),
    /** The chosen target portal group tag. */
    ISCSI_TPGT("iscsiTpgt", Step.STORAGE, Kind.INTEGER, 5, "he_iscsi_tpgt", When.ISCSI, "OVEHOSTED_STORAGE/iSCSIPortal"),
    /** Comma-joined portal addresses of the chosen target portal group (set with the target). */
    ISCSI_TARGET_PORTALS("iscsiTargetPortals", Step.STORAGE, Kind.TEXT, 2048, null, null),
    LUN_ID("lunId", Step.STORAGE, Kind.CHOICE, 256, "he_lun_id", When.BLOCK_STORAGE, "OVEHOSTED_STORAGE/LunID"),
    DISK_SIZE_GB("diskSizeGb", Step.STORAGE, Kind.INTEGER, 4, "he_disk_size_GB", "OVEHOSTED_STORAGE/imgSizeGB"),
    DISCARD("discard", Step.STORAGE, Kind.BOOLEAN, 5, "he_discard", "OVEHOSTED_STORAGE/discardSupport");

    /** What sort of value a field holds: decides the form control and the first rule. */
    public enum Kind { TEXT, INTEGER, CHOICE, BOOLEAN, SECRET }

    /** How an answer becomes its variable's value. */
    public enum Write {
        /** The text as typed (a choice's value). */
        AS_TYPED,
        /** An integer when it parses, the text as typed otherwise, left out when empty. */
        NUMBER,
        /** true or false. */
        FLAG,
        /** A comma list without the spaces around its entries: the role splits at ',' only (ifcfg-eth0-static.j2). */
        LIST,
        /** The text without surrounding white space. */
        STRIPPED,
        /** Over the secrets channel, never in a vars file. */
        SECRET;

        static Write of(Kind kind) {
            return switch (kind) {
                case INTEGER -> NUMBER;
                case BOOLEAN -> FLAG;
                case SECRET -> SECRET;
                case TEXT, CHOICE -> AS_TYPED;
            };
        }
    }

    /**
     * When a variable is written. A condition on another answer makes that answer one of the
     * variable's sources ({@link VariableGate}): it is left out when that answer breaks a rule.
     */
    public enum When {
        ALWAYS,
        /** The answer is not empty. */
        IF_SET,
        /** The Engine VM has a static address. */
        STATIC,
        /** A static address, or a gateway typed for DHCP. */
        STATIC_OR_SET,
        /** The network test is TCP. */
        TCP,
        /** NFS or Gluster storage. */
        FILE_STORAGE,
        NFS,
        ISCSI,
        /** iSCSI, and the answer is not empty. */
        ISCSI_IF_SET,
        /** iSCSI or Fibre Channel. */
        BLOCK_STORAGE;

        /** Whether the variable of {@code field} is written with these answers. */
        public boolean holds(Answers answers, Field field) {
            Optional<StorageType> type = StorageType.of(answers);
            boolean set = !answers.get(field).isEmpty();
            boolean isStatic = NetworkConfiguration.isStatic(answers);
            return switch (this) {
                case ALWAYS -> true;
                case IF_SET -> set;
                case STATIC -> isStatic;
                case STATIC_OR_SET -> isStatic || set;
                case TCP -> NetworkTest.isTcp(answers);
                case FILE_STORAGE -> type.filter(StorageType::isFile).isPresent();
                case NFS -> StorageType.NFS.chosenIn(answers);
                case ISCSI -> StorageType.ISCSI.chosenIn(answers);
                case ISCSI_IF_SET -> StorageType.ISCSI.chosenIn(answers) && set;
                case BLOCK_STORAGE -> type.filter(StorageType::isBlock).isPresent();
            };
        }

        /** The other answers the condition reads. */
        public Set<Field> reads() {
            return switch (this) {
                case ALWAYS, IF_SET -> Set.of();
                case STATIC, STATIC_OR_SET -> Set.of(NETWORK_CONFIGURATION);
                case TCP -> Set.of(NETWORK_TEST);
                case FILE_STORAGE, NFS, ISCSI, ISCSI_IF_SET, BLOCK_STORAGE -> Set.of(STORAGE_TYPE);
            };
        }
    }

    private final String id;
    private final Step step;
    private final Kind kind;
    private final int maxLength;
    private final String variable;
    private final When when;
    private final Write write;
    private final String answerFileKey;

    Field(String id, Step step, Kind kind, int maxLength, String variable, String answerFileKey) {
        this(id, step, kind, maxLength, variable, When.ALWAYS, answerFileKey);
    }

    Field(String id, Step step, Kind kind, int maxLength, String variable, When when, String answerFileKey) {
        this(id, step, kind, maxLength, variable, when, Write.of(kind), answerFileKey);
    }

    Field(String id, Step step, Kind kind, int maxLength, String variable, When when, Write write, String answerFileKey) {
        this.id = id;
        this.step = step;
        this.kind = kind;
        this.maxLength = maxLength;
        this.variable = variable;
        this.when = when;
        this.write = write;
        this.answerFileKey = answerFileKey;
    }

    public String id() { return id; }
    public Step step() { return step; }
    public Kind kind() { return kind; }
    /** Longest text accepted; longer input is refused with a message, never truncated silently. */
    public int maxLength() { return maxLength; }
    public boolean secret() { return kind == Kind.SECRET; }
    /** The role variable this answer is written as; empty for a confirmation or an answer only others are made of. */
    public Optional<String> variable() { return Optional.ofNullable(variable); }
    public When when() { return when; }
    public Write write() { return write; }
    /** Its key in a {@code hosted-engine --deploy} answer file; empty for secrets (never read) and answers it lacks. */
    public Optional<String> answerFileKey() { return Optional.ofNullable(answerFileKey); }

    public static Optional<Field> byId(String id) {
        for (Field f : values()) if (f.id.equals(id)) return Optional.of(f);
        return Optional.empty();
    }

    /** The field written as this role variable. */
    public static Optional<Field> byVariable(String variable) {
        for (Field f : values()) if (variable.equals(f.variable)) return Optional.of(f);
        return Optional.empty();
    }

    public static java.util.List<Field> of(Step step) {
        return java.util.Arrays.stream(values()).filter(f -> f.step == step).toList();
    }
}
