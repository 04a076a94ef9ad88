package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.Main;
import hostedengine.deploy.RunSettings;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;
import hostedengine.host.HostMode;
import hostedengine.preflight.Check;
import hostedengine.preflight.LocalVmDirChoices;
import hostedengine.preflight.PreflightService;
import hostedengine.remote.ChosenEngineHost;
import hostedengine.remote.DeploymentTarget;
import hostedengine.testing.Await;
import hostedengine.testing.Sshd;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day-2 actions on a remote deployment host, over HTTP, against a real sshd on 127.0.0.1
 * ({@link Sshd}): the host is chosen and its key confirmed on the host page, then the status,
 * each maintenance mode, the engine VM's start and shutdown, the notification settings, the
 * cleanup and the pre-flight's earlier-deployment check act on the remote host's own
 * {@code hosted-engine} double (where a simulated deployment over SSH leaves it,
 * {@link RunSettings#simulatedRemoteDir}), each page naming that host; this host's double is never
 * touched. A remote host whose password was lost at a restart, or that does not answer, gives
 * "connect to the host first" and runs nothing anywhere.
 */
class RemoteDayTwoHttpTest {
    static Sshd sshd;

    @TempDir Path state;
    private TestServer server;
    private EngineStatePoller poller;
    private HostedEngineDouble local;
    private HostedEngineDouble remote;
    private Path remoteAppliance;
    private String label;

    @BeforeAll
    static void startSshd(@TempDir Path dir) throws Exception {
        Sshd.assumeAvailable();
        sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @BeforeEach
    void arrange() throws Exception {
        // This host: deployed, host1 runs the engine VM.
        local = new HostedEngineDouble(state).healthyTwoHosts().write();
        label = "root@127.0.0.1:" + sshd.port();
        // The remote host's own double, where a simulated deployment over SSH installs it.
        Path remoteDir = RunSettings.simulatedRemoteDir(state.resolve("simulator"), label);
        HostedEngineDouble.install(remoteDir.resolve("bin"));
        remoteAppliance = Files.createDirectories(state.resolve("remote-appliance"));
        Files.write(Files.createDirectories(remoteAppliance.resolve("localvmRemote")).resolve("disk.qcow2"), new byte[2 * 1024 * 1024]);
        remote = HostedEngineDouble.at(remoteDir.resolve("state.json"))
                .host(1, "hv1.example.com", HostedEngineDouble.NOT_RUNNING).host(2, "hv2.example.com", HostedEngineDouble.UP_GOOD)
                .set("vm_host_id", 2).set("local_vm_dir_path", remoteAppliance.toString())
                .set("shared_config", Map.of("broker", Map.of("email.smtp-server", "mail.hv.example.com"))).write();
        server = serverOn(state);
    }

    /** The server as Main wires it in simulation: every day-2 part asks the host page's choice at each call. */
    private TestServer serverOn(Path dir) {
        return new TestServer(dir, target -> {
            var localTool = local.tool();
            var dayTwo = new ChosenEngineHost(target, localTool, Main.remoteHostedEngineTool(dir, HostMode.simulatorRequested()),
                    Duration.ofSeconds(5));
            poller = new EngineStatePoller(dayTwo, EngineStatePoller.DEFAULT_INTERVAL, Clock.systemUTC());
            return new EngineParts(localTool, poller, new Maintenance(dayTwo, Main.deploymentHostFqdn(target, () -> TestServer.HOST),
                    poller::current), new Landing(dayTwo, dir.resolve("no-vdsm-ca.pem")),
                    new Cleanup(dayTwo, remoteAppliance, Duration.ofSeconds(20)), new Notifications(dayTwo), dayTwo);
        });
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (poller != null) poller.close();
    }

    /** Chooses the remote host on the host page and confirms its key, as an administrator does. */
    private void chooseRemoteByKey() throws Exception {
        var chosen = server.post("/host", Map.of("target", "remote", "sshAddress", "127.0.0.1", "sshPort",
                String.valueOf(sshd.port()), "sshUser", "root", "sshAuth", "key", "sshKeyFile", sshd.userKey().toString()));
        assertThat(chosen.statusCode()).isEqualTo(303);
        assertThat(server.post("/host/confirm", Map.of("fingerprint", sshd.sshKeygenFingerprint())).statusCode()).isEqualTo(303);
        assertThat(server.deploymentTarget.view().ready()).as("%s", server.deploymentTarget.view().problem()).isTrue();
    }

    private String actsOnRemote() { return "On " + label + " (remote, over SSH)"; }

    private String audit() throws Exception { return Files.readString(state.resolve("audit.log")); }

    @Test
    void theStatusIsTheRemoteHostsAndTheChoiceTakesEffectWithoutARestart() throws Exception {
        assertThat(server.get("/status").body()).contains("host1.example.com").contains("data-acts-on=\"local\"");
        String logBefore = sshd.log();

        chooseRemoteByKey();

        String html = server.get("/status").body();
        assertThat(html).contains("data-acts-on=\"remote\"").contains(actsOnRemote())
                .contains("hv1.example.com").contains("hv2.example.com").doesNotContain("host1.example.com");
        assertThat(sshd.log().substring(logBefore.length())).contains("Accepted publickey for root");
        // The live stream names the remote host too.
        var request = HttpRequest.newBuilder(URI.create(server.url("/api/status/events"))).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).GET().build();
        try (var lines = server.client().send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            String event = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
            assertThat(event).contains("\"host\":\"" + label + "\"").contains("\"id\":\"remote\"").contains("hv2.example.com");
        }

        assertThat(server.post("/host", Map.of("target", "local")).statusCode()).isEqualTo(303);
        assertThat(server.get("/status").body()).contains("data-acts-on=\"local\"").contains("host1.example.com");
    }

    @Test
    void eachMaintenanceModeRunsOnTheRemoteHost() throws Exception {
        chooseRemoteByKey();

        var global = server.post("/status/maintenance", Map.of("mode", "global", "confirm", "yes"));
        assertThat(global.statusCode()).isEqualTo(200);
        assertThat(global.body()).contains("id=\"action-acts-on\"").contains(actsOnRemote());
        assertThat(remote.read().get("global_maintenance")).isEqualTo(true);

        assertThat(server.post("/status/maintenance", Map.of("mode", "none", "confirm", "yes")).statusCode()).isEqualTo(200);
        assertThat(remote.read().get("global_maintenance")).isEqualTo(false);

        // hv1 (the remote double's own host) does not run the engine VM: local maintenance is allowed there.
        var localMode = server.post("/status/maintenance", Map.of("mode", "local", "confirm", "yes"));
        assertThat(localMode.statusCode()).as(localMode.body()).isEqualTo(200);
        assertThat(hostOf(remote, 1).get("maintenance")).isEqualTo(true);

        assertThat(local.read().get("global_maintenance")).isEqualTo(false);
        assertThat(hostOf(local, 1).get("maintenance")).isEqualTo(false);
        assertThat(audit()).contains("\"mode\":\"global\"").contains("\"mode\":\"local\"").contains("\"mode\":\"none\"")
                .contains("\"host\":\"" + label + "\"");
    }

    @Test
    void theEngineVmStartsAndShutsDownOnTheRemoteHost() throws Exception {
        remote.set("vm_host_id", 1).hostField(1, "engine-status", HostedEngineDouble.UP_GOOD)
                .hostField(2, "engine-status", HostedEngineDouble.NOT_RUNNING).write();
        chooseRemoteByKey();

        var shutdown = server.post("/status/vm/shutdown", Map.of("confirm", "yes"));
        assertThat(shutdown.statusCode()).as(shutdown.body()).isEqualTo(200);
        assertThat(shutdown.body()).contains(actsOnRemote());
        assertThat(remote.read().get("vm_host_id")).isNull();

        var start = server.post("/status/vm/start", Map.of("confirm", "yes"));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        assertThat(start.body()).contains(actsOnRemote()).contains("VM in WaitForLaunch");
        assertThat(remote.read().get("vm_host_id")).isEqualTo(1);

        assertThat(local.read().get("vm_host_id")).as("this host's engine VM was never touched").isEqualTo(1);
        assertThat(audit()).contains("\"mode\":\"vm-shutdown\"").contains("\"mode\":\"vm-start\"").contains("\"host\":\"" + label + "\"");
    }

    @Test
    void notificationSettingsAreReadAndChangedOnTheRemoteHost() throws Exception {
        chooseRemoteByKey();

        var page = server.get("/status/notifications");
        assertThat(page.body()).contains("value=\"mail.hv.example.com\"").contains("id=\"notify-acts-on\"").contains(actsOnRemote());

        var saved = server.post("/status/notifications", Map.of("smtp-server", "smtp.example.org", "smtp-port", "2525",
                "source-email", "root@localhost", "destination-emails", "root@localhost",
                "state_transition", "maintenance|start|stop|migrate|up|down"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("value=\"smtp.example.org\"").contains(actsOnRemote());
        @SuppressWarnings("unchecked")
        var broker = (Map<String, Object>) ((Map<String, Object>) remote.read().get("shared_config")).get("broker");
        assertThat(broker).containsEntry("email.smtp-server", "smtp.example.org").containsEntry("email.smtp-port", "2525");
        assertThat(local.read()).doesNotContainKey("shared_config");
        assertThat(audit()).contains("\"action\":\"notifications-changed\"").contains("\"host\":\"" + label + "\"");
    }

    @Test
    void theCleanupRunsOnTheRemoteHostAndStreamsItsOutput() throws Exception {
        chooseRemoteByKey();
        assertThat(server.get("/cleanup").body()).contains("id=\"cleanup-acts-on\"").contains(actsOnRemote());

        var r = server.post("/cleanup", Map.of("confirmDeconfigure", "yes", "confirmStorage", "yes"));
        assertThat(r.statusCode()).isEqualTo(303);
        var events = HttpRequest.newBuilder(URI.create(server.url("/api/cleanup/events?since=0")))
                .header("Accept", "text/event-stream").GET().build();
        assertThat(server.client().send(events, HttpResponse.BodyHandlers.ofString()).body())
                .contains("event: line").contains("Destroy hosted-engine VM").contains("event: end").contains("SUCCEEDED");
        String html = Await.value("the cleanup ends", () -> Optional.of(server.get("/cleanup").body())
                .filter(h -> !h.contains("data-state=\"RUNNING\"")), Duration.ofSeconds(20));

        assertThat(html).contains("data-state=\"SUCCEEDED\"").contains("id=\"cleanup-run-on\"").contains(actsOnRemote())
                .contains("- removing " + remoteAppliance.resolve("localvmRemote")).contains("id=\"cleanup-freed\">2.0 MiB<");
        assertThat(remote.read().get("deployed")).isEqualTo(false);
        assertThat(local.read().get("deployed")).isEqualTo(true);
        assertThat(audit()).contains("\"action\":\"cleanup\"").contains("\"outcome\":\"success\"").contains("\"host\":\"" + label + "\"");
    }

    @Test
    void theEarlierDeploymentCheckAsksTheRemoteHost() throws Exception {
        chooseRemoteByKey();
        var dayTwo = new ChosenEngineHost(server.deploymentTarget, local.tool(),
                Main.remoteHostedEngineTool(state, HostMode.simulatorRequested()), Duration.ofSeconds(5));
        var landing = new Landing(dayTwo, state.resolve("no-vdsm-ca.pem"));
        var preflight = PreflightService.onDeploymentHost(server.readings, TestServer.LAB_DNS,
                () -> Main.earlierDeploymentOf(landing.decide()), true, new LocalVmDirChoices(state));

        assertThat(deploymentCheck(preflight).outcome()).isEqualTo("deployed");
        remote.set("deployed", false).write();
        assertThat(deploymentCheck(preflight).outcome()).as("this host is deployed, the remote one is not").isEqualTo("simulated");

        server.deploymentTarget.connect(hostedengine.remote.RemoteHost.parse(Map.of("sshAddress", "127.0.0.1",
                "sshPort", String.valueOf(Sshd.freePort()), "sshUser", "root", "sshAuth", "key",
                "sshKeyFile", sshd.userKey().toString()), null).host());
        Check unreachable = deploymentCheck(preflight);
        assertThat(unreachable.outcome()).isEqualTo("hostNotConnected");
        assertThat(unreachable.blocks()).isTrue();
    }

    private Check deploymentCheck(PreflightService preflight) {
        var answers = Answers.empty().with(Field.ENGINE_VM_FQDN, "manager.example.com").with(Field.HOST_FQDN, "host1.example.com")
                .with(Field.BRIDGE_INTERFACE, "eth0").with(Field.MEMORY_SIZE_MB, "4096");
        return preflight.checks("root", answers).stream().filter(c -> c.id().equals("deployment")).findFirst().orElseThrow();
    }

    @Test
    void aLostPasswordGivesConnectFirstAndRunsNothingAnywhere() throws Exception {
        String user = sshd.passwordUser();
        var chosen = server.post("/host", Map.of("target", "remote", "sshAddress", "127.0.0.1", "sshPort",
                String.valueOf(sshd.port()), "sshUser", user, "sshAuth", "password", "sshPassword", sshd.password()));
        assertThat(chosen.statusCode()).isEqualTo(303);
        assertThat(server.post("/host/confirm", Map.of("fingerprint", sshd.sshKeygenFingerprint())).statusCode()).isEqualTo(303);
        String passwordLabel = user + "@127.0.0.1:" + sshd.port();
        // The server restarts: the password is gone, the choice stays.
        server.close();
        poller.close();
        server = serverOn(state);
        assertThat(server.deploymentTarget.view().passwordLost()).isTrue();

        String status = server.get("/status").body();
        assertThat(status).contains("data-acts-on=\"notConnected\"").contains("On " + passwordLabel + " (remote, over SSH): not connected")
                .contains("no longer knows the SSH password").contains("href=\"/host\" class=\"acts-on-connect\"")
                .contains("The status of the deployment host cannot be read");
        var maintenance = server.post("/status/maintenance", Map.of("mode", "global", "confirm", "yes"));
        assertThat(maintenance.statusCode()).isEqualTo(409);
        assertThat(maintenance.body()).contains("Nothing was done: the wizard is not connected to the deployment host");
        assertThat(server.post("/status/vm/shutdown", Map.of("confirm", "yes")).statusCode()).isEqualTo(409);
        assertThat(server.get("/status/notifications").body()).contains("The notification settings of the deployment host cannot be read");
        var cleanup = server.post("/cleanup", Map.of("confirmDeconfigure", "yes", "confirmStorage", "yes"));
        assertThat(cleanup.statusCode()).isEqualTo(409);
        assertThat(cleanup.body()).contains("Nothing was cleaned up");
        var landing = server.get("/");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("id=\"landing-not-connected\"").contains("id=\"landing-connect\"")
                .contains("id=\"redeploy\"");
        // Japanese too.
        assertThat(server.get("/status", "Accept-Language", "ja").body()).contains("接続されていません");

        assertThat(local.read().get("global_maintenance")).isEqualTo(false);
        assertThat(local.read().get("vm_host_id")).isEqualTo(1);
        assertThat(local.read().get("deployed")).isEqualTo(true);
        assertThat(remote.read().get("global_maintenance")).isEqualTo(false);
        assertThat(audit()).contains("\"outcome\":\"refused\"").contains("\"host\":\"" + passwordLabel + "\"");
    }

    @Test
    void aHostThatStopsAnsweringGivesConnectFirstAndNoLocalFallback(@TempDir Path otherSshd) throws Exception {
        try (Sshd leaving = Sshd.start(otherSshd)) {
            var chosen = server.post("/host", Map.of("target", "remote", "sshAddress", "127.0.0.1", "sshPort",
                    String.valueOf(leaving.port()), "sshUser", "root", "sshAuth", "key", "sshKeyFile", leaving.userKey().toString()));
            assertThat(chosen.statusCode()).isEqualTo(303);
            assertThat(server.post("/host/confirm", Map.of("fingerprint", leaving.sshKeygenFingerprint())).statusCode()).isEqualTo(303);
            assertThat(server.deploymentTarget.view().ready()).isTrue();
        }
        // The host was connected; now nothing listens on its port.
        var global = server.post("/status/maintenance", Map.of("mode", "global", "confirm", "yes"));
        assertThat(global.statusCode()).isEqualTo(409);
        assertThat(global.body()).contains("Nothing was done").contains("data-acts-on=\"notConnected\"")
                .contains("Nothing answers on this port");
        assertThat(server.get("/status").body()).contains("The status of the deployment host cannot be read")
                .doesNotContain("host1.example.com");
        assertThat(local.read().get("global_maintenance")).isEqualTo(false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hostOf(HostedEngineDouble d, int id) {
        return ((List<Map<String, Object>>) d.read().get("hosts")).stream().filter(h -> h.get("host-id").equals(id))
                .findFirst().orElseThrow();
    }
}
