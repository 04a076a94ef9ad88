package hostedengine.wizard;

import static hostedengine.wizard.Field.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The Storage step's rules (FIELDS.md, "Storage step"). Fields of other storage types are not checked. */
final class StorageStepRules {
    static final long MAX_DISK_GB = 4096;

    private final HostFacts facts;

    StorageStepRules(HostFacts facts) { this.facts = facts; }

    void check(Checker c, StorageDevices devices) {
        Optional<StorageType> type = c.choice(STORAGE_TYPE, Choices.fixed(STORAGE_TYPE)).flatMap(StorageType::of);
        if (type.filter(StorageType::isFile).isPresent()) fileStorage(c, type.get());
        if (type.filter(StorageType.ISCSI::equals).isPresent()) iscsi(c, devices);
        c.must(c.required(STORAGE_DOMAIN_NAME), STORAGE_DOMAIN_NAME,
                Syntax::isStorageDomainName, ErrorKeys.STORAGE_DOMAIN_NAME);
        Optional<Long> disk = c.integer(DISK_SIZE_GB, facts.role().minimalDiskGb(), MAX_DISK_GB);
        if (type.filter(StorageType::isBlock).isPresent()) lun(c, devices, disk);
        c.bool(DISCARD);
    }

    private static void fileStorage(Checker c, StorageType type) {
        Optional<String> server = c.required(STORAGE_CONNECTION).flatMap(text -> {
            Optional<StorageConnection> connection = StorageConnection.split(text);
            if (connection.isEmpty()) {
                c.fail(STORAGE_CONNECTION, ErrorKeys.STORAGE_CONNECTION);
                return Optional.empty();
            }
            String host = connection.get().server();
            boolean bracketed = host.startsWith("[") && host.endsWith("]");
            if (!bracketed && host.contains(":")) {
                c.fail(STORAGE_CONNECTION, ErrorKeys.STORAGE_CONNECTION_IPV6);
            } else if (bracketed ? !IpLiteral.isLiteral(Syntax.unbracket(host)) || !host.contains(":")
                    : !Syntax.isHostNameOrIp(host)) {
                c.fail(STORAGE_CONNECTION, ErrorKeys.STORAGE_CONNECTION);
            } else {
                return Optional.of(host);
            }
            return Optional.empty();
        });
        Optional<String> options = c.optional(MOUNT_OPTIONS);
        c.must(options, MOUNT_OPTIONS, Syntax::isMountOptions, ErrorKeys.MOUNT_OPTIONS);
        if (type == StorageType.NFS) c.choice(NFS_VERSION, Choices.fixed(NFS_VERSION));
        if (type == StorageType.GLUSTERFS && server.isPresent() && !c.failed(MOUNT_OPTIONS)) {
            int named = glusterServers(server.get(), options.orElse(""));
            if (named < GLUSTER_REPLICA) c.warn(MOUNT_OPTIONS, ErrorKeys.GLUSTER_SERVERS, named);
        }
    }

    /** Only replica 3 Gluster volumes are supported (guide 2.2, step 16, Gluster storage). */
    static final int GLUSTER_REPLICA = 3;

    /**
     * How many distinct Gluster servers the answers name: the connection's server plus those of
     * backup-volfile-servers (colon-separated) or the older backupvolfile-server. Neither the wizard
     * nor the role asks the servers for the volume's replica count, so fewer than three named is a
     * warning (the mount has no server to fall back on while one of the three is down), never a rule.
     */
    static int glusterServers(String server, String mountOptions) {
        Set<String> servers = new HashSet<>();
        servers.add(Syntax.unbracket(server).toLowerCase(Locale.ROOT));
        for (String option : mountOptions.split(",")) {
            int eq = option.indexOf('=');
            if (eq < 0) continue;
            String name = option.substring(0, eq);
            if (name.equals("backup-volfile-servers") || name.equals("backupvolfile-server")) {
                for (String backup : option.substring(eq + 1).split(":")) {
                    if (!backup.isBlank()) servers.add(backup.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return servers.size();
    }

    private static void iscsi(Checker c, StorageDevices devices) {
        c.must(c.required(ISCSI_PORTAL_ADDRESS), ISCSI_PORTAL_ADDRESS, Syntax::isHostNameOrIp, ErrorKeys.HOST_NAME);
        c.integer(ISCSI_PORTAL_PORT, 1, 65535);
        c.optional(ISCSI_USERNAME);
        c.optional(ISCSI_PASSWORD);
        c.optional(ISCSI_DISCOVER_USERNAME);
        c.optional(ISCSI_DISCOVER_PASSWORD);
        target(c, devices);
    }

    /** The target and its portal group must be one discovery found; the portals are that group's addresses. */
    private static void target(Checker c, StorageDevices devices) {
        Optional<String> iqn = c.required(ISCSI_TARGET);
        if (iqn.isEmpty()) return;
        Optional<Long> tpgt = Syntax.parseInteger(c.answers().get(ISCSI_TPGT));
        Optional<StorageDevices.IscsiTarget> found = devices.targets().stream()
                .filter(t -> t.iqn().equals(iqn.get()) && tpgt.filter(n -> n == t.tpgt()).isPresent())
                .findFirst();
        if (found.isEmpty()) {
            c.fail(ISCSI_TARGET, ErrorKeys.ISCSI_TARGET);
            return;
        }
        Set<String> expected = found.get().addresses().stream()
                .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Optional<String> portals = c.optional(ISCSI_TARGET_PORTALS);
        Set<String> given = portals.map(p -> Arrays.stream(p.split(",", -1)).map(String::strip)
                .map(a -> Syntax.unbracket(a).toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))
                .orElse(new HashSet<>());
        if (!c.failed(ISCSI_TARGET_PORTALS) && !given.equals(expected)) {
            c.fail(ISCSI_TARGET_PORTALS, ErrorKeys.ISCSI_PORTALS);
        }
    }


    private void lun(Checker c, StorageDevices devices, Optional<Long> diskGb) {
        Optional<String> id = c.required(LUN_ID);
        if (id.isEmpty()) return;
        Optional<StorageDevices.Lun> lun = devices.luns().stream().filter(l -> l.id().equals(id.get())).findFirst();
        if (lun.isEmpty()) {
            c.fail(LUN_ID, ErrorKeys.LUN_UNKNOWN);
        } else {
            LunSuitability.problem(lun.get(), diskGb.orElse((long) facts.role().defaultDiskGb()))
                    .ifPresent(problem -> c.fail(LUN_ID, problem.key(), problem.args().toArray()));
        }
    }
}
