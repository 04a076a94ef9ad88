package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The role variables the answers become (FIELDS.md, "Variable" column). Best effort on
 * invalid answers: a number that does not parse stays text, so a vars file written from
 * unchecked answers still shows what was typed. Never throws.
 */
public final class RoleVariables {
    private RoleVariables() {}

    /** Shown with every phase; not answers. */
    private static final Map<String, Object> FIXED;
    static {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("he_vm_name", "HostedEngine");
        fixed.put("he_console_type", "vnc");
        fixed.put("he_local_vm_dir_path", "/var/tmp");
        fixed.put("he_local_vm_dir_prefix", "localvm");
        fixed.put("he_admin_username", "admin@internal");
        FIXED = Collections.unmodifiableMap(fixed);
    }

    /** Secret variable → the field it comes from. */
    static final Map<String, Field> SECRETS = Map.of(
            "he_appliance_password", ROOT_PASSWORD,
            "he_admin_password", ADMIN_PASSWORD,
            "he_iscsi_password", ISCSI_PASSWORD,
            "he_iscsi_discover_password", ISCSI_DISCOVER_PASSWORD);

    private static final Set<String> NAMES = Set.copyOf(List.of(
            "he_fqdn", "he_cloud_init_host_name", "he_cloud_init_domain_name", "he_vm_mac_addr",
            "he_vm_ip_addr", "he_vm_ip_prefix", "he_gateway", "he_dns_addr", "he_bridge_if",
            "he_root_ssh_access", "he_vcpus", "he_mem_size_MB", "he_root_ssh_pubkey", "he_vm_etc_hosts",
            "he_mgmt_network", "he_host_address", "he_host_name", "he_network_test", "he_tcp_t_address",
            "he_tcp_t_port", "he_appliance_ova", "he_pause_host", "he_apply_openscap_profile",
            "he_smtp_server", "he_smtp_port", "he_source_email", "he_dest_email",
            "he_domain_type", "he_storage_domain_addr", "he_storage_domain_path", "he_mount_options",
            "he_nfs_version", "he_storage_domain_name", "he_iscsi_portal_addr", "he_iscsi_portal_port",
            "he_iscsi_username", "he_iscsi_discover_username", "he_iscsi_target", "he_iscsi_tpgt",
            "he_lun_id", "he_disk_size_GB", "he_discard",
            "he_vm_name", "he_console_type", "he_local_vm_dir_path", "he_local_vm_dir_prefix", "he_admin_username",
            "he_appliance_password", "he_admin_password", "he_iscsi_password", "he_iscsi_discover_password"));

    /**
     * Variable → the answers it is made of. A variable is written only when every one of them
     * passed its rules ({@link VariableGate}); the fixed values have none.
     */
    static final Map<String, Set<Field>> SOURCES = Map.ofEntries(
            Map.entry("he_fqdn", Set.of(ENGINE_VM_FQDN)),
            Map.entry("he_cloud_init_host_name", Set.of(ENGINE_VM_FQDN)),
            Map.entry("he_cloud_init_domain_name", Set.of(ENGINE_VM_FQDN)),
            Map.entry("he_vm_mac_addr", Set.of(MAC_ADDRESS)),
            Map.entry("he_vm_ip_addr", Set.of(NETWORK_CONFIGURATION, VM_IP_ADDRESS, BRIDGE_INTERFACE)),
            Map.entry("he_vm_ip_prefix", Set.of(NETWORK_CONFIGURATION, VM_IP_PREFIX)),
            Map.entry("he_gateway", Set.of(NETWORK_CONFIGURATION, GATEWAY_ADDRESS)),
            Map.entry("he_dns_addr", Set.of(NETWORK_CONFIGURATION, DNS_SERVERS)),
            Map.entry("he_bridge_if", Set.of(BRIDGE_INTERFACE)),
            Map.entry("he_root_ssh_access", Set.of(ROOT_SSH_ACCESS)),
            Map.entry("he_vcpus", Set.of(VCPUS)),
            Map.entry("he_mem_size_MB", Set.of(MEMORY_SIZE_MB)),
            Map.entry("he_root_ssh_pubkey", Set.of(ROOT_SSH_PUBLIC_KEY)),
            Map.entry("he_vm_etc_hosts", Set.of(EDIT_HOSTS_FILE)),
            Map.entry("he_mgmt_network", Set.of(BRIDGE_NAME)),
            Map.entry("he_host_address", Set.of(HOST_FQDN)),
            Map.entry("he_host_name", Set.of(HOST_FQDN)),
            Map.entry("he_network_test", Set.of(NETWORK_TEST)),
            Map.entry("he_tcp_t_address", Set.of(NETWORK_TEST, TCP_TEST_ADDRESS)),
            Map.entry("he_tcp_t_port", Set.of(NETWORK_TEST, TCP_TEST_PORT)),
            Map.entry("he_appliance_ova", Set.of(APPLIANCE_OVA)),
            Map.entry("he_pause_host", Set.of(PAUSE_HOST)),
            Map.entry("he_apply_openscap_profile", Set.of(APPLY_OPENSCAP_PROFILE)),
            Map.entry("he_smtp_server", Set.of(SMTP_SERVER)),
            Map.entry("he_smtp_port", Set.of(SMTP_PORT)),
            Map.entry("he_source_email", Set.of(SOURCE_EMAIL)),
            Map.entry("he_dest_email", Set.of(DEST_EMAILS)),
            Map.entry("he_domain_type", Set.of(STORAGE_TYPE)),
            Map.entry("he_storage_domain_addr", Set.of(STORAGE_TYPE, STORAGE_CONNECTION, ISCSI_TARGET_PORTALS)),
            Map.entry("he_storage_domain_path", Set.of(STORAGE_TYPE, STORAGE_CONNECTION)),
            Map.entry("he_mount_options", Set.of(MOUNT_OPTIONS)),
            Map.entry("he_nfs_version", Set.of(NFS_VERSION)),
            Map.entry("he_storage_domain_name", Set.of(STORAGE_DOMAIN_NAME)),
            Map.entry("he_iscsi_portal_addr", Set.of(ISCSI_PORTAL_ADDRESS)),
            Map.entry("he_iscsi_portal_port", Set.of(ISCSI_PORTAL_PORT)),
            Map.entry("he_iscsi_username", Set.of(ISCSI_USERNAME)),
            Map.entry("he_iscsi_discover_username", Set.of(ISCSI_DISCOVER_USERNAME)),
            Map.entry("he_iscsi_target", Set.of(ISCSI_TARGET)),
            Map.entry("he_iscsi_tpgt", Set.of(ISCSI_TARGET, ISCSI_TPGT)),
            Map.entry("he_lun_id", Set.of(LUN_ID)),
            Map.entry("he_disk_size_GB", Set.of(DISK_SIZE_GB)),
            Map.entry("he_discard", Set.of(DISCARD)),
            Map.entry("he_appliance_password", Set.of(ROOT_PASSWORD, ROOT_PASSWORD_CONFIRM)),
            Map.entry("he_admin_password", Set.of(ADMIN_PASSWORD, ADMIN_PASSWORD_CONFIRM)),
            Map.entry("he_iscsi_password", Set.of(ISCSI_PASSWORD)),
            Map.entry("he_iscsi_discover_password", Set.of(ISCSI_DISCOVER_PASSWORD)));

    /** Non-secret role variables the answers become, grouped by the step that owns them, each in display order. */
    public static Map<Step, Map<String, Object>> byStep(Answers answers) {
        Map<Step, Map<String, Object>> steps = new EnumMap<>(Step.class);
        steps.put(Step.VM, vm(answers));
        steps.put(Step.ENGINE, engine(answers));
        steps.put(Step.STORAGE, storage(answers));
        return Collections.unmodifiableMap(steps);
    }

    /** Fixed values sent with every phase. */
    public static Map<String, Object> fixed() { return FIXED; }

    /** byStep flattened plus fixed(): what a vars file gets. */
    public static Map<String, Object> all(Answers answers) {
        Map<String, Object> all = flatten(answers);
        all.putAll(FIXED);
        return all;
    }

    /** The secret variables that are set (the iSCSI ones only when the storage type is iSCSI). */
    public static Map<String, String> secrets(Answers answers) {
        Map<String, String> secrets = new LinkedHashMap<>();
        boolean iscsi = answers.get(STORAGE_TYPE).equals("iscsi");
        for (String name : List.of("he_appliance_password", "he_admin_password",
                "he_iscsi_password", "he_iscsi_discover_password")) {
            Field field = SECRETS.get(name);
            if (field.step() == Step.STORAGE && !iscsi) continue;
            if (!answers.get(field).isEmpty()) secrets.put(name, answers.get(field));
        }
        return secrets;
    }

    /**
     * Overrides for the phases after a target is chosen (iscsi_getdevices, create_storage_domain):
     * the role logs in to every address of he_iscsi_portal_addr zipped with he_iscsi_portal_port,
     * both split at ',' (iscsi_getdevices.yml), so both must list the chosen portal group's
     * portals, not the discovery portal. Ports come from discovery when the target is known,
     * else the typed port is repeated.
     */
    public static Map<String, Object> iscsiLogin(Answers answers, StorageDevices devices) {
        Optional<Long> tpgt = Syntax.parseInteger(answers.get(ISCSI_TPGT));
        Optional<StorageDevices.IscsiTarget> target = (devices == null ? StorageDevices.none() : devices).targets()
                .stream().filter(t -> t.iqn().equals(answers.get(ISCSI_TARGET))
                        && tpgt.filter(n -> n == t.tpgt()).isPresent()).findFirst();
        List<String> addresses = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        if (target.isPresent()) {
            for (String portal : target.get().portals()) {
                addresses.add(StorageDevices.IscsiTarget.address(portal));
                ports.add(StorageDevices.IscsiTarget.port(portal).orElse(answers.get(ISCSI_PORTAL_PORT)));
            }
        } else {
            for (String a : answers.get(ISCSI_TARGET_PORTALS).split(",")) {
                if (a.isBlank()) continue;
                addresses.add(a.strip());
                ports.add(answers.get(ISCSI_PORTAL_PORT));
            }
        }
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("he_iscsi_portal_addr", String.join(",", addresses));
        login.put("he_iscsi_portal_port", String.join(",", ports));
        return login;
    }

    /** Secret variable → the field it fills (a confirmation field takes the same value). */
    public static Map<String, Field> secretFields() { return SECRETS; }

    /** Names of every variable this class can ever write. */
    public static Set<String> names() { return NAMES; }

    static Map<String, Object> flatten(Answers answers) {
        Map<String, Object> flat = new LinkedHashMap<>();
        byStep(answers).values().forEach(flat::putAll);
        return flat;
    }

    private static Map<String, Object> vm(Answers a) {
        Vars v = new Vars(a);
        String fqdn = a.get(ENGINE_VM_FQDN);
        int dot = fqdn.indexOf('.');
        v.text("he_fqdn", ENGINE_VM_FQDN);
        v.put("he_cloud_init_host_name", dot < 0 ? fqdn : fqdn.substring(0, dot));
        v.put("he_cloud_init_domain_name", dot < 0 ? "" : fqdn.substring(dot + 1));
        v.text("he_vm_mac_addr", MAC_ADDRESS);
        boolean isStatic = a.get(NETWORK_CONFIGURATION).equals("static");
        if (isStatic) {
            v.text("he_vm_ip_addr", VM_IP_ADDRESS);
            v.integer("he_vm_ip_prefix", VM_IP_PREFIX);
        }
        if (isStatic || !a.get(GATEWAY_ADDRESS).isEmpty()) v.text("he_gateway", GATEWAY_ADDRESS);
        if (isStatic) v.list("he_dns_addr", DNS_SERVERS);
        v.text("he_bridge_if", BRIDGE_INTERFACE);
        v.text("he_root_ssh_access", ROOT_SSH_ACCESS);
        v.integer("he_vcpus", VCPUS);
        v.integer("he_mem_size_MB", MEMORY_SIZE_MB);
        v.put("he_root_ssh_pubkey", a.get(ROOT_SSH_PUBLIC_KEY).strip());
        v.bool("he_vm_etc_hosts", EDIT_HOSTS_FILE);
        v.text("he_mgmt_network", BRIDGE_NAME);
        v.text("he_host_address", HOST_FQDN);
        v.text("he_host_name", HOST_FQDN);
        v.text("he_network_test", NETWORK_TEST);
        if (a.get(NETWORK_TEST).equals("tcp")) {
            v.text("he_tcp_t_address", TCP_TEST_ADDRESS);
            v.integer("he_tcp_t_port", TCP_TEST_PORT);
        }
        if (!a.get(APPLIANCE_OVA).isEmpty()) v.text("he_appliance_ova", APPLIANCE_OVA);
        v.bool("he_pause_host", PAUSE_HOST);
        v.bool("he_apply_openscap_profile", APPLY_OPENSCAP_PROFILE);
        return v.done();
    }

    private static Map<String, Object> engine(Answers a) {
        Vars v = new Vars(a);
        v.text("he_smtp_server", SMTP_SERVER);
        v.integer("he_smtp_port", SMTP_PORT);
        v.text("he_source_email", SOURCE_EMAIL);
        v.list("he_dest_email", DEST_EMAILS);
        return v.done();
    }

    private static Map<String, Object> storage(Answers a) {
        Vars v = new Vars(a);
        String type = a.get(STORAGE_TYPE);
        v.text("he_domain_type", STORAGE_TYPE);
        if (type.equals("nfs") || type.equals("glusterfs")) {
            String text = a.get(STORAGE_CONNECTION);
            Optional<StorageConnection> c = StorageConnection.split(text);
            v.put("he_storage_domain_addr", c.map(StorageConnection::server).orElse(text));
            v.put("he_storage_domain_path", c.map(StorageConnection::path).orElse(""));
            v.text("he_mount_options", MOUNT_OPTIONS);
            if (type.equals("nfs")) v.text("he_nfs_version", NFS_VERSION);
        }
        v.text("he_storage_domain_name", STORAGE_DOMAIN_NAME);
        if (type.equals("iscsi")) {
            v.text("he_iscsi_portal_addr", ISCSI_PORTAL_ADDRESS);
            v.integer("he_iscsi_portal_port", ISCSI_PORTAL_PORT);
            v.optionalText("he_iscsi_username", ISCSI_USERNAME);
            v.optionalText("he_iscsi_discover_username", ISCSI_DISCOVER_USERNAME);
            v.text("he_iscsi_target", ISCSI_TARGET);
            v.integer("he_iscsi_tpgt", ISCSI_TPGT);
            v.text("he_storage_domain_addr", ISCSI_TARGET_PORTALS);
        }
        if (type.equals("iscsi") || type.equals("fc")) v.text("he_lun_id", LUN_ID);
        v.integer("he_disk_size_GB", DISK_SIZE_GB);
        v.bool("he_discard", DISCARD);
        return v.done();
    }

    /** An Integer when it fits, else the Long (a ?: would promote both to Long). */
    private static Object narrow(long value) {
        if (value == (int) value) return Integer.valueOf((int) value);
        return Long.valueOf(value);
    }

    /** One step's variables, in the order they are put. */
    private static final class Vars {
        private final Answers answers;
        private final Map<String, Object> map = new LinkedHashMap<>();

        Vars(Answers answers) { this.answers = answers; }

        void put(String name, Object value) { map.put(name, value); }

        void text(String name, Field field) { map.put(name, answers.get(field)); }

        /** A comma list without the spaces around its entries: the role splits at ',' only (ifcfg-eth0-static.j2). */
        void list(String name, Field field) {
            map.put(name, String.join(",", Arrays.stream(answers.get(field).split(",", -1)).map(String::strip).toList()));
        }

        void optionalText(String name, Field field) {
            if (!answers.get(field).isEmpty()) text(name, field);
        }

        /** An Integer (or Long) when it parses; the text as typed otherwise; left out when empty. */
        void integer(String name, Field field) {
            String text = answers.get(field);
            if (text.isEmpty()) return;
            Optional<Long> n = Syntax.parseInteger(text);
            map.put(name, n.map(RoleVariables::narrow).orElse(text));
        }

        void bool(String name, Field field) { map.put(name, answers.flag(field)); }

        Map<String, Object> done() { return Collections.unmodifiableMap(map); }
    }
}
