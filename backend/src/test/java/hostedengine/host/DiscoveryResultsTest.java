package hostedengine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.wizard.StorageDevices.IscsiTarget;
import hostedengine.wizard.StorageDevices.Lun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role's registered discovery results, in the shapes ovirt_host and ovirt_host_storage_info return. */
class DiscoveryResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** otopi_iscsi_targets as ovirt_host (state: iscsidiscover) registers it: the engine writes portal as "addr:port,tpgt". */
    private static final String TARGETS = """
            {"changed": false, "id": "8c1a2b3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d",
             "iscsi_targets": ["iqn.2003-01.org.example:he", "iqn.2003-01.org.example:he", "iqn.2003-01.org.example:data",
                               "iqn.2003-01.org.example:data", "iqn.2003-01.org.example:v6"],
             "iscsi_targets_struct": [
               {"address": "10.0.0.50", "port": 3260, "portal": "10.0.0.50:3260,1", "target": "iqn.2003-01.org.example:he"},
               {"address": "10.0.1.50", "port": 3260, "portal": "10.0.1.50:3260,1", "target": "iqn.2003-01.org.example:he"},
               {"address": "10.0.0.50", "port": 3260, "portal": "10.0.0.50:3260,1", "target": "iqn.2003-01.org.example:data"},
               {"address": "10.0.2.50", "port": 3261, "portal": "10.0.2.50:3261,2", "target": "iqn.2003-01.org.example:data"},
               {"address": "fd00:2::50", "port": 3260, "portal": "fd00:2::50:3260,7", "target": "iqn.2003-01.org.example:v6"}]}
            """;

    /** otopi_iscsi_devices as ovirt_host_storage_info registers it. */
    private static final String LUNS = """
            {"changed": false, "ovirt_host_storages": [
              {"id": "36001405aaa", "type": "iscsi", "host": {"id": "h1"}, "logical_units": [
                {"id": "36001405aaa", "address": "10.0.0.50", "port": 3260, "target": "iqn.2003-01.org.example:he",
                 "portal": "10.0.0.50:3260,1", "size": 107374182400, "vendor_id": "LIO-ORG", "product_id": "he_lun",
                 "serial": "SLIO-ORG_he_lun", "status": "free", "paths": 2, "lun_mapping": 0,
                 "discard_max_size": 0, "discard_zeroes_data": false}]},
              {"id": "36001405bbb", "type": "iscsi", "host": {"id": "h1"}, "logical_units": [
                {"id": "36001405bbb", "size": 21474836480, "vendor_id": "LIO-ORG", "product_id": "data",
                 "status": "used", "paths": 1}]}]}
            """;

    /** One target detail as the engine writes it, with one value replaced by what a hostile host might report. */
    private static Map<String, Object> target(String iqn, String address, Object port, String portal) {
        return Map.of("iscsi_targets_struct", List.of(Map.of("address", address, "port", port, "portal", portal, "target", iqn)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "iqn.2003-01.org.example:he;touch /tmp/x", "iqn.2003-01.org.example:$(id)", "-iqn.2003-01.org.example:he",
            "iqn.2003-01.org.example:he\nrm -rf /", "{{ lookup('pipe','id') }}", "iqn.2003-01.org example:he"})
    void aTargetNameWithShellOrTemplateTextStopsDiscovery(String iqn) {
        assertThatThrownBy(() -> DiscoveryResults.targets(target(iqn.replace("\\n", "\n"), "10.0.0.50", 3260, "10.0.0.50:3260,1")))
                .isInstanceOf(StorageDiscoveryException.class)
                .hasMessageContaining("not an iSCSI name");
    }

    @Test
    void aPortalAddressWithShellTextStopsDiscovery() {
        assertThatThrownBy(() -> DiscoveryResults.targets(target("iqn.2003-01.org.example:he", "10.0.0.50;id", 3260,
                "10.0.0.50:3260,1"))).isInstanceOf(StorageDiscoveryException.class)
                .hasMessageContaining("neither an IP address nor a host name");
    }

    @Test
    void aPortalPortThatIsNotANumberStopsDiscovery() {
        assertThatThrownBy(() -> DiscoveryResults.targets(target("iqn.2003-01.org.example:he", "10.0.0.50", "3260 -x",
                "10.0.0.50:3260,1"))).isInstanceOf(StorageDiscoveryException.class)
                .hasMessageContaining("portal port");
    }

    @Test
    void aLunIdWithShellTextStopsDiscovery() {
        var luns = Map.of("ovirt_host_storages", List.of(Map.of("logical_units",
                List.of(Map.of("id", "36001405aaa`reboot`", "size", 107374182400L, "status", "free", "paths", 1)))));

        assertThatThrownBy(() -> DiscoveryResults.luns(luns, "otopi_iscsi_devices"))
                .isInstanceOf(StorageDiscoveryException.class)
                .hasMessageContaining("LUN id")
                .hasMessageContaining("36001405aaa`reboot`");
    }

    @Test
    void eightByteEuiAndNaaNamesAreTargetNamesToo() throws Exception {
        assertThat(DiscoveryResults.targets(target("eui.02004567A425678D", "10.0.0.50", 3260, "10.0.0.50:3260,1")))
                .extracting(IscsiTarget::iqn).containsExactly("eui.02004567A425678D");
        assertThat(DiscoveryResults.targets(target("naa.52004567BA64678D", "10.0.0.50", 3260, "10.0.0.50:3260,1")))
                .extracting(IscsiTarget::iqn).containsExactly("naa.52004567BA64678D");
    }

    @Test
    void multipathPortalsOfOneGroupMakeOneTargetWithBothPortals() throws Exception {
        List<IscsiTarget> targets = DiscoveryResults.targets(parse(TARGETS));

        assertThat(targets).contains(new IscsiTarget("iqn.2003-01.org.example:he", 1,
                List.of("10.0.0.50:3260", "10.0.1.50:3260")));
    }

    @Test
    void oneTargetInTwoGroupsIsListedOncePerGroup() throws Exception {
        List<IscsiTarget> targets = DiscoveryResults.targets(parse(TARGETS));

        assertThat(targets).filteredOn(t -> t.iqn().equals("iqn.2003-01.org.example:data"))
                .extracting(IscsiTarget::tpgt, IscsiTarget::portals)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, List.of("10.0.0.50:3260")),
                        org.assertj.core.groups.Tuple.tuple(2, List.of("10.0.2.50:3261")));
    }

    @Test
    void ipv6PortalIsBracketedAndItsGroupIsReadAfterTheLastComma() throws Exception {
        IscsiTarget v6 = DiscoveryResults.targets(parse(TARGETS)).stream()
                .filter(t -> t.iqn().endsWith(":v6")).findFirst().orElseThrow();

        assertThat(v6.tpgt()).isEqualTo(7);
        assertThat(v6.portals()).containsExactly("[fd00:2::50]:3260");
        assertThat(v6.addresses()).containsExactly("fd00:2::50");
    }

    @Test
    void noTargetsIsAnEmptyList() throws Exception {
        assertThat(DiscoveryResults.targets(parse("{\"changed\": false, \"iscsi_targets\": [], \"iscsi_targets_struct\": []}")))
                .isEmpty();
        assertThat(DiscoveryResults.targets(Map.of())).isEmpty();
    }

    @Test
    void aPortalWithoutGroupTagIsAnUnexpectedShape() {
        assertThatThrownBy(() -> DiscoveryResults.targets(parse("""
                {"iscsi_targets_struct": [{"address": "10.0.0.5", "port": 3260, "portal": "10.0.0.5:3260", "target": "iqn.x:y"}]}
                """))).isInstanceOf(StorageDiscoveryException.class).hasMessageContaining("portal group tag");
    }

    @Test
    void lunsCarryIdSizeVendorProductStatusAndPaths() throws Exception {
        List<Lun> luns = DiscoveryResults.luns(parse(LUNS), "otopi_iscsi_devices");

        assertThat(luns).containsExactly(
                new Lun("36001405aaa", 107374182400L, "LIO-ORG", "he_lun", "free", 2),
                new Lun("36001405bbb", 21474836480L, "LIO-ORG", "data", "used", 1));
        assertThat(luns.get(1).used()).isTrue();
    }

    @Test
    void olderRolesListTheLunsUnderAnsibleFacts() throws Exception {
        List<Lun> luns = DiscoveryResults.luns(parse("{\"ansible_facts\": " + LUNS + "}"), "otopi_fc_devices");

        assertThat(luns).extracting(Lun::id).containsExactly("36001405aaa", "36001405bbb");
    }

    @Test
    void noLunsIsAnEmptyList() throws Exception {
        assertThat(DiscoveryResults.luns(parse("{\"changed\": false, \"ovirt_host_storages\": []}"), "otopi_fc_devices")).isEmpty();
    }

    @Test
    void theEnginesFaultBecomesItsDetailAndReason() {
        assertThat(DiscoveryResults.readable("Fault reason is \"Operation Failed\". Fault detail is "
                + "\"[Failed discovery of iSCSI targets]\". HTTP response code is 400."))
                .isEqualTo("Failed discovery of iSCSI targets (Operation Failed)");
    }

    @Test
    void anyOtherMessageKeepsItsFirstLineShortened() {
        assertThat(DiscoveryResults.readable("Connection refused\nTraceback (most recent call last): ...")).isEqualTo("Connection refused");
        assertThat(DiscoveryResults.readable("x".repeat(400))).hasSize(301).endsWith("…");
    }

    private static Object parse(String json) throws Exception { return JSON.readValue(json, Object.class); }
}
