package hostedengine.enginedouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import hostedengine.engineapi.EngineTrust;
import hostedengine.files.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
