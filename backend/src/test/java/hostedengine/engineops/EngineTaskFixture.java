package hostedengine.engineops;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostedEngineTool;
import hostedengine.enginedouble.EngineDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine-task tests share: a deployed single host (host1 running a healthy engine VM, as
 * the hosted-engine double's state says), the engine double with its CA where a host keeps it,
 * the real run core on the simulator's playbooks, a session with the engine, and the host
 * operations wired as the server wires them.
 */
record EngineTaskFixture(Path heState, EngineDouble engine, Runs runs, HostedEngineTool tool, EngineLogins logins,
                         HostOperations operations) implements AutoCloseable {

    static EngineTaskFixture start(Path state, String adminPassword) throws Exception {
        Path heState = state.resolve("simulator/state.json");
        Files.createDirectories(heState.getParent());
        Files.writeString(heState, """
                {"deployed": true, "local_host_id": 1, "vm_host_id": 1, "global_maintenance": false, "vmid": "x",
                 "hosts": [{"host-id": 1, "host-ts": 5281, "hostname": "host1.example.com", "score": 3400,
                            "engine-status": {"vm": "up", "health": "good", "detail": "Up"}, "maintenance": false,
                            "stopped": false, "live-data": true, "state": "EngineUp"}]}""");
        var engine = new EngineDouble("engine.example.com", "host1.example.com", adminPassword::equals, heState,
                Duration.ofMillis(30), Clock.systemUTC());
        Path ca = state.resolve("simulator/pki/cacert.pem");
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, engine.caPem());
        Path playbooks = PlaybookFiles.unpack(state);
        var runs = new Runs(state, RunSettings.simulator(playbooks, 50));
        var tool = new HostedEngineTool(playbooks.resolve("roles/hosted_engine_simulator/files/hosted-engine"),
                playbooks.resolve("roles/hosted_engine_simulator/files/ovirt-hosted-engine-cleanup"),
                Map.of("HOSTED_ENGINE_DOUBLE_STATE", heState.toString()), HostedEngineTool.DEFAULT_TIMEOUT);
        var location = new EngineLocation("engine.example.com", engine.apiUrl(), ca, true);
        var logins = new EngineLogins(() -> Optional.of(location), state);
        var operations = new HostOperations(runs, logins, () -> Optional.of("host1.example.com"),
                new AuditLog(state, Clock.systemUTC()),
                new HostOperations.Settings(Duration.ofMillis(50), Duration.ofSeconds(60), tool));
        return new EngineTaskFixture(heState, engine, runs, tool, logins, operations);
    }

    /** The run, once it ended (at most 90 s). */
    RunInfo ended(String id) throws InterruptedException {
        return runs.awaitEnd(id, Duration.ofSeconds(90)).orElseThrow(() -> new AssertionError("run " + id + " did not end"));
    }

    /** Every event the run recorded so far. */
    java.util.List<hostedengine.deploy.RunEvent> events(String id) {
        var all = new java.util.ArrayList<hostedengine.deploy.RunEvent>();
        runs.forEachEvent(id, 0, Long.MAX_VALUE, all::add);
        return all;
    }

    /** The events one per line, "type task: message", for assertions on their order. */
    static String log(java.util.List<hostedengine.deploy.RunEvent> events) {
        var text = new StringBuilder();
        for (var e : events) text.append(e.type()).append(' ').append(e.task()).append(": ").append(e.message()).append('\n');
        return text.toString();
    }

    /** Every run ended first, so no engine task outlives the engine double it talks to. */
    @Override public void close() throws Exception {
        for (RunInfo r : runs.list()) runs.awaitEnd(r.id(), Duration.ofSeconds(60));
        logins.close();
        runs.close();
        engine.close();
    }
}
