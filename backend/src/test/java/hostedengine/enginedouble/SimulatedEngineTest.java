package hostedengine.enginedouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import hostedengine.engineapi.EngineCluster;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import hostedengine.engineapi.EngineTrust;
import hostedengine.files.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine a simulated deployment leaves behind runs exactly while the simulated state says deployed. */
class SimulatedEngineTest {
    private static final String PASSWORD = "Engine-admin-pw-1";
    @TempDir Path stateDir;
    private SimulatedEngine engines;
    private Path simulator;

    @BeforeEach
    void create() throws Exception {
        simulator = Files.createDirectories(stateDir.resolve("simulator"));
        engines = new SimulatedEngine(stateDir, Duration.ofMillis(40), Clock.systemUTC());
    }

    @AfterEach
    void close() { engines.close(); }

    @Test
    void withoutADeployedStateThereIsNoEngineAndNoCaFile() throws Exception {
        assertThat(engines.current()).isEmpty();

        writeState(false);
        writeAdminFile(PASSWORD);
        assertThat(engines.current()).isEmpty();
        assertThat(engines.caFile()).isEqualTo(simulator.resolve("pki/cacert.pem")).doesNotExist();
    }

    @Test
    void aDeployedStateStartsAnEngineThatKnowsEveryHostAndChecksTheAdminPassword() throws Exception {
        writeState(true);
        writeAdminFile(PASSWORD);

        EngineDouble engine = engines.current().orElseThrow();
        assertThat(engines.current()).containsSame(engine);
        Path trust = trustStore();
        try (var s = EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust)) {
            assertThat(s.hosts()).extracting(EngineHost::name).containsExactly("host1.example.com", "host2.example.com");
            assertThat(s.hosts()).allSatisfy(h -> {
                assertThat(h.status()).isEqualTo("up");
                assertThat(h.hostedEngine()).isTrue();
            });
        }
        assertThatThrownBy(() -> EngineSession.open(engine.apiUrl(), "admin@internal", "Wrong-pw-1", trust))
                .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.WRONG_PASSWORD));
    }

    @Test
    void aStateNoLongerDeployedStopsTheEngineAndRemovesItsCa() throws Exception {
        writeState(true);
        writeAdminFile(PASSWORD);
        EngineDouble engine = engines.current().orElseThrow();
        Path trust = trustStore();

        writeState(false);
        assertThat(engines.current()).isEmpty();
        assertThat(engines.caFile()).doesNotExist();
        assertThatThrownBy(() -> EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust))
                .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.UNREACHABLE));
    }

    @Test
    void failuresAskedForInTheFailuresFileReachTheEngineAndGoWhenTheFileGoes() throws Exception {
        writeState(true);
        writeAdminFile(PASSWORD);
        EngineDouble engine = engines.current().orElseThrow();
        Path trust = trustStore();
        Files.writeString(simulator.resolve(SimulatedEngine.FAILURES_FILE),
                "{\"hosts\": {\"host9.example.com\": \"WRONG_ROOT_PASSWORD\"}, \"down\": true}");
        engines.current();
        assertThatThrownBy(() -> EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust))
                .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.kind()).isEqualTo(EngineProblem.Kind.NOT_AN_ENGINE));

        Files.writeString(simulator.resolve(SimulatedEngine.FAILURES_FILE), "{\"hosts\": {\"host9.example.com\": \"WRONG_ROOT_PASSWORD\"}}");
        engines.current();
        try (var s = EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trust)) {
            assertThatThrownBy(() -> s.addHostedEngineHost("host9.example.com", "host9.example.com", "Default", "pw"))
                    .isInstanceOfSatisfying(EngineProblem.class, p -> assertThat(p.engineMessage()).get().asString()
                            .contains("SSH authentication failed"));
            Files.delete(simulator.resolve(SimulatedEngine.FAILURES_FILE));
            engines.current();
            assertThat(s.addHostedEngineHost("host9.example.com", "host9.example.com", "Default", "pw").status()).isEqualTo("installing");
        }
    }

    @Test
    void aRestoredBackupsOtherHostsAreNonResponsiveHostedEngineHostsOfItsCluster() throws Exception {
        writeState(true);
        writeAdminFile(PASSWORD);
        writeRestored();

        EngineDouble engine = engines.current().orElseThrow();
        try (var s = EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trustStore())) {
            assertThat(s.clusters()).extracting(EngineCluster::name).containsExactly("Prod");
            String prod = s.clusters().get(0).id();
            assertThat(s.hosts()).extracting(EngineHost::name)
                    .containsExactly("host1.example.com", "host2.example.com", "host3.example.com", "host4.example.com");
            assertThat(s.hosts()).filteredOn(h -> h.name().equals("host1.example.com") || h.name().equals("host2.example.com"))
                    .allSatisfy(h -> assertThat(h.status()).isEqualTo("up"));
            assertThat(s.hosts()).filteredOn(h -> h.name().equals("host3.example.com") || h.name().equals("host4.example.com"))
                    .allSatisfy(h -> {
                        assertThat(h.status()).isEqualTo("non_responsive");
                        assertThat(h.hostedEngine()).isTrue();
                        assertThat(h.address()).isEqualTo(h.name());
                        assertThat(h.clusterId()).isEqualTo(prod);
                        assertThat(h.score()).isZero();
                    });
        }
    }

    @Test
    void aForceRemovedRestoredHostStaysGoneWhenTheEngineIsStartedAgain() throws Exception {
        writeState(true);
        writeAdminFile(PASSWORD);
        writeRestored();
        EngineDouble engine = engines.current().orElseThrow();
        try (var s = EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trustStore())) {
            String host3 = s.hosts().stream().filter(h -> h.name().equals("host3.example.com")).findFirst().orElseThrow().id();
            s.remove(host3, true);
            assertThat(s.hosts()).extracting(EngineHost::name).doesNotContain("host3.example.com");
        }
        Path restored = simulator.resolve(SimulatedEngine.RESTORED_ENGINE_FILE);
        assertThat(Files.readString(restored)).doesNotContain("host3.example.com").contains("host4.example.com", "hosted_storage_old_");
        assertThat(Files.getPosixFilePermissions(restored)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        engines.close();
        engines = new SimulatedEngine(stateDir, Duration.ofMillis(40), Clock.systemUTC());
        EngineDouble again = engines.current().orElseThrow();
        try (var s = EngineSession.open(again.apiUrl(), "admin@internal", PASSWORD, trustStore())) {
            assertThat(s.hosts()).extracting(EngineHost::name)
                    .containsExactly("host1.example.com", "host2.example.com", "host4.example.com");
        }
    }

    @Test
    void withoutARestoredBackupTheEngineKnowsOnlyTheDeployedHostsInTheDefaultCluster() throws Exception {
        writeState(true);
        writeAdminFile(PASSWORD);

        EngineDouble engine = engines.current().orElseThrow();
        try (var s = EngineSession.open(engine.apiUrl(), "admin@internal", PASSWORD, trustStore())) {
            assertThat(s.clusters()).extracting(EngineCluster::name).containsExactly("Default");
            assertThat(s.hosts()).extracting(EngineHost::name, EngineHost::status).containsExactly(
                    tuple("host1.example.com", "up"), tuple("host2.example.com", "up"));
        }
    }

    /**
     * As the simulator's restore writes it (he_simulator_step.py): the backup's hosts but the one the
     * deployment ran on; host2 is also in the deployment's state (it joined again after the restore).
     */
    private void writeRestored() throws Exception {
        PrivateFiles.writeAtomically(simulator.resolve(SimulatedEngine.RESTORED_ENGINE_FILE), """
                {"backup": "engine.backup", "engine_fqdn": "engine.example.com", "version": "4.5.6-1.el9",
                 "data_center": "DC1", "cluster": "Prod",
                 "hosts": [{"host-id": 2, "hostname": "host2.example.com", "score": 3400},
                           {"host-id": 3, "hostname": "host3.example.com", "score": 3400},
                           {"host-id": 4, "hostname": "host4.example.com", "score": 0}],
                 "renamed_storage_domain": "hosted_storage_old_20250102T030405"}"""
                .getBytes(StandardCharsets.UTF_8));
    }

    /** As the simulator's install_double writes it (step_install_double.yml), host 2 joined later. */
    private void writeState(boolean deployed) throws Exception {
        PrivateFiles.writeAtomically(simulator.resolve("state.json"), """
                {"deployed": %s, "local_host_id": 1, "vm_host_id": 1, "global_maintenance": false,
                 "hosts": [{"host-id": 1, "hostname": "host1.example.com", "score": 3400, "state": "EngineUp"},
                           {"host-id": 2, "hostname": "host2.example.com", "score": 3400, "state": "EngineDown"}],
                 "shared_config": {"he_local": {"fqdn": "engine.example.com", "host_id": "1"}}}"""
                .formatted(deployed).getBytes(StandardCharsets.UTF_8));
    }

    /** As he_simulator_step.py writes it: PBKDF2-HMAC-SHA256, 210000 iterations, 16 bytes of salt, 32 of key. */
    private void writeAdminFile(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 210000, 256)).getEncoded();
        PrivateFiles.writeAtomically(simulator.resolve("engine-admin.json"), """
                {"algorithm": "PBKDF2WithHmacSHA256", "iterations": 210000, "salt": "%s", "hash": "%s"}"""
                .formatted(Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(hash))
                .getBytes(StandardCharsets.UTF_8));
    }

    private Path trustStore() throws Exception {
        return EngineTrust.fromPem(Files.readString(engines.caFile())).writeStore(stateDir.resolve("engine-ca.p12"));
    }
}
