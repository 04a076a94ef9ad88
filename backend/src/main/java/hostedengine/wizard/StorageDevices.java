package hostedengine.wizard;

import java.util.List;

/**
 * What storage discovery found, in the shape the role returns it
 * (otopi_iscsi_targets, otopi_iscsi_devices, otopi_fc_devices): the choices of the
 * Storage step's target list and LUN table.
 */
public record StorageDevices(List<IscsiTarget> targets, List<Lun> luns) {
    public StorageDevices {
        targets = List.copyOf(targets);
        luns = List.copyOf(luns);
    }

    public static StorageDevices none() { return new StorageDevices(List.of(), List.of()); }

    /** One iSCSI target portal group: the IQN, its TPGT and its portals ("addr:port"). */
    public record IscsiTarget(String iqn, int tpgt, List<String> portals) {
        public IscsiTarget { portals = List.copyOf(portals); }
    }

    /**
     * A logical unit: id, size in bytes, vendor and product, status ("free" or "used")
     * and the number of paths.
     */
    public record Lun(String id, long sizeBytes, String vendor, String product, String status, int paths) {
        public boolean used() { return "used".equalsIgnoreCase(status); }
    }
}
