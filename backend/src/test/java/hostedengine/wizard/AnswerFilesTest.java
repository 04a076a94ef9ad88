package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static hostedengine.wizard.Fixtures.valid;
import static hostedengine.wizard.Fixtures.validIscsi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerFilesTest {

    /** Fields an export carries; the rest are secrets or only steer the form. */
    private static void assertSameNonSecretAnswers(Answers actual, Answers expected, Set<Field> skip) {
        for (Field f : Field.values()) {
            if (f.secret() || skip.contains(f)) continue;
            assertThat(actual.get(f)).as(f.id()).isEqualTo(expected.get(f));
        }
    }

    @Test
    void exportHasNoSecretsAndNoFixedValues() {
        Map<String, Object> json = AnswerFiles.export(Fixtures.rules(), valid(), Fixtures.devices());
        assertThat(json).doesNotContainKeys("he_appliance_password", "he_admin_password", "he_vm_name");
        assertThat(json.values()).doesNotContain(valid().get(ROOT_PASSWORD));
    }

    @Test
    void staticNfsAnswersRoundTrip() {
        Answers back = AnswerFiles.fromRoleVariables(AnswerFiles.export(Fixtures.rules(), valid(), Fixtures.devices())).answers();
        // iSCSI port is not exported for NFS: only the chosen storage type's variables travel.
        assertSameNonSecretAnswers(back, valid(), EnumSet.of(ISCSI_PORTAL_PORT));
    }

    @Test
    void dhcpIscsiAnswersRoundTrip() {
        Answers a = validIscsi().with(NETWORK_CONFIGURATION, "dhcp").with(VM_IP_ADDRESS, null)
                .with(VM_IP_PREFIX, null).with(DNS_SERVERS, null).with(ISCSI_USERNAME, "chap")
                .with(NETWORK_TEST, "tcp").with(TCP_TEST_ADDRESS, "10.0.0.1").with(TCP_TEST_PORT, "443")
                .with(APPLIANCE_OVA, Fixtures.OVA).with(NFS_VERSION, null);
        ImportResult result = AnswerFiles.fromRoleVariables(AnswerFiles.export(Fixtures.rules(), a, Fixtures.devices()));
        assertSameNonSecretAnswers(result.answers(), a, EnumSet.noneOf(Field.class));
        assertThat(result.ignoredKeys()).isEmpty();
        assertThat(result.ignoredSecrets()).isEmpty();
    }

    @Test
    void glusterAnswersRoundTrip() {
        Answers a = valid().with(STORAGE_TYPE, "glusterfs").with(STORAGE_CONNECTION, "gluster1.example.com:/engine")
                .with(MOUNT_OPTIONS, "backup-volfile-servers=gluster2:gluster3").with(NFS_VERSION, null)
                .with(ISCSI_PORTAL_PORT, null);
        assertSameNonSecretAnswers(AnswerFiles.fromRoleVariables(AnswerFiles.export(Fixtures.rules(), a, Fixtures.devices())).answers(), a,
                EnumSet.noneOf(Field.class));
    }

    @Test
    void importedValidAnswersPassTheRules() {
        Answers back = AnswerFiles.fromRoleVariables(AnswerFiles.export(Fixtures.rules(), valid(), Fixtures.devices())).answers()
                .merge(valid().onlySecrets());
        assertThat(Fixtures.rules().checkAll(back, Fixtures.devices())).isEmpty();
    }

    @Test
    void importListsSecretsAndUnknownKeysWithoutUsingThem() {
        Map<String, Object> json = new HashMap<>(AnswerFiles.export(Fixtures.rules(), valid(), Fixtures.devices()));
        json.put("he_admin_password", "leaked");
        json.put("he_appliance_password", "leaked");
        json.put("he_something_new", "x");
        json.put("he_vm_name", "HostedEngine");
        ImportResult r = AnswerFiles.fromRoleVariables(json);
        assertThat(r.ignoredSecrets()).containsExactlyInAnyOrder("he_admin_password", "he_appliance_password");
        assertThat(r.ignoredKeys()).containsExactly("he_something_new");
        assertThat(r.answers().onlySecrets().asMap()).isEmpty();
        assertThat(r.answers().asMap().values()).doesNotContain("leaked");
    }

    @Test
    void importKeepsWrongTypesAsTextForTheRulesToReport() {
        Map<String, Object> json = new HashMap<>();
        json.put("he_vcpus", 4.5);
        json.put("he_mem_size_MB", List.of(1, 2));
        json.put("he_vm_etc_hosts", "yes");
        json.put("he_smtp_port", 25);
        json.put("he_discard", true);
        json.put("he_fqdn", null);
        json.put("he_gateway", Map.of("a", 1));
        Answers a = AnswerFiles.fromRoleVariables(json).answers();
        assertThat(a.get(VCPUS)).isEqualTo("4.5");
        assertThat(a.get(MEMORY_SIZE_MB)).isEqualTo("[1, 2]");
        assertThat(a.get(SMTP_PORT)).isEqualTo("25");
        assertThat(a.get(DISCARD)).isEqualTo("true");
        assertThat(a.has(ENGINE_VM_FQDN)).isFalse();
        assertThat(Fixtures.keys(a, VCPUS)).containsExactly("error.integer");
        assertThat(Fixtures.keys(a, EDIT_HOSTS_FILE)).containsExactly("error.boolean");
    }

    @Test
    void importNeverThrows() {
        Map<String, Object> weird = new HashMap<>();
        weird.put(null, "x");
        weird.put("he_fqdn", new Object() {
            @Override public String toString() { throw new IllegalStateException("boom"); }
        });
        assertThatCode(() -> AnswerFiles.fromRoleVariables(weird)).doesNotThrowAnyException();
        assertThatCode(() -> AnswerFiles.fromRoleVariables(null)).doesNotThrowAnyException();
        assertThatCode(() -> AnswerFiles.fromOtopi(null)).doesNotThrowAnyException();
        assertThatCode(() -> AnswerFiles.fromOtopi("garbage\n=\n[x\nOVEHOSTED_VM/vmVCpus")).doesNotThrowAnyException();
    }

    @Test
    void staticNetworkIsInferredFromTheVmAddress() {
        assertThat(AnswerFiles.fromRoleVariables(Map.of("he_vm_ip_addr", "192.168.1.20")).answers()
                .get(NETWORK_CONFIGURATION)).isEqualTo("static");
        assertThat(AnswerFiles.fromRoleVariables(Map.of("he_fqdn", "m.example.com")).answers()
                .get(NETWORK_CONFIGURATION)).isEqualTo("dhcp");
    }

    static final String OTOPI = String.join("\n",
            "# OTOPI answer file, generated by human dialog",
            "[environment:default]",
            "OVEHOSTED_CORE/deployProceed=bool:True",
            "OVEHOSTED_CORE/screenProceed=bool:True",
            "OVEHOSTED_ENGINE/adminPassword=str:AdminSecret!",
            "OVEHOSTED_ENGINE/clusterName=str:Default",
            "OVEHOSTED_NETWORK/bridgeIf=str:eth0",
            "OVEHOSTED_NETWORK/bridgeName=str:ovirtmgmt",
            "OVEHOSTED_NETWORK/fqdn=str:manager.example.com",
            "OVEHOSTED_NETWORK/gateway=str:192.168.1.1",
            "OVEHOSTED_NETWORK/host_name=str:host1.example.com",
            "OVEHOSTED_NETWORK/network_test=str:dns",
            "OVEHOSTED_NETWORK/network_test_tcp_address=none:None",
            "OVEHOSTED_NETWORK/network_test_tcp_port=none:None",
            "OVEHOSTED_NOTIF/destEmail=str:ops@example.com admin@example.com",
            "OVEHOSTED_NOTIF/smtpPort=str:25",
            "OVEHOSTED_NOTIF/smtpServer=str:smtp.example.com",
            "OVEHOSTED_NOTIF/sourceEmail=str:he@example.com",
            "OVEHOSTED_STORAGE/LunID=none:None",
            "OVEHOSTED_STORAGE/discardSupport=bool:False",
            "OVEHOSTED_STORAGE/domainType=str:nfs",
            "OVEHOSTED_STORAGE/iSCSIDiscoverUser=none:None",
            "OVEHOSTED_STORAGE/iSCSIPortalIPAddress=none:None",
            "OVEHOSTED_STORAGE/imgSizeGB=str:61",
            "OVEHOSTED_STORAGE/mntOptions=str:",
            "OVEHOSTED_STORAGE/nfsVersion=str:v4_1",
            "OVEHOSTED_STORAGE/storageDomainConnection=str:storage.example.com:/exports/hosted_engine",
            "OVEHOSTED_STORAGE/storageDomainName=str:hosted_storage",
            "OVEHOSTED_VM/applyOpenScapProfile=bool:False",
            "OVEHOSTED_VM/cloudinitInstanceDomainName=str:example.com",
            "OVEHOSTED_VM/cloudinitInstanceHostName=str:manager.example.com",
            "OVEHOSTED_VM/cloudinitRootPwd=str:RootSecret!",
            "OVEHOSTED_VM/cloudinitVMDNS=str:192.168.1.2,8.8.8.8",
            "OVEHOSTED_VM/cloudinitVMETCHOSTS=bool:True",
            "OVEHOSTED_VM/cloudinitVMStaticCIDR=str:192.168.1.20/24",
            "OVEHOSTED_VM/cloudinitVMTZ=str:Asia/Tokyo",
            "OVEHOSTED_VM/ovfArchive=str:",
            "OVEHOSTED_VM/rootSshAccess=str:yes",
            "OVEHOSTED_VM/rootSshPubkey=str:",
            "OVEHOSTED_VM/vmMACAddr=str:00:16:3e:12:34:56",
            "OVEHOSTED_VM/vmMemSizeMB=int:16384",
            "OVEHOSTED_VM/vmVCpus=str:4",
            "",
            "[environment:other]",
            "OVEHOSTED_VM/vmVCpus=str:99");

    @Test
    void otopiAnswerFileFillsEveryMappedField() {
        ImportResult r = AnswerFiles.fromOtopi(OTOPI);
        Answers a = r.answers();
        assertThat(a.get(ENGINE_VM_FQDN)).isEqualTo("manager.example.com");
        assertThat(a.get(MAC_ADDRESS)).isEqualTo("00:16:3e:12:34:56");
        assertThat(a.get(NETWORK_CONFIGURATION)).isEqualTo("static");
        assertThat(a.get(VM_IP_ADDRESS)).isEqualTo("192.168.1.20");
        assertThat(a.get(VM_IP_PREFIX)).isEqualTo("24");
        assertThat(a.get(GATEWAY_ADDRESS)).isEqualTo("192.168.1.1");
        assertThat(a.get(DNS_SERVERS)).isEqualTo("192.168.1.2,8.8.8.8");
        assertThat(a.get(BRIDGE_INTERFACE)).isEqualTo("eth0");
        assertThat(a.get(VCPUS)).isEqualTo("4");
        assertThat(a.get(MEMORY_SIZE_MB)).isEqualTo("16384");
        assertThat(a.get(EDIT_HOSTS_FILE)).isEqualTo("true");
        assertThat(a.get(HOST_FQDN)).isEqualTo("host1.example.com");
        assertThat(a.get(NETWORK_TEST)).isEqualTo("dns");
        assertThat(a.has(TCP_TEST_ADDRESS)).isFalse();
        assertThat(a.get(SMTP_SERVER)).isEqualTo("smtp.example.com");
        assertThat(a.get(DEST_EMAILS)).isEqualTo("ops@example.com,admin@example.com");
        assertThat(a.get(STORAGE_TYPE)).isEqualTo("nfs");
        assertThat(a.get(NFS_VERSION)).isEqualTo("v4_1");
        assertThat(a.get(STORAGE_CONNECTION)).isEqualTo("storage.example.com:/exports/hosted_engine");
        assertThat(a.get(DISK_SIZE_GB)).isEqualTo("61");
        assertThat(a.get(DISCARD)).isEqualTo("false");
        assertThat(a.get(APPLY_OPENSCAP_PROFILE)).isEqualTo("false");
        assertThat(a.has(LUN_ID)).isFalse();
    }

    @Test
    void otopiPasswordsAreListedNeverTaken() {
        ImportResult r = AnswerFiles.fromOtopi(OTOPI);
        assertThat(r.ignoredSecrets()).containsExactlyInAnyOrder("OVEHOSTED_ENGINE/adminPassword",
                "OVEHOSTED_VM/cloudinitRootPwd");
        assertThat(r.answers().onlySecrets().asMap()).isEmpty();
        assertThat(r.answers().asMap().values()).doesNotContain("AdminSecret!", "RootSecret!");
        assertThat(r.ignoredKeys()).contains("OVEHOSTED_CORE/deployProceed", "OVEHOSTED_VM/cloudinitVMTZ")
                .doesNotContain("OVEHOSTED_NETWORK/fqdn");
    }

    @Test
    void otopiFileThenPasswordsPassesTheRules() {
        Answers a = AnswerFiles.fromOtopi(OTOPI).answers().merge(valid().onlySecrets());
        assertThat(Fixtures.rules().checkAll(a, Fixtures.devices())).isEmpty();
    }

    @Test
    void otopiIscsiFileFillsTargetPortalsAndLun() {
        String text = String.join("\n", "[environment:default]",
                "OVEHOSTED_STORAGE/domainType=str:iscsi",
                "OVEHOSTED_STORAGE/iSCSIPortalIPAddress=str:10.0.0.50,10.0.1.50",
                "OVEHOSTED_STORAGE/iSCSIPortalPort=str:3260,3260",
                "OVEHOSTED_STORAGE/iSCSIPortalUser=str:chap",
                "OVEHOSTED_STORAGE/iSCSIPortalPassword=str:chap-secret",
                "OVEHOSTED_STORAGE/iSCSIDiscoverPassword=str:disc-secret",
                "OVEHOSTED_STORAGE/iSCSITargetName=str:" + Fixtures.IQN,
                "OVEHOSTED_STORAGE/iSCSIPortal=str:1",
                "OVEHOSTED_STORAGE/LunID=str:36001405free",
                "OVEHOSTED_VM/cloudinitVMStaticCIDR=none:None");
        ImportResult r = AnswerFiles.fromOtopi(text);
        Answers a = r.answers();
        assertThat(a.get(STORAGE_TYPE)).isEqualTo("iscsi");
        assertThat(a.get(ISCSI_PORTAL_ADDRESS)).isEqualTo("10.0.0.50");
        assertThat(a.get(ISCSI_TARGET_PORTALS)).isEqualTo("10.0.0.50,10.0.1.50");
        assertThat(a.get(ISCSI_PORTAL_PORT)).isEqualTo("3260");
        assertThat(a.get(ISCSI_USERNAME)).isEqualTo("chap");
        assertThat(a.get(ISCSI_TARGET)).isEqualTo(Fixtures.IQN);
        assertThat(a.get(ISCSI_TPGT)).isEqualTo("1");
        assertThat(a.get(LUN_ID)).isEqualTo("36001405free");
        assertThat(a.get(NETWORK_CONFIGURATION)).isEqualTo("dhcp");
        assertThat(r.ignoredSecrets()).containsExactlyInAnyOrder("OVEHOSTED_STORAGE/iSCSIPortalPassword",
                "OVEHOSTED_STORAGE/iSCSIDiscoverPassword");
        Answers full = valid().merge(a).with(STORAGE_CONNECTION, null);
        assertThat(Fixtures.rules().check(Step.STORAGE, full, Fixtures.devices())).isEmpty();
    }

    @Test
    void oldNfsDomainTypesBecomeAVersion() {
        Answers a = AnswerFiles.fromOtopi("[environment:default]\nOVEHOSTED_STORAGE/domainType=str:nfs3\n").answers();
        assertThat(a.get(STORAGE_TYPE)).isEqualTo("nfs");
        assertThat(a.get(NFS_VERSION)).isEqualTo("v3");
    }

    @Test
    void otopiValueTypes() {
        assertThat(OtopiAnswerFile.value("str:a:b")).isEqualTo("a:b");
        assertThat(OtopiAnswerFile.value("int:42")).isEqualTo("42");
        assertThat(OtopiAnswerFile.value("bool:True")).isEqualTo("true");
        assertThat(OtopiAnswerFile.value("bool:False")).isEqualTo("false");
        assertThat(OtopiAnswerFile.value("none:None")).isNull();
        assertThat(OtopiAnswerFile.value("multi-str:a, b")).isEqualTo("a,b");
        assertThat(OtopiAnswerFile.value("plain")).isEqualTo("plain");
    }

    @Test
    void otopiShellInjectionIsImportedButRefusedByTheRules() {
        Answers a = AnswerFiles.fromOtopi("[environment:default]\n"
                + "OVEHOSTED_NETWORK/fqdn=str:manager.example.com;touch /tmp/x\n").answers();
        assertThat(Fixtures.keys(valid().merge(a), ENGINE_VM_FQDN)).containsExactly("error.fqdn");
    }

    @Test
    void anImportedShellLookingValueForAPastedVariableIsReportedAndNotKept() {
        ImportResult file = AnswerFiles.fromRoleVariables(Map.of("he_fqdn", "manager.example.com;touch /tmp/x",
                "he_smtp_port", "99999", "he_vcpus", "2"));
        Answers base = Fixtures.valid().with(ENGINE_VM_FQDN, "");

        var admission = AnswerFiles.admit(Fixtures.rules(), base, file, Fixtures.devices());

        assertThat(admission.refused()).extracting(FieldError::field).containsExactly(ENGINE_VM_FQDN, SMTP_PORT);
        assertThat(admission.answers().get(ENGINE_VM_FQDN)).isEmpty();
        // Not pasted into a shell: kept, so its step shows it at the field with its message.
        assertThat(admission.answers().get(SMTP_PORT)).isEqualTo("99999");
        assertThat(admission.answers().get(VCPUS)).isEqualTo("2");
    }

    @Test
    void anOtopiAnswerFileIsJudgedTheSameWay() {
        ImportResult file = AnswerFiles.fromOtopi("[environment:default]\n"
                + "OVEHOSTED_NETWORK/fqdn=str:manager.example.com`reboot`\n"
                + "OVEHOSTED_VM/vmMemSizeMB=int:8192\n");

        var admission = AnswerFiles.admit(Fixtures.rules(), Fixtures.valid(), file, Fixtures.devices());

        assertThat(admission.refused()).extracting(FieldError::field).containsExactly(ENGINE_VM_FQDN);
        assertThat(admission.answers().get(ENGINE_VM_FQDN)).isEqualTo("manager.example.com");
        assertThat(admission.answers().get(MEMORY_SIZE_MB)).isEqualTo("8192");
    }
}
