package hostedengine.host;

import hostedengine.wizard.Answers;
import hostedengine.wizard.StorageDevices;

/**
 * Finds the iSCSI targets and the iSCSI or Fibre Channel LUNs the hosted-engine storage
 * domain can use: the answers of the role's iscsi_discover, iscsi_getdevices and
 * fc_getdevices tags (otopi_iscsi_targets, otopi_iscsi_devices, otopi_fc_devices). Each call
 * blocks until discovery has ended (seconds; a minute on a slow engine).
 *
 * @see RoleStorageDiscovery the one implementation the server uses (real role or simulator role)
 */
public interface StorageDiscovery {

    /** The targets the typed portal offers (its address, port and discovery CHAP in {@code answers}). */
    StorageDevices iscsiTargets(String owner, Answers answers) throws StorageDiscoveryException;

    /** The LUNs of the chosen target (in {@code answers}), whose portals {@code devices} lists. */
    StorageDevices iscsiLuns(String owner, Answers answers, StorageDevices devices) throws StorageDiscoveryException;

    /** The Fibre Channel LUNs this host sees. */
    StorageDevices fcLuns(String owner, Answers answers) throws StorageDiscoveryException;
}
