package hostedengine.host;

import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.StorageDevices.IscsiTarget;
import hostedengine.wizard.StorageDevices.Lun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedStorageDiscoveryTest {
    private static final long GIB = 1024L * 1024 * 1024;
    /** 50 GiB minimal disk + oVirt's 15.24 GiB overhead (FIELDS.md). */
    private static final double SMALLEST_USABLE_GIB = 50 + 15.24;

    private final StorageDiscovery discovery = new SimulatedStorageDiscovery();

    @Test
    void portalOffersMultipathTargetAndATargetInTwoGroups() throws Exception {
        List<IscsiTarget> targets = discovery.iscsiTargets("192.0.2.10", 3260, "", "").targets();

        assertThat(targets).hasSizeGreaterThanOrEqualTo(2);
        assertThat(targets).anySatisfy(t -> assertThat(t.portals()).hasSize(2));
        assertThat(targets).allSatisfy(t -> assertThat(t.portals()).allMatch(p -> p.matches(".+:\\d+")));
        assertThat(targets.stream().filter(t -> t.iqn().equals(SimulatedStorageDiscovery.IQN_TWO_GROUPS)))
                .extracting(IscsiTarget::tpgt).containsExactly(1, 2);
        assertThat(targets).allSatisfy(t -> assertThat(t.iqn()).startsWith("iqn."));
    }

    @Test
    void typedPortAndAddressReachTheTargets() throws Exception {
        List<IscsiTarget> targets = discovery.iscsiTargets("192.0.2.10", 3261, "", "").targets();
        assertThat(targets.get(0).portals()).contains("192.0.2.10:3261");
    }

    @Test
    void unreachablePortalFailsWithAReadableMessage() {
        assertThatThrownBy(() -> discovery.iscsiTargets("192.0.2.99", 3260, "", ""))
                .isInstanceOf(StorageDiscoveryException.class)
                .hasMessage("iSCSI discovery failed: no response from portal 192.0.2.99:3260");
    }

    @Test
    void iscsiLunsCoverUsedTooSmallAndTwoThatFit() throws Exception {
        assertLunMix(discovery.iscsiLuns(SimulatedStorageDiscovery.IQN_MULTIPATH, 1));
        assertThat(discovery.iscsiLuns(SimulatedStorageDiscovery.IQN_MULTIPATH, 1).luns())
                .allSatisfy(l -> assertThat(l.id()).startsWith("36001405"));
    }

    @Test
    void fcLunsCoverUsedTooSmallAndTwoThatFit() throws Exception {
        assertLunMix(discovery.fcLuns());
    }

    private static void assertLunMix(StorageDevices devices) {
        List<Lun> luns = devices.luns();
        assertThat(luns).filteredOn(Lun::used).hasSize(1);
        assertThat(luns).filteredOn(l -> !l.used() && l.sizeBytes() < SMALLEST_USABLE_GIB * GIB).hasSize(1);
        assertThat(luns).filteredOn(l -> !l.used() && l.sizeBytes() >= SMALLEST_USABLE_GIB * GIB)
                .extracting(Lun::sizeBytes).containsExactlyInAnyOrder(80 * GIB, 100 * GIB);
        assertThat(luns).allSatisfy(l -> {
            assertThat(l.paths()).isPositive();
            assertThat(l.vendor()).isNotBlank();
            assertThat(l.status()).isIn("free", "used");
        });
    }
}
