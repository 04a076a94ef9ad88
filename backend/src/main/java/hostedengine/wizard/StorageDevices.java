package hostedengine.wizard;

import java.util.List;
import java.util.Optional;

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

        /** The portals' addresses, without ports or brackets: what he_storage_domain_addr joins. */
        public List<String> addresses() { return portals.stream().map(IscsiTarget::address).toList(); }

        /** "10.0.0.5:3260" → "10.0.0.5"; "[fd00::5]:3260" → "fd00::5"; an address without port stays. */
        public static String address(String portal) {
            String p = portal.strip();
            if (p.startsWith("[")) {
                int close = p.indexOf(']');
                return close > 0 ? p.substring(1, close) : p;
            }
            if (IpLiteral.isLiteral(p)) return p;
            int colon = p.lastIndexOf(':');
            return colon > 0 ? p.substring(0, colon) : p;
        }

        /** "10.0.0.5:3260" → "3260"; "[fd00::5]:3260" → "3260"; empty when the portal names no port. */
        public static Optional<String> port(String portal) {
            String p = portal.strip();
            if (IpLiteral.isLiteral(p)) return Optional.empty();
            int colon = p.startsWith("[") ? p.indexOf("]:") + 1 : p.lastIndexOf(':');
            return colon > 0 && colon < p.length() - 1 ? Optional.of(p.substring(colon + 1)) : Optional.empty();
        }
    }

    /**
     * A logical unit: id, size in bytes, vendor and product, status ("free" or "used")
     * and the number of paths.
     */
    public record Lun(String id, long sizeBytes, String vendor, String product, String status, int paths) {
        public boolean used() { return "used".equalsIgnoreCase(status); }
    }
}
