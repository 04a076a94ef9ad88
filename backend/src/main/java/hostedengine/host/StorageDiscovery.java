package hostedengine.host;

import hostedengine.wizard.StorageDevices;

/**
 * Finds the iSCSI targets and the iSCSI or Fibre Channel LUNs the hosted-engine storage
 * domain can use: the answers of the role's iscsi_discover, iscsi_getdevices and
 * fc_getdevices tags (otopi_iscsi_targets, otopi_iscsi_devices, otopi_fc_devices).
 */
public interface StorageDiscovery {

    /** The targets a portal offers (empty {@code user} means no CHAP for discovery). */
    StorageDevices iscsiTargets(String portal, int port, String user, String password)
            throws StorageDiscoveryException;

    /** The LUNs of one target portal group. */
    StorageDevices iscsiLuns(String iqn, int tpgt) throws StorageDiscoveryException;

    /** The Fibre Channel LUNs this host sees. */
    StorageDevices fcLuns() throws StorageDiscoveryException;
}
