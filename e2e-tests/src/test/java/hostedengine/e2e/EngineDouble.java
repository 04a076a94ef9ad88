package hostedengine.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hosted-engine} test double of a simulated server, arranged directly: its script is
 * installed where final_clean would install it ({@code <state-dir>/simulator/bin}) and its state
 * file ({@code <state-dir>/simulator/state.json}) is written by the test. The keys are the ones the
 * double's header lists.
 */
final class EngineDouble {
    static final String HOST1 = "host1.example.com";
    static final String HOST2 = "host2.example.com";
    static final String UP_GOOD = "{\"vm\": \"up\", \"health\": \"good\", \"detail\": \"Up\"}";
    static final String LIVELINESS = "{\"vm\": \"up\", \"health\": \"bad\", \"detail\": \"Up\", \"reason\": \"failed liveliness check\"}";
    static final String NOT_RUNNING = "{\"vm\": \"down\", \"health\": \"bad\", \"detail\": \"unknown\", \"reason\": \"vm not running on this host\"}";
    static final String STATS_FAILED = "{\"vm\": \"unknown\", \"health\": \"unknown\", \"detail\": \"unknown\", \"reason\": \"failed to getVmStats\"}";

    private static final Path SCRIPT = Path.of(System.getProperty("wizard.double.path",
            "../playbooks/roles/hosted_engine_simulator/files/hosted-engine"));

    private String host1 = HOST1;
    private final Path bin;
    private final Path state;

    EngineDouble(ServerProcess server) {
        this.bin = server.stateDir().resolve("simulator/bin");
        this.state = server.stateDir().resolve("simulator/state.json");
    }

    /** Host 1 (this host) under the name the server knows this host by, so it can tell the engine VM runs here. */
    EngineDouble localHostnamed(String name) {
        this.host1 = name;
        return this;
    }

    /** Copies the double into the bin dir, as the simulator's final_clean does. */
    EngineDouble install() {
        try {
            Files.createDirectories(bin);
            Path tool = bin.resolve("hosted-engine");
            Files.copy(SCRIPT, tool, StandardCopyOption.REPLACE_EXISTING);
            tool.toFile().setExecutable(true);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a host has after a failed deployment: the packages (so {@code hosted-engine} and
     * {@code ovirt-hosted-engine-cleanup}) and no deployment, the previous attempt left over.
     */
    EngineDouble failedAttempt() {
        try {
            Path cleanup = bin.resolve("ovirt-hosted-engine-cleanup");
            Files.copy(SCRIPT.resolveSibling("ovirt-hosted-engine-cleanup"), cleanup, StandardCopyOption.REPLACE_EXISTING);
            cleanup.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write("{\"deployed\": false, \"previous_attempt\": true}");
    }

    /** Two hosts; host 1 is this host. {@code vmHostId} null: the engine VM runs nowhere. */
    EngineDouble deployed(Integer vmHostId, String engineStatus1, String engineStatus2, boolean globalMaintenance) {
        List<String> hosts = new ArrayList<>();
        hosts.add(host(1, host1, 3400, engineStatus1, vmHostId != null && vmHostId == 1));
        hosts.add(host(2, HOST2, 3000, engineStatus2, vmHostId != null && vmHostId == 2));
        return write("{\"deployed\": true, \"local_host_id\": 1, \"vm_host_id\": " + vmHostId
                + ", \"global_maintenance\": " + globalMaintenance + ", \"vmid\": \"6a2f3c1e-0000-4000-8000-000000000001\""
                + ", \"hosts\": [" + String.join(", ", hosts) + "]}");
    }

    EngineDouble engineUpOn(int hostId) {
        return deployed(hostId, hostId == 1 ? UP_GOOD : NOT_RUNNING, hostId == 2 ? UP_GOOD : NOT_RUNNING, false);
    }

    /** Deployed, but the configuration has not been retrieved from shared storage. */
    EngineDouble confNotRetrieved() {
        return write("{\"deployed\": true, \"conf_on_shared_storage\": false, \"agent_running\": false, \"local_host_id\": 1,"
                + " \"vm_host_id\": null, \"hosts\": [" + host(1, host1, 0, NOT_RUNNING, false) + "]}");
    }

    /** {@code hosted-engine --vm-status} prints this text instead of its JSON. */
    EngineDouble vmStatusPrints(String stdout) {
        return write("{\"deployed\": true, \"override\": {\"--vm-status\": {\"stdout\": \"" + stdout + "\", \"rc\": 0}}}");
    }

    private static String host(int id, String name, int score, String engineStatus, boolean runsVm) {
        return "{\"host-id\": " + id + ", \"hostname\": \"" + name + "\", \"score\": " + score
                + ", \"engine-status\": " + engineStatus + ", \"maintenance\": false, \"stopped\": false, \"live-data\": true"
                + ", \"state\": \"" + (runsVm ? "EngineUp" : "EngineDown") + "\", \"host-ts\": 5000}";
    }

    private EngineDouble write(String json) {
        try {
            Files.createDirectories(state.getParent());
            Path tmp = state.resolveSibling(".state-e2e.json");
            Files.writeString(tmp, json);
            Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stateJson() {
        try {
            return Files.readString(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
