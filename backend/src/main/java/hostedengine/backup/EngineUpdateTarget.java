package hostedengine.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.TargetProblem;
import hostedengine.files.PrivateFiles;
import hostedengine.remote.RemoteAnsibleTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two machines an engine update works on (guide 5.3), in one inventory
 * ({@code <state>/engine-update/inventory.yml}): {@code engine_vm}, where the packages and
 * engine-setup are updated, and {@code ha_host}, the deployment host, where {@code hosted-engine}
 * sets the maintenance mode and restarts the engine VM. Each is reached as its own target says:
 * this machine with a local connection, or over SSH with its pinned key. An SSH password of
 * either travels only as a secret ({@code he_engine_vm_ssh_password}, {@code he_ha_host_ssh_password})
 * that the inventory names, never in the file.
 */
final class EngineUpdateTarget implements AnsibleTarget {
    static final String ENGINE_VM = "engine_vm";
    static final String HA_HOST = "ha_host";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnsibleTarget engineVm;
    private final AnsibleTarget haHost;
    private final Path inventory;

    private EngineUpdateTarget(AnsibleTarget engineVm, AnsibleTarget haHost, Path inventory) {
        this.engineVm = engineVm;
        this.haHost = haHost;
        this.inventory = inventory;
    }

    /** Writes the inventory of both machines into {@code dir} (private to this user). */
    static EngineUpdateTarget write(Path dir, AnsibleTarget engineVm, AnsibleTarget haHost) throws IOException {
        Files.createDirectories(dir);
        var children = new LinkedHashMap<String, Object>();
        children.put(ENGINE_VM, group(ENGINE_VM, hostVars(engineVm, "he_engine_vm_ssh_password", true)));
        children.put(HA_HOST, group(HA_HOST, hostVars(haHost, "he_ha_host_ssh_password", false)));
        Path file = dir.resolve("inventory.yml");
        // JSON is YAML; every value is the targets' own (whitelisted addresses, paths the product made).
        PrivateFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(Map.of("all", Map.of("children", children))));
        return new EngineUpdateTarget(engineVm, haHost, file);
    }

    private static Map<String, Object> group(String name, Map<String, Object> vars) {
        return Map.of("hosts", Map.of(name, vars));
    }

    private static Map<String, Object> hostVars(AnsibleTarget target, String passwordVar, boolean pipelining) {
        if (!(target instanceof RemoteAnsibleTarget remote)) {
            var local = new LinkedHashMap<String, Object>();
            local.put("ansible_connection", "local");
            local.put("ansible_python_interpreter", "{{ ansible_playbook_python }}");
            return local;
        }
        Map<String, Object> vars = remote.inventoryVars();
        if (!remote.secrets().isEmpty()) vars.put("ansible_password", "{{ " + passwordVar + " }}");
        // Root on the engine VM never goes through sudo, so pipelining cannot meet a requiretty.
        if (pipelining) vars.put("ansible_pipelining", true);
        return vars;
    }

    @Override public List<String> inventoryArguments() { return List.of("-i", inventory.toString()); }

    @Override public Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>(haHost.environment());
        env.putAll(engineVm.environment());
        return env;
    }

    @Override public String label() { return engineVm.label() + " and " + haHost.label(); }

    /** False: the playbook names its hosts; nothing may treat this as "this host" (the simulator's variables). */
    @Override public boolean local() { return false; }

    @Override public Map<String, String> secrets() {
        var secrets = new LinkedHashMap<String, String>();
        String vm = engineVm.secrets().get("ansible_password");
        String ha = haHost.secrets().get("ansible_password");
        if (vm != null) secrets.put("he_engine_vm_ssh_password", vm);
        if (ha != null) secrets.put("he_ha_host_ssh_password", ha);
        return secrets;
    }

    @Override public void checkReady() throws TargetProblem {
        engineVm.checkReady();
        haHost.checkReady();
    }

    @Override public String toString() { return label(); }
}
