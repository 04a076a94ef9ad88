package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A host, a valid set of answers and discovered devices to vary in tests. */
public final class Fixtures {
    private Fixtures() {}

    static final long GIB = 1024L * 1024 * 1024;
    static final String OVA = "/usr/share/ovirt-engine-appliance/appliance.ova";

    public static HostFacts host() {
        return new HostFacts(8, 30000,
                List.of(new HostFacts.Nic("eth0", List.of("192.168.1.5/24", "fd00:1::5/64")),
                        new HostFacts.Nic("eth1", List.of("10.0.0.5/16")),
                        new HostFacts.Nic("bond0.100", List.of())),
                Optional.of("192.168.1.1"), Optional.of("eth0"), "host1.example.com",
                50L * GIB, RoleDefaults.builtIn());
    }

    public static Predicate<String> onlyOvaExists() { return OVA::equals; }

    public static Rules rules() { return new Rules(host(), onlyOvaExists()); }

    /** Answers that pass every rule: static IPv4 network, NFS storage. */
    public static Answers valid() {
        Map<Field, String> v = new EnumMap<>(Field.class);
        v.put(ENGINE_VM_FQDN, "manager.example.com");
        v.put(MAC_ADDRESS, "00:16:3e:12:34:56");
        v.put(NETWORK_CONFIGURATION, "static");
        v.put(VM_IP_ADDRESS, "192.168.1.20");
        v.put(VM_IP_PREFIX, "24");
        v.put(GATEWAY_ADDRESS, "192.168.1.1");
        v.put(DNS_SERVERS, "192.168.1.2,8.8.8.8");
        v.put(BRIDGE_INTERFACE, "eth0");
        v.put(ROOT_PASSWORD, "s3cret {{ lookup('pipe','id') }}");
        v.put(ROOT_PASSWORD_CONFIRM, "s3cret {{ lookup('pipe','id') }}");
        v.put(ROOT_SSH_ACCESS, "yes");
        v.put(VCPUS, "4");
        v.put(MEMORY_SIZE_MB, "16384");
        v.put(EDIT_HOSTS_FILE, "true");
        v.put(BRIDGE_NAME, "ovirtmgmt");
        v.put(HOST_FQDN, "host1.example.com");
        v.put(NETWORK_TEST, "dns");
        v.put(PAUSE_HOST, "false");
        v.put(APPLY_OPENSCAP_PROFILE, "false");
        v.put(ADMIN_PASSWORD, "Admin-pass: - {% raw %}");
        v.put(ADMIN_PASSWORD_CONFIRM, "Admin-pass: - {% raw %}");
        v.put(SMTP_SERVER, "localhost");
        v.put(SMTP_PORT, "25");
        v.put(SOURCE_EMAIL, "root@localhost");
        v.put(DEST_EMAILS, "root@localhost");
        v.put(STORAGE_TYPE, "nfs");
        v.put(STORAGE_CONNECTION, "storage.example.com:/exports/hosted_engine");
        v.put(NFS_VERSION, "auto");
        v.put(STORAGE_DOMAIN_NAME, "hosted_storage");
        v.put(ISCSI_PORTAL_PORT, "3260");
        v.put(DISK_SIZE_GB, "61");
        v.put(DISCARD, "false");
        return Answers.of(v);
    }

    public static final String IQN = "iqn.2017-10.com.example:he";

    /** Valid answers for iSCSI against {@link #devices()}. */
    public static Answers validIscsi() {
        return valid().with(STORAGE_TYPE, "iscsi").with(STORAGE_CONNECTION, null)
                .with(ISCSI_PORTAL_ADDRESS, "10.0.0.50").with(ISCSI_PORTAL_PORT, "3260")
                .with(ISCSI_TARGET, IQN).with(ISCSI_TPGT, "1")
                .with(ISCSI_TARGET_PORTALS, "10.0.0.50,10.0.1.50")
                .with(LUN_ID, "36001405free");
    }

    public static StorageDevices devices() {
        return new StorageDevices(
                List.of(new StorageDevices.IscsiTarget(IQN, 1, List.of("10.0.0.50:3260", "10.0.1.50:3260")),
                        new StorageDevices.IscsiTarget(IQN, 2, List.of("[fd00:2::50]:3260"))),
                List.of(new StorageDevices.Lun("36001405free", 100 * GIB, "LIO-ORG", "he", "free", 2),
                        new StorageDevices.Lun("36001405used", 100 * GIB, "LIO-ORG", "data", "used", 2),
                        new StorageDevices.Lun("36001405small", 70 * GIB, "LIO-ORG", "small", "free", 1)));
    }

    /** The keys of the findings about one field, from every step. */
    static List<String> keys(Answers answers, Field field) {
        return keys(answers, field, devices());
    }

    static List<String> keys(Answers answers, Field field, StorageDevices devices) {
        return rules().checkAll(answers, devices).stream()
                .filter(e -> e.field() == field).map(FieldError::key).toList();
    }
}
