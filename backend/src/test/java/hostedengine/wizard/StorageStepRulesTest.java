package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static hostedengine.wizard.Fixtures.keys;
import static hostedengine.wizard.Fixtures.valid;
import static hostedengine.wizard.Fixtures.validIscsi;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageStepRulesTest {

    private static List<FieldError> storage(Answers a) {
        return Fixtures.rules().check(Step.STORAGE, a, Fixtures.devices());
    }

    @Test
    void unknownStorageTypeIsRejected() {
        assertThat(keys(valid().with(STORAGE_TYPE, "ceph"), STORAGE_TYPE)).containsExactly("error.choice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage.example.com:/exports/he", "10.0.0.9:/he/", "[fd00::9]:/exports/he",
            "gluster1:/engine"})
    void storageConnectionServerColonPathIsAccepted(String connection) {
        assertThat(keys(valid().with(STORAGE_CONNECTION, connection), STORAGE_CONNECTION)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage.example.com", "storage.example.com:exports", ":/exports", "storage:/",
            "bad host:/exports", "storage;id:/exports"})
    void storageConnectionWithoutServerAndPathIsRejected(String connection) {
        assertThat(keys(valid().with(STORAGE_CONNECTION, connection), STORAGE_CONNECTION))
                .containsExactly("error.storageConnection");
    }

    @Test
    void ipv6StorageServerWithoutBracketsIsRejected() {
        assertThat(keys(valid().with(STORAGE_CONNECTION, "fd00::9:/exports/he"), STORAGE_CONNECTION))
                .containsExactly("error.storageConnectionIpv6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "timeo=600", "timeo=600,retrans=6,soft", "backup-volfile-servers=g2:g3"})
    void mountOptionsListIsAccepted(String options) {
        assertThat(keys(valid().with(MOUNT_OPTIONS, options), MOUNT_OPTIONS)).isEmpty();
    }

    @Test
    void glusterNamingFewerThanThreeServersIsOnlyAWarningAtTheMountOptions() {
        Answers gluster = valid().with(STORAGE_TYPE, "glusterfs").with(STORAGE_CONNECTION, "gluster1.example.com:/engine");
        List<FieldError> alone = storage(gluster.with(MOUNT_OPTIONS, ""));
        assertThat(alone).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(MOUNT_OPTIONS);
            assertThat(e.key()).isEqualTo("error.glusterServers");
            assertThat(e.blocking()).isFalse();
            assertThat(e.args()).containsExactly("1");
        });
        assertThat(storage(gluster.with(MOUNT_OPTIONS, "backup-volfile-servers=gluster2.example.com")))
                .singleElement().satisfies(e -> assertThat(e.args()).containsExactly("2"));
        assertThat(storage(gluster.with(MOUNT_OPTIONS, "backup-volfile-servers=GLUSTER1.example.com:gluster2.example.com")))
                .as("the connection's own server counts once").singleElement()
                .satisfies(e -> assertThat(e.args()).containsExactly("2"));
        assertThat(storage(gluster.with(MOUNT_OPTIONS, "backup-volfile-servers=gluster2.example.com:gluster3.example.com"))).isEmpty();
        assertThat(storage(gluster.with(MOUNT_OPTIONS, "backupvolfile-server=gluster2,backup-volfile-servers=gluster3"))).isEmpty();
        assertThat(storage(gluster.with(STORAGE_TYPE, "nfs").with(MOUNT_OPTIONS, ""))).as("NFS has no replicas").isEmpty();
        assertThat(keys(gluster.with(MOUNT_OPTIONS, "a=b=c"), MOUNT_OPTIONS)).as("a malformed list is its error only")
                .containsExactly("error.mountOptions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeo=600, retrans=6", "timeo=600,,soft", ",soft", "timeo=", "a=b=c", "-o soft"})
    void malformedMountOptionsAreRejected(String options) {
        assertThat(keys(valid().with(MOUNT_OPTIONS, options), MOUNT_OPTIONS)).containsExactly("error.mountOptions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "v3", "v4", "v4_0", "v4_1", "v4_2"})
    void knownNfsVersionsAreAccepted(String version) {
        assertThat(keys(valid().with(NFS_VERSION, version), NFS_VERSION)).isEmpty();
    }

    @Test
    void unknownNfsVersionIsRejected() {
        assertThat(keys(valid().with(NFS_VERSION, "v5"), NFS_VERSION)).containsExactly("error.choice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosted storage", "hosted;storage", "ストレージ", "hosted.storage"})
    void storageDomainNameOutsideTheWhitelistIsRejected(String name) {
        assertThat(keys(valid().with(STORAGE_DOMAIN_NAME, name), STORAGE_DOMAIN_NAME))
                .containsExactly("error.storageDomainName");
    }

    @Test
    void storageDomainNameOf50IsAcceptedAnd51IsTooLong() {
        assertThat(keys(valid().with(STORAGE_DOMAIN_NAME, "a".repeat(50)), STORAGE_DOMAIN_NAME)).isEmpty();
        assertThat(keys(valid().with(STORAGE_DOMAIN_NAME, "a".repeat(51)), STORAGE_DOMAIN_NAME))
                .containsExactly("error.tooLong");
    }

    @Test
    void diskSizeBetweenRoleMinimumAnd4096IsAccepted() {
        assertThat(keys(valid().with(DISK_SIZE_GB, "50"), DISK_SIZE_GB)).isEmpty();
        assertThat(keys(valid().with(DISK_SIZE_GB, "4096"), DISK_SIZE_GB)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"49", "4097", "0"})
    void diskSizeOutsideRangeIsRejected(String size) {
        assertThat(keys(valid().with(DISK_SIZE_GB, size), DISK_SIZE_GB)).containsExactly("error.range");
    }

    @Test
    void nfsIgnoresTheIscsiFields() {
        assertThat(storage(valid().with(ISCSI_PORTAL_ADDRESS, "bad host").with(ISCSI_PORTAL_PORT, "0")
                .with(LUN_ID, "nope"))).isEmpty();
    }

    @Test
    void iscsiIgnoresTheFileStorageFields() {
        assertThat(storage(validIscsi().with(STORAGE_CONNECTION, "nonsense").with(NFS_VERSION, "v9"))).isEmpty();
    }

    @Test
    void validIscsiAnswersPass() {
        assertThat(storage(validIscsi())).isEmpty();
    }

    @Test
    void iscsiPortalMustBeAHostNameOrAddress() {
        assertThat(keys(validIscsi().with(ISCSI_PORTAL_ADDRESS, "portal;id"), ISCSI_PORTAL_ADDRESS))
                .containsExactly("error.hostName");
        assertThat(keys(validIscsi().with(ISCSI_PORTAL_ADDRESS, "iscsi.example.com"), ISCSI_PORTAL_ADDRESS))
                .isEmpty();
        assertThat(keys(validIscsi().with(ISCSI_PORTAL_ADDRESS, ""), ISCSI_PORTAL_ADDRESS))
                .containsExactly("error.required");
    }

    @Test
    void iscsiPortalPortOutsideRangeIsRejected() {
        assertThat(keys(validIscsi().with(ISCSI_PORTAL_PORT, "0"), ISCSI_PORTAL_PORT)).containsExactly("error.range");
        assertThat(keys(validIscsi().with(ISCSI_PORTAL_PORT, "32a"), ISCSI_PORTAL_PORT))
                .containsExactly("error.integer");
    }

    @Test
    void iscsiTargetIsRequired() {
        assertThat(keys(validIscsi().with(ISCSI_TARGET, ""), ISCSI_TARGET)).containsExactly("error.required");
    }

    @Test
    void iscsiTargetNotDiscoveredIsRejected() {
        assertThat(keys(validIscsi().with(ISCSI_TARGET, "iqn.2017-10.com.example:other"), ISCSI_TARGET))
                .containsExactly("error.iscsiTarget");
        assertThat(keys(validIscsi(), ISCSI_TARGET, StorageDevices.none())).containsExactly("error.iscsiTarget");
    }

    @Test
    void iscsiTargetWithAnotherPortalGroupTagIsRejected() {
        assertThat(keys(validIscsi().with(ISCSI_TPGT, "3"), ISCSI_TARGET)).containsExactly("error.iscsiTarget");
        assertThat(keys(validIscsi().with(ISCSI_TPGT, ""), ISCSI_TARGET)).containsExactly("error.iscsiTarget");
    }

    @Test
    void iscsiPortalsMustBeThoseOfTheChosenGroup() {
        assertThat(keys(validIscsi().with(ISCSI_TARGET_PORTALS, "10.0.0.50"), ISCSI_TARGET_PORTALS))
                .containsExactly("error.iscsiPortals");
        assertThat(keys(validIscsi().with(ISCSI_TARGET_PORTALS, "10.0.1.50, 10.0.0.50"), ISCSI_TARGET_PORTALS))
                .isEmpty();
        Answers group2 = validIscsi().with(ISCSI_TPGT, "2").with(ISCSI_TARGET_PORTALS, "fd00:2::50");
        assertThat(storage(group2)).isEmpty();
    }

    @Test
    void lunIsRequiredForIscsiAndFc() {
        assertThat(keys(validIscsi().with(LUN_ID, ""), LUN_ID)).containsExactly("error.required");
        assertThat(keys(valid().with(STORAGE_TYPE, "fc"), LUN_ID)).containsExactly("error.required");
        assertThat(storage(valid().with(STORAGE_TYPE, "fc").with(LUN_ID, "36001405free"))).isEmpty();
    }

    @Test
    void lunNotDiscoveredIsRejected() {
        assertThat(keys(validIscsi().with(LUN_ID, "3600nope"), LUN_ID)).containsExactly("error.lunUnknown");
    }

    @Test
    void usedLunIsRejected() {
        assertThat(keys(validIscsi().with(LUN_ID, "36001405used"), LUN_ID)).containsExactly("error.lunUsed");
    }

    @Test
    void lunSmallerThanDiskPlusOverheadIsRejected() {
        // 70 GiB < 61 + 15.24
        List<FieldError> errors = storage(validIscsi().with(LUN_ID, "36001405small"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("error.lunTooSmall");
            assertThat(e.args()).containsExactly("70.00", "76.24");
        });
    }

    @Test
    void smallerDiskMakesTheSameLunBigEnough() {
        assertThat(storage(validIscsi().with(LUN_ID, "36001405small").with(DISK_SIZE_GB, "54"))).isEmpty();
    }

    @Test
    void iscsiCredentialsAreOptionalButRefuseControlCharacters() {
        assertThat(keys(validIscsi().with(ISCSI_USERNAME, "chap\tuser"), ISCSI_USERNAME))
                .containsExactly("error.controlCharacters");
        assertThat(keys(validIscsi().with(ISCSI_PASSWORD, "{{ not a template }}"), ISCSI_PASSWORD)).isEmpty();
    }
}
