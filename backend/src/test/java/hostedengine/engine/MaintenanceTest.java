package hostedengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance and the engine VM's start and shutdown, through the double, with their refusals. */
class MaintenanceTest {
    @TempDir Path dir;

    private Maintenance maintenance(HostedEngineDouble d, String me) {
        var tool = d.write().tool();
        return new Maintenance(tool, () -> me,
                () -> StatusSnapshot.of(Instant.EPOCH, VmStatus.read(tool.run("--vm-status", "--json"))));
    }

    @Test
    void localMaintenanceIsRefusedOnTheHostRunningTheEngineVm() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts();
        ActionResult r = maintenance(d, "host1.example.com").set(MaintenanceMode.LOCAL);
        assertThat(r.outcome()).isEqualTo(ActionResult.Outcome.REFUSED);
        assertThat(r.messageKey()).isEqualTo("maintenance.result.refusedEngineHere");
        assertThat(d.read().get("hosts").toString()).doesNotContain("LocalMaintenance");
    }

    @Test
    void theToolsOwnRefusalIsRecognisedWhenOurStatusDoesNotKnowTheHost() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts();
        ActionResult r = maintenance(d, "some-other-name").set(MaintenanceMode.LOCAL);
        assertThat(r.outcome()).isEqualTo(ActionResult.Outcome.REFUSED);
        assertThat(r.output()).contains("the engine VM is running on the current host, please migrate it");
    }

    @Test
    void localMaintenanceOnAHostWithoutTheEngineVm() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().set("vm_host_id", 2)
                .hostField(1, "engine-status", HostedEngineDouble.NOT_RUNNING).hostField(2, "engine-status", HostedEngineDouble.UP_GOOD);
        ActionResult r = maintenance(d, "host1.example.com").set(MaintenanceMode.LOCAL);
        assertThat(r.done()).isTrue();
        assertThat(r.messageKey()).isEqualTo("maintenance.result.done.local");
        var h1 = VmStatus.read(d.tool().run("--vm-status", "--json")).status().orElseThrow().hosts().get(0);
        assertThat(h1.localMaintenance()).isTrue();
        assertThat(h1.score()).isZero();
    }

    @Test
    void globalThenNone() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts();
        var m = maintenance(d, "host1.example.com");
        assertThat(m.set(MaintenanceMode.GLOBAL).done()).isTrue();
        assertThat(d.read().get("global_maintenance")).isEqualTo(true);
        assertThat(m.set(MaintenanceMode.NONE).done()).isTrue();
        assertThat(d.read().get("global_maintenance")).isEqualTo(false);
    }

    @Test
    void shutdownThenStartTheEngineVm() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts();
        var m = maintenance(d, "host1.example.com");
        assertThat(m.shutdownEngineVm().done()).isTrue();
        assertThat(d.read().get("vm_host_id")).isNull();
        ActionResult start = m.startEngineVm();
        assertThat(start.done()).isTrue();
        assertThat(start.output()).contains("VM in WaitForLaunch");
        assertThat(d.read().get("vm_host_id")).isEqualTo(1);
    }

    @Test
    void startingARunningVmIsRefusedWithTheToolsWords() {
        ActionResult r = maintenance(new HostedEngineDouble(dir).healthyTwoHosts(), "host1.example.com").startEngineVm();
        assertThat(r.outcome()).isEqualTo(ActionResult.Outcome.REFUSED);
        assertThat(r.output()).isEqualTo("VM exists and its status is Up");
    }

    @Test
    void shutdownWhereNoVmRunsFailsWithTheToolsWords() {
        var d = new HostedEngineDouble(dir).host(1, "host1.example.com", HostedEngineDouble.NOT_RUNNING);
        ActionResult r = maintenance(d, "host1.example.com").shutdownEngineVm();
        assertThat(r.outcome()).isEqualTo(ActionResult.Outcome.FAILED);
        assertThat(r.output()).contains("Virtual machine does not exist");
    }

    @Test
    void vdsmDownFailsTheAction() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().set("vdsm_down", true);
        ActionResult r = maintenance(d, "host2.example.com").set(MaintenanceMode.GLOBAL);
        assertThat(r.messageKey()).isEqualTo("maintenance.result.failed");
        assertThat(r.output()).startsWith("Failed communicating with VDSM");
    }

    @Test
    void aHangingActionIsStoppedAtTheTimeout() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().set("hang_seconds", 30).set("hang_commands", List.of("--set-maintenance")).write();
        var m = new Maintenance(d.tool(Duration.ofMillis(500)), () -> "x", () -> StatusSnapshot.of(Instant.EPOCH,
                VmStatus.read(new ToolOutput("{\"global_maintenance\": false}", "", 0, false, false))));
        assertThat(m.set(MaintenanceMode.GLOBAL).messageKey()).isEqualTo("maintenance.result.timeout");
    }

    @Test
    void modesParseOnlyTheirNames() {
        assertThat(MaintenanceMode.parse("global")).contains(MaintenanceMode.GLOBAL);
        assertThat(MaintenanceMode.parse("GLOBAL")).isEmpty();
        assertThat(MaintenanceMode.parse(null)).isEmpty();
    }

    @Test
    void checkDeployedDecidesTheLanding() {
        var deployed = new HostedEngineDouble(dir).healthyTwoHosts().write();
        assertThat(new Landing(deployed.tool(), dir.resolve("no-ca.pem")).decide().kind()).isEqualTo(Landing.Kind.DEPLOYED);
        deployed.set("deployed", false).write();
        assertThat(new Landing(deployed.tool(), dir.resolve("no-ca.pem")).decide().kind()).isEqualTo(Landing.Kind.WIZARD);
        var missing = new HostedEngineTool(dir.resolve("none"), dir.resolve("none"), Map.of(), Duration.ofSeconds(1));
        assertThat(new Landing(missing, dir.resolve("no-ca.pem")).decide().kind()).isEqualTo(Landing.Kind.NOT_INSTALLED);
    }

    @Test
    void pollerIsSharedAndStopsWithTheLastViewer() throws Exception {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().write();
        var calls = new java.util.concurrent.CopyOnWriteArrayList<Long>(); // when each reading started, System.nanoTime()
        Duration interval = Duration.ofMillis(200);
        try (var poller = new EngineStatePoller(() -> { calls.add(System.nanoTime()); return d.tool().run("--vm-status", "--json"); },
                interval, Clock.systemUTC())) {
            var seen1 = new java.util.concurrent.LinkedBlockingQueue<StatusSnapshot>();
            var seen2 = new java.util.concurrent.LinkedBlockingQueue<StatusSnapshot>();
            var a = poller.subscribe(seen1::add);
            var b = poller.subscribe(seen2::add);
            assertThat(seen1.poll(5, java.util.concurrent.TimeUnit.SECONDS).diagnosis()).contains(Diagnosis.ENGINE_UP);
            assertThat(seen2.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            // two viewers, one poll per interval: four readings take at least three intervals, not half that
            Await.until("four readings", () -> calls.size() >= 4, Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(calls.get(3) - calls.get(0))).isGreaterThanOrEqualTo(interval.multipliedBy(3));
            a.close();
            assertThat(poller.polling()).isTrue();
            b.close();
            assertThat(poller.polling()).isFalse();
            int after = calls.size();
            Thread.sleep(500); // proves an absence (no reading once stopped): there is no event to wait on
            assertThat(calls.size()).isLessThanOrEqualTo(after + 1);
        }
    }

    @Test
    void pollingGoesOnAfterAProblem() throws Exception {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().set("broker", "global").write();
        try (var poller = new EngineStatePoller(d.tool(), Duration.ofMillis(150), Clock.systemUTC())) {
            var seen = new java.util.concurrent.LinkedBlockingQueue<StatusSnapshot>();
            try (var sub = poller.subscribe(seen::add)) {
                assertThat(seen.poll(5, java.util.concurrent.TimeUnit.SECONDS).problem()).contains(StatusProblem.BROKER_UNREACHABLE);
                d.set("broker", "up").write();
                StatusSnapshot next;
                do next = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS); while (next != null && next.problem().isPresent());
                assertThat(next).isNotNull();
                assertThat(next.diagnosis()).contains(Diagnosis.ENGINE_UP);
            }
        }
    }
}
