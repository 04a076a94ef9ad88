package hostedengine.wizard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every message key {@link Rules} can put in a {@link FieldError}, with the number of
 * arguments it carries. Each one has a text in {@code i18n/errors_en.properties} and
 * {@code i18n/errors_ja.properties} with placeholders {0}..{n-1}.
 */
public final class ErrorKeys {
    private ErrorKeys() {}

    private static final Map<String, Integer> ARGUMENTS = new LinkedHashMap<>();

    public static final String REQUIRED = key("error.required", 0);
    /** {0}: the longest length accepted. */
    public static final String TOO_LONG = key("error.tooLong", 1);
    public static final String CONTROL_CHARACTERS = key("error.controlCharacters", 0);
    public static final String INTEGER = key("error.integer", 0);
    /** {0}: lowest, {1}: highest value accepted. */
    public static final String RANGE = key("error.range", 2);
    public static final String BOOLEAN = key("error.boolean", 0);
    /** {0}: the values accepted, comma-separated. */
    public static final String CHOICE = key("error.choice", 1);
    public static final String FQDN = key("error.fqdn", 0);
    public static final String HOST_NAME = key("error.hostName", 0);
    public static final String LOCALHOST = key("error.localhost", 0);
    public static final String MAC = key("error.mac", 0);
    public static final String IP_LITERAL = key("error.ipLiteral", 0);
    /** {0}: the longest prefix for this address family (32 or 128). */
    public static final String PREFIX = key("error.prefix", 1);
    /** {0}: bridge interface, {1}: its addresses. */
    public static final String SUBNET = key("error.subnet", 2);
    /** {0}: bridge interface. */
    public static final String NO_HOST_ADDRESS = key("error.noHostAddress", 1);
    public static final String NETWORK_ADDRESS = key("error.networkAddress", 0);
    public static final String BROADCAST_ADDRESS = key("error.broadcastAddress", 0);
    public static final String HOST_OWN_ADDRESS = key("error.hostOwnAddress", 0);
    /** {0}: the VM's subnet ("192.168.1.20/24"). */
    public static final String GATEWAY_SUBNET = key("error.gatewaySubnet", 1);
    public static final String GATEWAY_IS_VM_ADDRESS = key("error.gatewayIsVmAddress", 0);
    /** {0}: the most entries accepted. */
    public static final String DNS_COUNT = key("error.dnsCount", 1);
    /** {0}: the entry that is not a literal IP. */
    public static final String DNS_ENTRY = key("error.dnsEntry", 1);
    /** {0}: the interfaces available. */
    public static final String NIC = key("error.nic", 1);
    public static final String INTERFACE_NAME = key("error.interfaceName", 0);
    public static final String PASSWORD_MISMATCH = key("error.passwordMismatch", 0);
    /** A warning. {0}: the recommended size in MiB. */
    public static final String MEMORY_BELOW_RECOMMENDED = key("error.memoryBelowRecommended", 1);
    public static final String SSH_PUBLIC_KEY = key("error.sshPublicKey", 0);
    public static final String OVA_PATH = key("error.ovaPath", 0);
    /** {0}: the path. */
    public static final String OVA_MISSING = key("error.ovaMissing", 1);
    /** {0}: the address that is not valid. */
    public static final String EMAIL = key("error.email", 1);
    /** {0}: the most addresses accepted. */
    public static final String EMAIL_COUNT = key("error.emailCount", 1);
    public static final String STORAGE_CONNECTION = key("error.storageConnection", 0);
    public static final String STORAGE_CONNECTION_IPV6 = key("error.storageConnectionIpv6", 0);
    public static final String MOUNT_OPTIONS = key("error.mountOptions", 0);
    /** A warning: {0}: how many Gluster servers the connection and backup-volfile-servers name (fewer than 3). */
    public static final String GLUSTER_SERVERS = key("error.glusterServers", 1);
    public static final String STORAGE_DOMAIN_NAME = key("error.storageDomainName", 0);
    public static final String ISCSI_TARGET = key("error.iscsiTarget", 0);
    public static final String ISCSI_PORTALS = key("error.iscsiPortals", 0);
    public static final String LUN_UNKNOWN = key("error.lunUnknown", 0);
    public static final String LUN_USED = key("error.lunUsed", 0);
    /** {0}: the LUN's size in GiB, {1}: the size needed in GiB (both with 2 decimals). */
    public static final String LUN_TOO_SMALL = key("error.lunTooSmall", 2);

    private static String key(String key, int arguments) {
        ARGUMENTS.put(key, arguments);
        return key;
    }

    /** Every key, with its number of arguments, in declaration order. */
    public static Map<String, Integer> all() { return Collections.unmodifiableMap(ARGUMENTS); }
}
