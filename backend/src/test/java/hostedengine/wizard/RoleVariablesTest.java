package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static hostedengine.wizard.Fixtures.valid;
import static hostedengine.wizard.Fixtures.validIscsi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleVariablesTest {

    @Test
    void vmStepBecomesItsVariablesInDisplayOrder() {
        Map<String, Object> vm = RoleVariables.byStep(valid()).get(Step.VM);
        assertThat(vm.keySet()).containsExactly("he_fqdn", "he_cloud_init_host_name", "he_cloud_init_domain_name",
                "he_vm_mac_addr", "he_vm_ip_addr", "he_vm_ip_prefix", "he_gateway", "he_dns_addr", "he_bridge_if",
                "he_root_ssh_access", "he_vcpus", "he_mem_size_MB", "he_root_ssh_pubkey", "he_vm_etc_hosts",
                "he_mgmt_network", "he_host_address", "he_host_name", "he_network_test", "he_pause_host",
                "he_apply_openscap_profile");
        assertThat(vm).contains(entry("he_fqdn", "manager.example.com"), entry("he_cloud_init_host_name", "manager"),
                entry("he_cloud_init_domain_name", "example.com"), entry("he_vm_ip_prefix", 24),
                entry("he_vcpus", 4), entry("he_mem_size_MB", 16384), entry("he_vm_etc_hosts", true),
                entry("he_pause_host", false), entry("he_host_address", "host1.example.com"),
                entry("he_host_name", "host1.example.com"), entry("he_dns_addr", "192.168.1.2,8.8.8.8"));
    }

    @Test
    void dhcpLeavesTheStaticVariablesOut() {
        Map<String, Object> vm = RoleVariables.byStep(valid().with(NETWORK_CONFIGURATION, "dhcp")).get(Step.VM);
        assertThat(vm).doesNotContainKeys("he_vm_ip_addr", "he_vm_ip_prefix", "he_dns_addr");
        assertThat(vm).containsEntry("he_gateway", "192.168.1.1");
        Map<String, Object> noGateway = RoleVariables.byStep(valid().with(NETWORK_CONFIGURATION, "dhcp")
                .with(GATEWAY_ADDRESS, "")).get(Step.VM);
        assertThat(noGateway).doesNotContainKey("he_gateway");
    }

    @Test
    void tcpTestVariablesOnlyForTcp() {
        assertThat(RoleVariables.all(valid())).doesNotContainKeys("he_tcp_t_address", "he_tcp_t_port");
        Map<String, Object> tcp = RoleVariables.all(valid().with(NETWORK_TEST, "tcp")
                .with(TCP_TEST_ADDRESS, "10.0.0.1").with(TCP_TEST_PORT, "443"));
        assertThat(tcp).contains(entry("he_tcp_t_address", "10.0.0.1"), entry("he_tcp_t_port", 443));
    }

    @Test
    void applianceOvaOnlyWhenGiven() {
        assertThat(RoleVariables.all(valid())).doesNotContainKey("he_appliance_ova");
        assertThat(RoleVariables.all(valid().with(APPLIANCE_OVA, Fixtures.OVA)))
                .containsEntry("he_appliance_ova", Fixtures.OVA);
    }

    @Test
    void nfsConnectionSplitsIntoAddressAndPath() {
        Map<String, Object> storage = RoleVariables.byStep(valid().with(STORAGE_CONNECTION, "[fd00::9]:/exports/he/"))
                .get(Step.STORAGE);
        assertThat(storage.keySet()).containsExactly("he_domain_type", "he_storage_domain_addr",
                "he_storage_domain_path", "he_mount_options", "he_nfs_version", "he_storage_domain_name",
                "he_disk_size_GB", "he_discard");
        assertThat(storage).contains(entry("he_storage_domain_addr", "[fd00::9]"),
                entry("he_storage_domain_path", "/exports/he"), entry("he_disk_size_GB", 61),
                entry("he_discard", false));
    }

    @Test
    void glusterHasNoNfsVersion() {
        Map<String, Object> storage = RoleVariables.byStep(valid().with(STORAGE_TYPE, "glusterfs")
                .with(STORAGE_CONNECTION, "gluster1.example.com:/engine")).get(Step.STORAGE);
        assertThat(storage).doesNotContainKey("he_nfs_version")
                .containsEntry("he_storage_domain_addr", "gluster1.example.com")
                .containsEntry("he_storage_domain_path", "/engine");
    }

    @Test
    void iscsiStorageDomainAddressIsThePortalList() {
        Map<String, Object> storage = RoleVariables.byStep(validIscsi()).get(Step.STORAGE);
        assertThat(storage).contains(entry("he_domain_type", "iscsi"), entry("he_iscsi_portal_addr", "10.0.0.50"),
                entry("he_iscsi_portal_port", 3260), entry("he_iscsi_target", Fixtures.IQN), entry("he_iscsi_tpgt", 1),
                entry("he_storage_domain_addr", "10.0.0.50,10.0.1.50"), entry("he_lun_id", "36001405free"));
        assertThat(storage).doesNotContainKeys("he_storage_domain_path", "he_nfs_version", "he_mount_options",
                "he_iscsi_username");
    }

    @Test
    void fcHasOnlyTheLun() {
        Map<String, Object> storage = RoleVariables.byStep(valid().with(STORAGE_TYPE, "fc").with(LUN_ID, "3600a"))
                .get(Step.STORAGE);
        assertThat(storage.keySet()).containsExactly("he_domain_type", "he_storage_domain_name", "he_lun_id",
                "he_disk_size_GB", "he_discard");
    }

    @Test
    void engineStepVariables() {
        assertThat(RoleVariables.byStep(valid()).get(Step.ENGINE)).containsExactly(
                entry("he_smtp_server", "localhost"), entry("he_smtp_port", 25),
                entry("he_source_email", "root@localhost"), entry("he_dest_email", "root@localhost"));
    }

    @Test
    void secretsNeverAppearInTheNonSecretVariables() {
        Map<String, Object> all = RoleVariables.all(validIscsi().with(ISCSI_PASSWORD, "chap-secret"));
        assertThat(all).doesNotContainKeys("he_appliance_password", "he_admin_password", "he_iscsi_password");
        assertThat(all.values()).doesNotContain("chap-secret", valid().get(ROOT_PASSWORD), valid().get(ADMIN_PASSWORD));
    }

    @Test
    void secretsAreTheSetPasswords() {
        assertThat(RoleVariables.secrets(validIscsi().with(ISCSI_PASSWORD, "chap"))).containsOnlyKeys(
                "he_appliance_password", "he_admin_password", "he_iscsi_password");
        assertThat(RoleVariables.secrets(valid().with(ISCSI_PASSWORD, "chap")))
                .containsOnlyKeys("he_appliance_password", "he_admin_password");
        assertThat(RoleVariables.secrets(Answers.empty())).isEmpty();
    }

    @Test
    void fixedValuesComeWithEveryVarsFile() {
        assertThat(RoleVariables.fixed()).containsExactly(entry("he_vm_name", "HostedEngine"),
                entry("he_console_type", "vnc"), entry("he_local_vm_dir_path", "/var/tmp"),
                entry("he_local_vm_dir_prefix", "localvm"), entry("he_admin_username", "admin@internal"));
        assertThat(RoleVariables.all(valid())).containsAllEntriesOf(RoleVariables.fixed());
    }

    @Test
    void invalidAnswersStillBecomeVariablesAsTyped() {
        Answers bad = Answers.empty().with(VCPUS, "12abc").with(NETWORK_CONFIGURATION, "static")
                .with(VM_IP_PREFIX, "x").with(STORAGE_TYPE, "nfs").with(STORAGE_CONNECTION, "nonsense")
                .with(DISK_SIZE_GB, "99999999999999999999");
        Map<String, Object> all = RoleVariables.all(bad);
        assertThat(all).contains(entry("he_vcpus", "12abc"), entry("he_vm_ip_prefix", "x"),
                entry("he_storage_domain_addr", "nonsense"), entry("he_storage_domain_path", ""),
                entry("he_disk_size_GB", "99999999999999999999"), entry("he_fqdn", ""));
    }

    @Test
    void everyWrittenNameIsDeclared() {
        Answers tcp = validIscsi().with(NETWORK_TEST, "tcp").with(TCP_TEST_ADDRESS, "a.b").with(TCP_TEST_PORT, "1")
                .with(APPLIANCE_OVA, Fixtures.OVA).with(ISCSI_USERNAME, "u").with(ISCSI_DISCOVER_USERNAME, "d")
                .with(ISCSI_PASSWORD, "p").with(ISCSI_DISCOVER_PASSWORD, "q");
        assertThat(RoleVariables.names()).containsAll(RoleVariables.all(tcp).keySet())
                .containsAll(RoleVariables.all(valid()).keySet())
                .containsAll(RoleVariables.secrets(tcp).keySet());
    }

    @Test
    void commaListsLoseTheSpacesAroundEntries() {
        Map<String, Object> all = RoleVariables.all(valid().with(DNS_SERVERS, "8.8.8.8, 8.8.4.4")
                .with(DEST_EMAILS, "a@example.com , b@example.com"));
        assertThat(all).contains(entry("he_dns_addr", "8.8.8.8,8.8.4.4"),
                entry("he_dest_email", "a@example.com,b@example.com"));
    }

    @Test
    void iscsiLoginListsThePortalsOfTheChosenGroup() {
        assertThat(RoleVariables.iscsiLogin(validIscsi(), Fixtures.devices())).containsExactly(
                entry("he_iscsi_portal_addr", "10.0.0.50,10.0.1.50"), entry("he_iscsi_portal_port", "3260,3260"));
        assertThat(RoleVariables.iscsiLogin(validIscsi().with(ISCSI_TPGT, "2")
                .with(ISCSI_TARGET_PORTALS, "fd00:2::50"), Fixtures.devices())).containsExactly(
                entry("he_iscsi_portal_addr", "fd00:2::50"), entry("he_iscsi_portal_port", "3260"));
        assertThat(RoleVariables.iscsiLogin(validIscsi().with(ISCSI_PORTAL_PORT, "3261"), StorageDevices.none()))
                .containsExactly(entry("he_iscsi_portal_addr", "10.0.0.50,10.0.1.50"),
                        entry("he_iscsi_portal_port", "3261,3261"));
    }
}
