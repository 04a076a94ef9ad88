package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.auth.TestDoubleAuthenticator;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's hosts page over HTTP, against a simulated deployment's engine double: the session
 * with the engine, the single-host banner, adding a second host as a run whose page shows the
 * engine's events, refusals at their fields, and the host running the engine VM never removed.
 */
class EngineHostsHttpTest {
    private static final String ADMIN_PASSWORD = "Admin-pw-for-engine-3";
    private static final String ROOT_PASSWORD = "Root-pw-of-host2-8";
    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    private TestServer deployed() throws Exception {
        var deployment = simulatedDeployment(state, ADMIN_PASSWORD);
        poller = deployment.poller();
        server = new TestServer(state, deployment.engine());
        Await.until("the status poller reads --vm-status", () -> poller.current().status().isPresent(), Duration.ofSeconds(20));
        return server;
    }

    /** The engine's parts of a simulated deployment, and its status poller (the caller closes it). */
    record SimulatedDeployment(EngineParts engine, EngineStatePoller poller) {}

    /**
     * A simulated deployment as its Finish leaves it in {@code state}: the hosted-engine double
     * deployed (host1 running the engine VM of manager.example.com), the admin password's hash.
     */
    static SimulatedDeployment simulatedDeployment(Path state, String adminPassword) throws Exception {
        Files.createDirectories(state.resolve("he/double"));
        Files.createSymbolicLink(state.resolve("simulator"), state.resolve("he/double"));
        HostedEngineTool tool = new HostedEngineDouble(state.resolve("he")).host(1, "host1.example.com", HostedEngineDouble.UP_GOOD)
                .set("vm_host_id", 1).set("vmid", "5c1d3b1e-0000-4000-8000-000000000001")
                .set("shared_config", Map.of("he_local", Map.of("fqdn", "manager.example.com", "host_id", "1")))
                .write().tool();
        writeAdminHash(state.resolve("simulator/engine-admin.json"), adminPassword);
        var poller = new EngineStatePoller(tool, Duration.ofMillis(200), Clock.systemUTC());
        var engine = new EngineParts(tool, poller, new Maintenance(tool, TestServer.HOST::hostFqdn, poller::current),
                new Landing(tool, state.resolve("no-vdsm-ca.pem")), new Cleanup(tool, state.resolve("appliance"), Duration.ofSeconds(20)),
                new hostedengine.engine.Notifications(tool));
        return new SimulatedDeployment(engine, poller);
    }

    @Test
    void withoutADeployedEngineThePageSaysSoAndOffersNoLogin() {
        server = new TestServer(state);
        var page = server.get("/engine/hosts");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"no-engine\"").doesNotContain("id=\"engine-login\"");
    }

    @Test
    void aSecondHostIsAddedAsARunAndTheSingleHostBannerGoes() throws Exception {
        var s = deployed();
        var first = s.get("/engine/hosts");
        assertThat(first.body()).contains("id=\"engine-double-label\"").contains("manager.example.com")
                .contains("id=\"engine-login\"").contains("id=\"ca-fingerprint\"").contains("href=\"/engine/ca.pem\"");
        var ca = s.get("/engine/ca.pem");
        assertThat(ca.body()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(hostedengine.engineapi.EngineTrust.fromPem(ca.body()).fingerprint())
                .isEqualTo(hostedengine.engineapi.EngineTrust.fromPem(s.simulatedEngine.current().orElseThrow().caPem()).fingerprint());

        var wrong = s.post("/engine/login", Map.of("password", "not-it"), "Accept-Language", "ja");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("エンジンが admin@internal のパスワードを拒否しました。").doesNotContain("not-it");

        assertThat(s.post("/engine/login", Map.of("password", ADMIN_PASSWORD)).statusCode()).isEqualTo(303);
        var hosts = s.get("/engine/hosts");
        assertThat(hosts.body()).contains("data-host=\"host1.example.com\"").contains("id=\"single-host-banner\"")
                .contains("id=\"add-host\"").contains("id=\"engine-ssh-key\"").contains("ssh-rsa AAAA")
                .doesNotContain(ADMIN_PASSWORD);

        // bad input at its fields, in the user's language; nothing started
        var bad = s.post("/engine/hosts/add", Map.of("name", "h2;reboot", "address", "{{ 7*6 }}", "cluster", "Default",
                "auth", "password", "rootPassword", ROOT_PASSWORD), "Accept-Language", "ja");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"add-name-error\"").contains("英数字、ドット、ハイフン、アンダースコアのみ")
                .contains("id=\"add-address-error\"").doesNotContain(ROOT_PASSWORD);
        assertThat(s.runs.list()).isEmpty();

        var added = s.post("/engine/hosts/add", Map.of("name", "host2.example.com", "address", "host2.example.com",
                "cluster", "Default", "auth", "password", "rootPassword", ROOT_PASSWORD));
        assertThat(added.statusCode()).isEqualTo(303);
        String runPath = added.headers().firstValue("Location").orElseThrow();
        String runId = runPath.substring("/runs/".length());
        RunInfo ended = s.runs.awaitEnd(runId, Duration.ofSeconds(90)).orElseThrow();
        assertThat(ended.status()).as(ended.message()).isEqualTo(RunStatus.SUCCESSFUL);
        var runPage = s.get(runPath);
        assertThat(runPage.body()).contains("Add a hosted-engine host").contains("id=\"run-to-hosts\"")
                .doesNotContain("id=\"cleanup-from-run\"").doesNotContain("id=\"retry-run\"");
        assertThat(s.get(runPath + "/log").body()).contains("[ INFO  ] Engine: Status of host host2.example.com was set to Up.").doesNotContain(ROOT_PASSWORD);

        assertThat(s.get("/status").body()).contains("id=\"next-steps\"")
                .contains("href=\"https://manager.example.com/ovirt-engine/\"").contains("id=\"next-ca\"");
        var after = s.get("/engine/hosts");
        assertThat(after.body()).contains("data-host=\"host2.example.com\"").doesNotContain("id=\"single-host-banner\"");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"engine-login\"")
                .contains("\"operation\":\"add\"").doesNotContain(ROOT_PASSWORD).doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void theHostRunningTheEngineVmIsNotRemovedAndAnUnconfirmedActionStartsNothing() throws Exception {
        var s = deployed();
        s.post("/engine/login", Map.of("password", ADMIN_PASSWORD));
        var unconfirmed = s.post("/engine/hosts/action", Map.of("operation", "remove", "host", "host1.example.com"));
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        var refused = s.post("/engine/hosts/action", Map.of("operation", "remove", "host", "host1.example.com", "confirm", "yes"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("This host runs the engine VM and cannot be removed.");
        assertThat(s.runs.list()).isEmpty();

        // logging out of the product ends the engine session: its token is revoked
        s.post("/logout", Map.of());
        s.login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
        assertThat(s.get("/engine/hosts").body()).contains("id=\"engine-login\"");
    }

    @Test
    void withoutTheEngineCaOnTheHostItsFingerprintIsShownAndPinnedOnlyOnceConfirmed() throws Exception {
        var s = deployed();
        var engine = s.simulatedEngine.current().orElseThrow();
        String fingerprint = hostedengine.engineapi.EngineTrust.fromPem(engine.caPem()).fingerprint();
        Files.delete(s.simulatedEngine.caFile());

        var offer = s.get("/engine/hosts");
        assertThat(offer.body()).contains("id=\"engine-ca-offer\"").contains(fingerprint).doesNotContain("id=\"engine-login\"");
        var wrong = s.post("/engine/trust", Map.of("fingerprint", fingerprint.replace('A', 'B').replace('0', '1'), "confirm", "yes"));
        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(wrong.body()).contains("The CA was not trusted");
        assertThat(state.resolve("engine/pinned-ca.pem")).doesNotExist();

        assertThat(s.post("/engine/trust", Map.of("fingerprint", fingerprint, "confirm", "yes")).statusCode()).isEqualTo(303);
        assertThat(s.get("/engine/hosts").body()).contains("id=\"engine-login\"").doesNotContain("id=\"engine-ca-offer\"");
        assertThat(s.post("/engine/login", Map.of("password", ADMIN_PASSWORD)).statusCode()).isEqualTo(303);
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"engine-ca-pinned\"").contains(fingerprint);
    }

    @Test
    void anEngineAnsweringWithAProxyPageIsSaidSoAtTheLogin() throws Exception {
        var s = deployed();
        s.get("/engine/hosts");
        Files.writeString(state.resolve("simulator/" + hostedengine.enginedouble.SimulatedEngine.FAILURES_FILE), "{\"down\": true}");
        var r = s.post("/engine/login", Map.of("password", ADMIN_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("Something answered that is not the engine").doesNotContain(ADMIN_PASSWORD)
                .doesNotContain("Exception");
    }

    static void writeAdminHash(Path file, String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        var spec = new PBEKeySpec(password.toCharArray(), salt, 210000, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        new ObjectMapper().writeValue(file.toFile(), Map.of("algorithm", "PBKDF2WithHmacSHA256", "iterations", 210000,
                "salt", Base64.getEncoder().encodeToString(salt), "hash", Base64.getEncoder().encodeToString(hash)));
    }
}
