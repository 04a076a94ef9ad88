package hostedengine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import hostedengine.wizard.Fixtures;
import hostedengine.wizard.Rules;
import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.StorageDevices.IscsiTarget;
import hostedengine.wizard.StorageDevices.Lun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through the role's tags, run by the real {@code ansible-playbook} on the simulator
 * role (the test double of ovirt.ovirt.hosted_engine_setup), read back from the runs' events.
 */
class RoleStorageDiscoveryTest {
    private static final String OWNER = "user:root";
    private static final String IQN_MULTIPATH = "iqn.2003-01.org.example.storage:hosted-engine";
    private static final String IQN_TWO_GROUPS = "iqn.2003-01.org.example.storage:data";
    private static final String IQN_NO_LUNS = "iqn.2003-01.org.example.storage:empty";
    private static final String DISCOVER_PASSWORD = "d1sc0ver-{{ 7*7 }}";
    private static final String ADMIN_PASSWORD = "Adm1n-secret";

    private static final Rules RULES = Fixtures.rules();

    @TempDir Path tmp;
    Runs runs;
    RoleStorageDiscovery discovery;

    @BeforeEach
    void simulatorRole() throws IOException {
        Path playbooks = tmp.resolve("playbooks");
        hostedengine.deploy.TestPlaybooks.copyTree(Path.of("../playbooks"), playbooks);
        playbooks.resolve("bin/run-phase").toFile().setExecutable(true);
        runs = new Runs(tmp.resolve("state"), RunSettings.simulator(playbooks, 50));
        discovery = new RoleStorageDiscovery(runs, () -> RULES, Duration.ofSeconds(60));
    }

    @AfterEach
    void close() { runs.close(); }

    @Test
    void portalOffersMultipathTargetsGroupedByTpgtWithTheTypedPort() throws Exception {
        List<IscsiTarget> targets = discovery.iscsiTargets(OWNER, portal("192.0.2.10", "3261")).targets();

        assertThat(targets).contains(new IscsiTarget(IQN_MULTIPATH, 1, List.of("192.0.2.10:3261", "198.51.100.11:3261")));
        assertThat(targets).filteredOn(t -> t.iqn().equals(IQN_TWO_GROUPS)).extracting(IscsiTarget::tpgt)
                .containsExactly(1, 2);
    }

    @Test
    void ipv6PortalComesBackBracketed() throws Exception {
        List<IscsiTarget> targets = discovery.iscsiTargets(OWNER, portal("fd00::5", "3260")).targets();

        assertThat(targets.get(0).portals()).contains("[fd00::5]:3260");
    }

    @Test
    void portalThatDoesNotAnswerFailsWithTheRolesMessageReadablyAndTheRunToShow() {
        assertThatThrownBy(() -> discovery.iscsiTargets(OWNER, portal("192.0.2.99", "3260")))
                .isInstanceOfSatisfying(StorageDiscoveryException.class, e -> {
                    assertThat(e.key()).isEqualTo(StorageDiscoveryException.FAILED);
                    assertThat(e.args()).containsExactly("Failed discovery of iSCSI targets (Operation Failed)");
                    assertThat(e.original()).contains("Fault reason is \"Operation Failed\"");
                    assertThat(runs.get(e.runId())).isPresent();
                });
    }

    @Test
    void portalWithoutTargetsFindsNone() throws Exception {
        assertThat(discovery.iscsiTargets(OWNER, portal("192.0.2.98", "3260")).targets()).isEmpty();
    }

    @Test
    void chosenTargetListsLunsInUseTooSmallAndTwoThatFit() throws Exception {
        Answers answers = portal("192.0.2.10", "3260");
        StorageDevices found = discovery.iscsiTargets(OWNER, answers);
        Answers chosen = chosen(answers, found, IQN_MULTIPATH);

        StorageDevices withLuns = discovery.iscsiLuns(OWNER, chosen, found);

        assertThat(withLuns.targets()).isEqualTo(found.targets());
        assertLunMix(withLuns.luns());
        assertThat(withLuns.luns()).allSatisfy(l -> assertThat(l.paths()).isEqualTo(2));
    }

    @Test
    void targetWithoutLunsListsNone() throws Exception {
        Answers answers = portal("192.0.2.10", "3260");
        StorageDevices found = discovery.iscsiTargets(OWNER, answers);

        StorageDevices luns = discovery.iscsiLuns(OWNER, chosen(answers, found, IQN_NO_LUNS), found);

        assertThat(luns.luns()).isEmpty();
    }

    @Test
    void fibreChannelListsLunsInUseTooSmallAndTwoThatFit() throws Exception {
        Answers fc = Fixtures.valid().with(Field.STORAGE_TYPE, "fc");

        assertLunMix(discovery.fcLuns(OWNER, fc).luns());
    }

    @Test
    void passwordsReachNoFileOfTheDiscoveryRun() throws Exception {
        discovery.iscsiTargets(OWNER, portal("192.0.2.10", "3260"));

        try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain(DISCOVER_PASSWORD).doesNotContain(ADMIN_PASSWORD);
            }
        }
    }

    @Test
    void aVmStepValueRefusedByItsRuleStopsDiscoveryBeforeAnyRun() {
        Answers hostile = portal("192.0.2.10", "3260").with(Field.ENGINE_VM_FQDN, "manager.example.com;touch /tmp/x");

        assertThatThrownBy(() -> discovery.iscsiTargets(OWNER, hostile))
                .isInstanceOfSatisfying(StorageDiscoveryException.class,
                        e -> assertThat(e.key()).isEqualTo(StorageDiscoveryException.NEEDS_VM));
        assertThat(runs.list()).isEmpty();
    }

    @Test
    void aPortalWithShellTextIsRefusedWithTheFieldsMessageAndNoRunStarts() {
        assertThatThrownBy(() -> discovery.iscsiTargets(OWNER, portal("192.0.2.10;id", "3260")))
                .isInstanceOfSatisfying(StorageDiscoveryException.class,
                        e -> assertThat(e.key()).startsWith("error."));
        assertThatThrownBy(() -> discovery.fcLuns(OWNER, Fixtures.valid().with(Field.STORAGE_TYPE, "fc")
                .with(Field.BRIDGE_NAME, "ovirtmgmt$(id)")))
                .isInstanceOfSatisfying(StorageDiscoveryException.class,
                        e -> assertThat(e.key()).isEqualTo(StorageDiscoveryException.NEEDS_VM));
        assertThat(runs.list()).isEmpty();
    }

    @Test
    void aStorageValueThatFailsItsRuleIsLeftOutOfTheDiscoveryVarsFile() throws Exception {
        // The NFS connection is not this tag's business: it fails, so he_storage_domain_addr is not written.
        discovery.iscsiTargets(OWNER, portal("192.0.2.10", "3260").with(Field.STORAGE_CONNECTION, "x;id")
                .with(Field.STORAGE_DOMAIN_NAME, "hosted$(reboot)"));

        try (Stream<Path> files = Files.walk(tmp.resolve("state/runs"))) {
            List<Path> vars = files.filter(p -> p.getFileName().toString().equals("vars.json")).toList();
            assertThat(vars).isNotEmpty();
            for (Path v : vars) {
                assertThat(Files.readString(v)).doesNotContain("$(reboot)").doesNotContain("he_storage_domain_name");
            }
        }
    }

    private static void assertLunMix(List<Lun> luns) {
        assertThat(luns).filteredOn(Lun::used).hasSize(1);
        assertThat(luns).filteredOn(l -> l.sizeBytes() == 20L << 30).hasSize(1);
        assertThat(luns).filteredOn(l -> !l.used() && l.sizeBytes() >= 80L << 30).hasSize(2);
        assertThat(luns).allSatisfy(l -> assertThat(l.vendor()).isNotBlank());
    }

    /** The target chosen as the Storage page chooses it: its IQN, group 1 and that group's portal addresses. */
    private static Answers chosen(Answers answers, StorageDevices found, String iqn) {
        IscsiTarget target = found.targets().stream().filter(t -> t.iqn().equals(iqn) && t.tpgt() == 1).findFirst().orElseThrow();
        return answers.with(Field.ISCSI_TARGET, iqn).with(Field.ISCSI_TPGT, "1")
                .with(Field.ISCSI_TARGET_PORTALS, String.join(",", target.addresses()));
    }

    /** Valid answers of every step (the gate judges them all), iSCSI with this discovery portal. */
    private static Answers portal(String address, String port) {
        return Fixtures.valid().with(Field.STORAGE_TYPE, "iscsi")
                .with(Field.ADMIN_PASSWORD, ADMIN_PASSWORD).with(Field.ADMIN_PASSWORD_CONFIRM, ADMIN_PASSWORD)
                .with(Field.ISCSI_PORTAL_ADDRESS, address).with(Field.ISCSI_PORTAL_PORT, port)
                .with(Field.ISCSI_DISCOVER_USERNAME, "discoverer").with(Field.ISCSI_DISCOVER_PASSWORD, DISCOVER_PASSWORD);
    }
}
