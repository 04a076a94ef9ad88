package hostedengine.wizard;

import static hostedengine.wizard.Field.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DefaultsTest {

    @Test
    void freshWizardStartsWithTheDocumentedDefaults() {
        Answers a = Defaults.forHost(Fixtures.host(), new SplittableRandom(1));
        assertThat(a.get(NETWORK_CONFIGURATION)).isEqualTo("dhcp");
        assertThat(a.get(VM_IP_PREFIX)).isEqualTo("24");
        assertThat(a.get(GATEWAY_ADDRESS)).isEqualTo("192.168.1.1");
        assertThat(a.get(BRIDGE_INTERFACE)).isEqualTo("eth0");
        assertThat(a.get(ROOT_SSH_ACCESS)).isEqualTo("yes");
        assertThat(a.get(VCPUS)).isEqualTo("4");
        assertThat(a.get(MEMORY_SIZE_MB)).isEqualTo("16384");
        assertThat(a.get(EDIT_HOSTS_FILE)).isEqualTo("true");
        assertThat(a.get(BRIDGE_NAME)).isEqualTo("ovirtmgmt");
        assertThat(a.get(HOST_FQDN)).isEqualTo("host1.example.com");
        assertThat(a.get(NETWORK_TEST)).isEqualTo("dns");
        assertThat(a.get(PAUSE_HOST)).isEqualTo("false");
        assertThat(a.get(SMTP_SERVER)).isEqualTo("localhost");
        assertThat(a.get(SMTP_PORT)).isEqualTo("25");
        assertThat(a.get(SOURCE_EMAIL)).isEqualTo("root@localhost");
        assertThat(a.get(DEST_EMAILS)).isEqualTo("root@localhost");
        assertThat(a.get(STORAGE_TYPE)).isEqualTo("nfs");
        assertThat(a.get(NFS_VERSION)).isEqualTo("auto");
        assertThat(a.get(STORAGE_DOMAIN_NAME)).isEqualTo("hosted_storage");
        assertThat(a.get(ISCSI_PORTAL_PORT)).isEqualTo("3260");
        assertThat(a.get(DISK_SIZE_GB)).isEqualTo("61");
        assertThat(a.get(DISCARD)).isEqualTo("false");
        assertThat(a.has(ENGINE_VM_FQDN)).isFalse();
    }

    @RepeatedTest(50)
    void randomMacIsUnicastInTheOvirtRangeWithFourthOctetAtMost7f() {
        String mac = Defaults.forHost(Fixtures.host(), new SplittableRandom()).get(MAC_ADDRESS);
        assertThat(mac).matches("00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}");
        assertThat(Syntax.isMac(mac)).isTrue();
    }

    @Test
    void smallHostGetsItsOwnLimits() {
        HostFacts small = new HostFacts(2, 6000, List.of(new HostFacts.Nic("ens3", List.of("10.1.1.2/24")),
                new HostFacts.Nic("ens4", List.of())), Optional.empty(), Optional.empty(), "h.example.com", 0,
                RoleDefaults.builtIn());
        Answers a = Defaults.forHost(small, new SplittableRandom(2));
        assertThat(a.get(VCPUS)).isEqualTo("2");
        assertThat(a.get(MEMORY_SIZE_MB)).isEqualTo("6000");
        assertThat(a.has(BRIDGE_INTERFACE)).isFalse();
        assertThat(a.has(GATEWAY_ADDRESS)).isFalse();
    }

    @Test
    void onlyNicIsTheDefaultBridgeInterface() {
        HostFacts one = new HostFacts(4, 20000, List.of(new HostFacts.Nic("ens3", List.of("10.1.1.2/24"))),
                Optional.of("10.1.1.1"), Optional.of("ens9"), "h.example.com", 0, RoleDefaults.builtIn());
        assertThat(Defaults.forHost(one, new SplittableRandom(3)).get(BRIDGE_INTERFACE)).isEqualTo("ens3");
    }

    @Test
    void defaultsPlusTheQuestionsOnlyTheAdminCanAnswerPassTheVmStep() {
        Answers a = Defaults.forHost(Fixtures.host(), new SplittableRandom(4))
                .with(ENGINE_VM_FQDN, "manager.example.com")
                .with(ROOT_PASSWORD, "pw").with(ROOT_PASSWORD_CONFIRM, "pw");
        assertThat(Fixtures.rules().check(Step.VM, a, StorageDevices.none())).isEmpty();
    }
}
