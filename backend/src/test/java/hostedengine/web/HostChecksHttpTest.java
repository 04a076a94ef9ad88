package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.host.HostnameChecks;
import hostedengine.host.SimulatedStorageDiscovery;
import hostedengine.preflight.Preflight;
import hostedengine.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes that ask the host, over HTTP against instant doubles of it: the role's FQDN checks,
 * Refresh of the host facts, the pre-flight list with "Run checks again" and another appliance
 * directory, and choosing an iSCSI target. (The real checks run Ansible: RoleHostnameChecksTest,
 * HostFactsCollectorIntegrationTest, and the browser's PreflightAndNameChecksTest.)
 */
class HostChecksHttpTest {
    private static final String ROOT = "Root-pass1";
    @TempDir Path state;
    private TestServer server;

    @BeforeEach void start() { server = new TestServer(state); }

    @AfterEach void stop() { server.close(); }

    @Test
    void aFailedNameCheckIsShownAtItsFieldAndKeepsTheAdministratorOnTheVmStep() {
        server.hostnames.fail("manager.example.com", "unresolvable", "Unable to resolve address");
        server.post("/api/wizard/vm/check", TestServer.validVm(ROOT));

        String started = server.post("/api/wizard/vm/names", Map.of()).body();
        assertThat(started).contains("\"engineVmFqdn\":{\"state\":\"failed\"", "This name does not resolve",
                "\"hostFqdn\":{\"state\":\"passed\"");
        assertThat(server.get("/api/wizard/vm/names", "Accept-Language", "ja").body())
                .contains("\"engineVmFqdn\":{\"state\":\"failed\"", "この名前は名前解決できません");
        // The engine's check is given this host's address on the bridge NIC, so only the engine name is judged.
        assertThat(server.hostnames.asked).contains(new HostnameChecks.Request(HostnameChecks.Subject.ENGINE,
                "manager.example.com", null, "ovirtmgmt", "192.168.122.10"));

        int asked = server.hostnames.asked.size();
        var next = server.post("/wizard/vm", TestServer.validVm(ROOT));
        assertThat(next.statusCode()).isEqualTo(422);
        assertThat(next.body()).contains("id=\"engineVmFqdn-error\"").contains("This name does not resolve")
                .doesNotContain("data-continue-when-checked");
        // Next shows what is known: a failed name is checked again when its field is left, not at every Next
        // (the page that follows a check and asks again would otherwise start it anew forever).
        assertThat(server.hostnames.asked).hasSize(asked);

        var renamed = new HashMap<>(TestServer.validVm(ROOT));
        renamed.put("engineVmFqdn", "engine.example.com");
        assertThat(server.post("/wizard/vm", renamed).headers().firstValue("Location")).hasValue("/wizard/engine");
    }

    @Test
    void nextNeverWaitsForANameCheckStillRunningAndThePageGoesOnOnceItPassed() {
        // The check is an ansible-playbook run that has not finished (the double holds it as long as
        // the test likes): Next answers at once, saying so, instead of holding a request thread.
        server.hostnames.hold("manager.example.com");
        var next = server.post("/wizard/vm", TestServer.validVm(ROOT));
        assertThat(next.statusCode()).isEqualTo(422);
        assertThat(next.body()).contains("id=\"engineVmFqdn-error\"")
                .contains("The wizard goes on to the next step by itself once the check has passed")
                .contains("data-continue-when-checked=\"true\"")
                .contains("data-name-check=\"engineVmFqdn\" data-state=\"checking\"");
        assertThat(server.post("/wizard/vm", TestServer.validVm(ROOT), "Accept-Language", "ja").body())
                .contains("確認に合格すると、ウィザードは自動的に次の手順へ進みます");
        // The page follows the check; the step itself is left once it passed.
        assertThat(server.get("/api/wizard/vm/names").body()).contains("\"engineVmFqdn\":{\"state\":\"checking\"");
        server.hostnames.release("manager.example.com");
        assertThat(server.get("/api/wizard/vm/names").body()).contains("\"engineVmFqdn\":{\"state\":\"passed\"");
        assertThat(server.post("/wizard/vm", TestServer.validVm(ROOT)).headers().firstValue("Location")).hasValue("/wizard/engine");
        // A failure of another field is no reason to go on by itself.
        var withoutMac = new HashMap<>(TestServer.validVm(ROOT));
        withoutMac.put("macAddress", "not-a-mac");
        server.hostnames.hold("manager.example.com");
        assertThat(server.post("/wizard/vm", withoutMac).body()).doesNotContain("data-continue-when-checked");
    }

    @Test
    void thePreflightListWaitsForTheHostsReadingWithoutHoldingARequest() {
        fillValid();
        server.readings.hold();
        assertThat(server.post("/wizard/prepare/preflight", Map.of()).statusCode()).isEqualTo(303);
        String pending = server.get("/wizard/prepare").body();
        assertThat(pending).contains("id=\"preflight-pending\"").contains("Reading this host with Ansible")
                .doesNotContain("data-check=\"diskSpace\"").contains("id=\"preflight-blocked\"");
        assertThat(server.get("/wizard/prepare", "Accept-Language", "ja").body()).contains("Ansible でこのホストを読み取っています");
        assertThat(server.get("/api/wizard/prepare/preflight").body()).isEqualTo("{\"pending\":true}");
        // A forced Prepare VM is refused at once while the host is read; nothing starts.
        assertThat(server.post("/wizard/prepare/run", Map.of()).statusCode()).isNotEqualTo(302);
        assertThat(server.runs.list()).isEmpty();

        server.readings.release();
        assertThat(server.get("/api/wizard/prepare/preflight").body()).isEqualTo("{\"pending\":false}");
        assertThat(server.get("/wizard/prepare").body()).doesNotContain("id=\"preflight-pending\"")
                .contains("data-check=\"diskSpace\" data-status=\"pass\"").doesNotContain("id=\"preflight-blocked\"");
    }

    @Test
    void aViewerStartsNoNameCheckAndNoReadingOfTheHost() {
        server.newBrowser();
        server.login(hostedengine.auth.TestDoubleAuthenticator.VIEWER, hostedengine.auth.TestDoubleAuthenticator.PASSWORD);
        server.post("/api/wizard/vm/check", TestServer.validVm(ROOT));
        var names = server.post("/api/wizard/vm/names", Map.of());
        assertThat(names.statusCode()).isEqualTo(200);
        assertThat(names.body()).isEqualTo("{}");
        assertThat(server.hostnames.asked).isEmpty();
        // Leaving the step asks for no run either, and the step is left.
        assertThat(server.post("/wizard/vm", TestServer.validVm(ROOT)).headers().firstValue("Location")).hasValue("/wizard/engine");
        assertThat(server.hostnames.asked).isEmpty();
        assertThat(server.post("/wizard/facts/refresh", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.readings.refreshedDirs).isEmpty();
        assertThat(server.get("/wizard/vm").body()).doesNotContain("id=\"facts-refresh-button\"");
        // The pre-flight list shows the last readings to a viewer, who cannot have the host read again.
        server.readings.hold();
        server.post("/wizard/engine", TestServer.validEngine("Admin-pass1"));
        assertThat(server.get("/wizard/prepare").body()).contains("data-check=\"diskSpace\"")
                .doesNotContain("id=\"preflight-again\"");
        assertThat(server.post("/wizard/prepare/preflight", Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.post("/wizard/prepare/local-vm-dir", Map.of("localVmDirPath", "/srv/he")).statusCode()).isEqualTo(403);
        assertThat(server.readings.refreshedDirs).isEmpty();
    }

    @Test
    void refreshReadsTheHostAgainAndTheVmStepSaysWhenAndWho() {
        var r = server.post("/wizard/facts/refresh", Map.of());

        assertThat(r.headers().firstValue("Location")).hasValue("/wizard/vm");
        assertThat(server.readings.refreshedDirs).containsExactly("/var/tmp");
        assertThat(server.get("/wizard/vm").body()).contains("Host facts read at ")
                .contains("come from the simulator&#39;s get_network_interfaces");
    }

    @Test
    void aFullApplianceDirectoryBlocksPrepareVmUntilAnotherDirectoryIsChosen() {
        fillValid();
        String ok = server.get("/wizard/prepare").body();
        for (String id : Preflight.IDS) assertThat(ok).contains("data-check=\"" + id + "\"");
        assertThat(ok).contains("data-check=\"engineFqdn\" data-status=\"pass\"").doesNotContain("id=\"preflight-blocked\"");

        server.readings.freeBytes(1L << 30);
        assertThat(server.post("/wizard/prepare/preflight", Map.of()).statusCode()).isEqualTo(303);
        String full = server.get("/wizard/prepare").body();
        assertThat(full).contains("data-check=\"diskSpace\" data-status=\"failure\"").contains("id=\"preflight-blocked\"")
                .contains("action=\"/wizard/prepare/local-vm-dir\"");
        server.post("/wizard/prepare/run", Map.of());
        assertThat(server.runs.list()).isEmpty();

        var refused = server.post("/wizard/prepare/local-vm-dir", Map.of("localVmDirPath", "relative/dir"));
        assertThat(refused.headers().firstValue("Location")).hasValue("/wizard/prepare?localVmDirError=1#localVmDirPath");
        assertThat(server.get("/wizard/prepare?localVmDirError=1").body()).contains("id=\"localVmDirPath-error\"");

        server.readings.freeBytes(50L << 30);
        server.post("/wizard/prepare/local-vm-dir", Map.of("localVmDirPath", "/srv/hosted-engine"));
        assertThat(server.readings.refreshedDirs).last().isEqualTo("/srv/hosted-engine");
        assertThat(server.get("/wizard/prepare").body()).contains("data-check=\"diskSpace\" data-status=\"pass\"")
                .contains("/srv/hosted-engine").doesNotContain("id=\"preflight-blocked\"");
    }

    @Test
    void choosingAnIscsiTargetListsItsLuns() throws InterruptedException {
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine("Admin-pass1"));
        server.post("/wizard/storage/iscsi/discover", Map.of("storageType", "iscsi",
                "iscsiPortalAddress", "192.0.2.10", "iscsiPortalPort", "3260", "diskSizeGb", "61"));
        awaitDiscovery("targets");

        var chosen = server.post("/wizard/storage/iscsi/target", Map.of("storageType", "iscsi",
                "iscsiPortalAddress", "192.0.2.10", "iscsiPortalPort", "3260", "diskSizeGb", "61",
                "iscsiTargetChoice", "1|" + SimulatedStorageDiscovery.IQN_MULTIPATH));
        assertThat(chosen.headers().firstValue("Location")).hasValue("/wizard/storage#discovery-luns");
        awaitDiscovery("luns");

        assertThat(server.get("/wizard/storage").body()).contains("he_lun_100g")
                .containsPattern("value=\"1\\|" + SimulatedStorageDiscovery.IQN_MULTIPATH.replace(".", "\\.")
                        + "\"[^>]*checked=\"checked\"");
    }

    private void awaitDiscovery(String kind) throws InterruptedException {
        Await.until("the " + kind + " discovery to find something", () -> {
            String body = server.get("/api/wizard/storage/discovery").body();
            return body.contains("\"kind\":\"" + kind + "\"") && body.contains("\"state\":\"found\"");
        }, Duration.ofSeconds(10));
    }

    private void fillValid() {
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine("Admin-pass1"));
        server.post("/wizard/storage", TestServer.validNfs());
    }
}
