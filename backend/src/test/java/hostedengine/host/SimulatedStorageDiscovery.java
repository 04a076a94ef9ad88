package hostedengine.host;

import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.StorageDevices.IscsiTarget;
import hostedengine.wizard.StorageDevices.Lun;

import java.util.List;

/**
 * <b>Test double</b> for the web tests only: fixed storage discovery answers without running
 * Ansible. The server itself always discovers through the role ({@link RoleStorageDiscovery}:
 * the real role, or the simulator role in simulation). It touches no storage. The fixtures cover the cases the Storage step must handle: multipath
 * portals in one TPGT, one target offered in two TPGTs, a used LUN, a LUN that is too small,
 * and two LUNs that fit. The portal {@value #UNREACHABLE_PORTAL} (TEST-NET-1) never answers.
 */
public final class SimulatedStorageDiscovery implements StorageDiscovery {
    /** A portal address that makes discovery fail, so the page's failure path can be exercised. */
    public static final String UNREACHABLE_PORTAL = "192.0.2.99";

    public static final String IQN_MULTIPATH = "iqn.2003-01.org.example.storage:hosted-engine";
    public static final String IQN_TWO_GROUPS = "iqn.2003-01.org.example.storage:data";

    private static final long GIB = 1024L * 1024 * 1024;

    @Override
    public StorageDevices iscsiTargets(String owner, Answers answers) throws StorageDiscoveryException {
        String portal = answers.get(Field.ISCSI_PORTAL_ADDRESS);
        String port = answers.get(Field.ISCSI_PORTAL_PORT);
        if (UNREACHABLE_PORTAL.equals(portal)) {
            throw new StorageDiscoveryException(
                    "iSCSI discovery failed: no response from portal " + portal + ":" + port);
        }
        String p = portal.contains(":") && !portal.startsWith("[") ? "[" + portal + "]" : portal;
        return new StorageDevices(List.of(
                // two portals in one group: multipath, both used
                new IscsiTarget(IQN_MULTIPATH, 1, List.of(p + ":" + port, "198.51.100.11:" + port)),
                // one target offered in two portal groups
                new IscsiTarget(IQN_TWO_GROUPS, 1, List.of(p + ":" + port)),
                new IscsiTarget(IQN_TWO_GROUPS, 2, List.of("198.51.100.12:" + port))),
                List.of());
    }

    @Override
    public StorageDevices iscsiLuns(String owner, Answers answers, StorageDevices devices) {
        String iqn = answers.get(Field.ISCSI_TARGET);
        int paths = IQN_MULTIPATH.equals(iqn) ? 2 : 1;
        return new StorageDevices(devices.targets(), List.of(
                new Lun("36001405a1b2c3d4e5f60718293a4b5c6", 100 * GIB, "LIO-ORG", "he_lun_100g", "free", paths),
                new Lun("36001405b2c3d4e5f60718293a4b5c6d7", 80 * GIB, "LIO-ORG", "he_lun_80g", "free", paths),
                new Lun("36001405c3d4e5f60718293a4b5c6d7e8", 20 * GIB, "LIO-ORG", "small_20g", "free", paths),
                new Lun("36001405d4e5f60718293a4b5c6d7e8f9", 120 * GIB, "LIO-ORG", "data_120g", "used", paths)));
    }

    @Override
    public StorageDevices fcLuns(String owner, Answers answers) {
        return new StorageDevices(List.of(), List.of(
                new Lun("3600a0980383146554a5d4f6b6d6e7a31", 100 * GIB, "NETAPP", "LUN C-Mode", "free", 4),
                new Lun("3600a0980383146554a5d4f6b6d6e7a32", 80 * GIB, "NETAPP", "LUN C-Mode", "free", 4),
                new Lun("3600a0980383146554a5d4f6b6d6e7a33", 20 * GIB, "NETAPP", "LUN C-Mode", "free", 4),
                new Lun("3600a0980383146554a5d4f6b6d6e7a34", 200 * GIB, "NETAPP", "LUN C-Mode", "used", 4)));
    }
}
