package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.backup.EngineBackupDoubleTest.SimulatedVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan to deploy from a backup: every field judged at once, the names the restored database
 * decides required and whitelisted, and the role's restore variables only for the backup's own
 * engine FQDN and only while the backup is still there.
 */
class RestorePlansTest {
    @TempDir Path state;
    BackupStore store;
    RestorePlans plans;
    String name;

    @BeforeEach
    void aBackup() throws Exception {
        store = new BackupStore(state);
        store.prepare();
        name = BackupStore.newName(java.time.Instant.parse("2026-12-07T01:00:00Z"));
        SimulatedVm.install(state.resolve("vm")).backup(store.directory().resolve(name));
        Files.deleteIfExists(store.directory().resolve(name + ".log"));
        plans = new RestorePlans(state, store);
    }

    private RestorePlans.Plan plan(String dc, String cluster, boolean checklist) {
        return new RestorePlans.Plan(name, dc, cluster, true, false, checklist);
    }

    @Test
    void everyProblemOfAPlanIsNamedAtOnceAndNothingIsSaved() throws Exception {
        var problems = plans.save("user:root", new RestorePlans.Plan("ovirt-engine-backup-20000101000000.backup", "",
                "Default; reboot", false, false, false));

        assertThat(problems).containsOnlyKeys("backup", "dataCenter", "cluster", "checklist");
        assertThat(problems.get("dataCenter").key()).isEqualTo("restore.error.nameRequired");
        assertThat(problems.get("cluster").key()).isEqualTo("restore.error.name");
        assertThat(plans.plan("user:root")).isEmpty();
        assertThat(plans.forDeployment("user:root", "engine.example.com")).isEmpty();
    }

    @Test
    void aSavedPlanGivesTheRoleItsRestoreVariablesForTheBackupsOwnEngineOnly() throws Exception {
        assertThat(plans.save("user:root", plan("DC-East", "Cluster_1", true))).isEmpty();

        var vars = plans.forDeployment("user:root", "Engine.Example.com").orElseThrow();
        assertThat(vars.problem()).isNull();
        assertThat(vars.vars()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "he_restore_from_file", store.directory().resolve(name).toAbsolutePath().toString(),
                "he_pki_renew_on_restore", true, "he_pause_before_engine_setup", false,
                "he_data_center", "DC-East", "he_cluster", "Cluster_1"));

        var otherEngine = plans.forDeployment("user:root", "manager.example.com").orElseThrow();
        assertThat(otherEngine.vars()).isNull();
        assertThat(otherEngine.problem().key()).isEqualTo("restore.error.fqdn");
        assertThat(otherEngine.problem().args()).containsExactly("engine.example.com", "manager.example.com");
        assertThat(plans.forDeployment("user:other", "engine.example.com")).as("plans are per user").isEmpty();
    }

    @Test
    void aPlanEditedOnDiskIsJudgedAgainBeforeItsNamesReachAVarsFile() throws Exception {
        plans.save("user:root", plan("Default", "Default", true));
        Path file;
        try (var files = Files.list(state.resolve("restore"))) {
            file = files.findFirst().orElseThrow();
        }
        Files.writeString(file, Files.readString(file).replace("\"cluster\":\"Default\"", "\"cluster\":\"C1; reboot\""));

        var refused = plans.forDeployment("user:root", "engine.example.com").orElseThrow();
        assertThat(refused.vars()).isNull();
        assertThat(refused.problem().key()).isEqualTo("restore.error.name");
    }

    @Test
    void aBackupDeletedWhileTheRestoreIsPreparedRefusesTheNextPhase() throws Exception {
        plans.save("user:root", plan("Default", "Default", true));
        store.delete(name);

        var refused = plans.forDeployment("user:root", "engine.example.com").orElseThrow();
        assertThat(refused.problem().key()).isEqualTo("restore.error.backupGone");
        assertThat(refused.problem().args()).containsExactly(name);
    }

    @Test
    void theVersionVerdictFollowsWhatEngineBackupRestores() {
        assertThat(RestorePlans.versionVerdict("4.5.6", "4.5.6-1.el9")).isEqualTo("restore.version.same");
        assertThat(RestorePlans.versionVerdict("4.5.4", "4.5.6-1.el9")).isEqualTo("restore.version.same");
        assertThat(RestorePlans.versionVerdict("4.4.10", "4.5.6")).isEqualTo("restore.version.upgrade");
        assertThat(RestorePlans.versionVerdict("4.3.10.4", "4.5.6")).isEqualTo("restore.version.upgrade");
        assertThat(RestorePlans.versionVerdict("4.3.8", "4.5.6")).isEqualTo("restore.version.tooOld");
        assertThat(RestorePlans.versionVerdict("4.5.7", "4.5.6")).isEqualTo("restore.version.newer");
        assertThat(RestorePlans.versionVerdict("4.5.6", null)).isEqualTo("restore.version.unknown");
    }
}
