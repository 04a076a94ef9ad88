package hostedengine.playbooks;

import com.fasterxml.jackson.databind.JsonNode;
import hostedengine.playbooks.AnsiblePlaybook.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

// Over 300 lines: one contract between our playbooks and the real role, checked name by name in one place.
/**
 * Contract between our playbooks, the real ovirt.ovirt.hosted_engine_setup role and the simulator,
 * checked with the real ansible-playbook (Debian's ansible package; bin/test installs it). All runs
 * start at once in {@link #startRuns()} (they mostly wait) and the tests read their results.
 */
class PlaybookContractTest {
    static final List<String> TAGS = List.of("initial_clean", "bootstrap_local_vm", "create_storage_domain",
            "create_target_vm", "final_clean", "iscsi_discover", "iscsi_getdevices", "fc_getdevices",
            "get_network_interfaces", "validate_hostnames");
    static final List<String> DEPLOY_TAGS = List.of("initial_clean", "bootstrap_local_vm",
            "create_storage_domain", "create_target_vm", "final_clean");
    static final String EVIL = "{{ lookup('pipe','id') }}";
    static final String ADMIN = "a'b\"c {% raw %} \\ ü {{ 7*6 }}";
    static final String INCLUDE = "Execute just a specific set of steps";

    static Path dir;
    static ExecutorService pool;
    static final Map<String, Future<List<String>>> listings = new LinkedHashMap<>();
    static final Map<String, Future<Result>> sims = new LinkedHashMap<>();
    static Future<Result> failAt;
    static Future<Result> failDefault;
    static Future<Result> missingVars;
    static Future<Result> realNics;
    static String failName;
    static String failDefaultName;
    static Map<String, List<String>> simData;
    static final Map<String, Path> probes = new LinkedHashMap<>();
    /** Per tag: the double's state directory of the run without overrides, holding a restored engine from an earlier restore. */
    static final Map<String, Path> simulatorDirs = new LinkedHashMap<>();

    @BeforeAll
    static void startRuns() throws IOException {
        dir = Files.createTempDirectory("playbook-contract");
        // the simulated name table (a test double of DNS): validate_hostnames resolves the example names
        Files.writeString(dir.resolve("hosts"), "192.0.2.10 *.example.com\n");
        simData = simulatorTasks();
        pool = Executors.newFixedThreadPool(8);
        // the long runs first
        for (String tag : List.of("bootstrap_local_vm", "create_target_vm")) sims.put(tag, sim(tag, Map.of()));
        realNics = pool.submit(() -> AnsiblePlaybook.run(List.of("-i", "localhost,", "-c", "local",
                "hosted_engine.yml", "--tags=get_network_interfaces", "--skip-tags=always",
                "-e", "@" + AnsiblePlaybook.writeVars(dir, "real-vars.json",
                        Map.of("he_just_collect_network_interfaces", true)),
                "-e", "ansible_shell_executable=/bin/bash"),
                Map.of("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.jsonl",
                        "PATH", AnsiblePlaybook.DOUBLES + ":" + System.getenv("PATH")), 120));
        failName = simData.get("create_storage_domain").get(5);
        failAt = sim("create_storage_domain", Map.of("he_simulator_fail_at", failName,
                "he_simulator_fail_msg", Map.of("__ansible_unsafe", "Storage went away {{ x }}")));
        failDefaultName = simData.get("final_clean").get(2);
        failDefault = sim("final_clean", Map.of("he_simulator_fail_at", failDefaultName));
        missingVars = sim("bootstrap_local_vm", Map.of("he_fqdn", ""));
        for (String tag : TAGS) {
            if (!sims.containsKey(tag)) sims.put(tag, sim(tag, Map.of()));
        }
        for (String tag : TAGS) listings.put(tag, pool.submit(() -> AnsiblePlaybook.listRealTasks(tag)));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        pool.shutdownNow();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Starts the simulator for one tag, as the runner does: vars and secrets in JSON files. */
    static Future<Result> sim(String tag, Map<String, Object> overrides) throws IOException {
        Path run = Files.createTempDirectory(dir, tag);
        Path probe = Files.createDirectory(run.resolve("probe"));
        if (overrides.isEmpty()) probes.put(tag, probe);
        Path vmDirs = Files.createDirectory(run.resolve("vmdirs"));
        Path simulator = Files.createDirectory(run.resolve("simulator"));
        if (overrides.isEmpty()) {
            simulatorDirs.put(tag, simulator);
            AnsiblePlaybook.writeVars(simulator, "restored-engine.json", Map.of("backup", "earlier.backup", "hosts", List.of()));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("he_wizard_role", "hosted_engine_simulator");
        vars.put("he_simulator_speed", 50);
        vars.put("he_fqdn", "manager.example.com");
        vars.put("he_simulator_hosts_file", dir.resolve("hosts").toString());
        vars.put("he_bridge_if", "eth0");
        vars.put("he_local_vm_dir_path", vmDirs.toString());
        vars.put("he_local_vm_dir", vmDirs.resolve("localvmXXXX").toString());
        vars.put("he_domain_type", "nfs");
        vars.put("he_storage_domain_addr", "storage.example.com");
        vars.put("he_storage_domain_path", "/hosted_engine/nfs");
        vars.put("he_iscsi_portal_addr", "10.0.0.5");
        vars.put("he_iscsi_portal_port", 3260);
        vars.put("he_iscsi_target", "iqn.2003-01.org.example.storage:hosted-engine");
        vars.put("he_iscsi_tpgt", "1");
        vars.put("he_simulator_probe_dir", probe.toString());
        vars.put("he_simulator_state_file", simulator.resolve("state.json").toString());
        vars.putAll(overrides);
        Map<String, Object> secrets = Map.of(
                "he_appliance_password", Map.of("__ansible_unsafe", EVIL),
                "he_admin_password", Map.of("__ansible_unsafe", ADMIN));
        Path v = AnsiblePlaybook.writeVars(run, "vars.json", vars);
        Path s = AnsiblePlaybook.writeVars(run, "secrets.json", secrets);
        return pool.submit(() -> AnsiblePlaybook.run(List.of("-i", "localhost,", "-c", "local",
                "hosted_engine.yml", "--tags=" + tag, "--skip-tags=always", "-e", "@" + v, "-e", "@" + s,
                "-e", "ansible_shell_executable=/bin/bash"),
                Map.of("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.jsonl"), 150));
    }

    /** vars/main/tasks.yml of the simulator: tag → names (JSON strings, one a line). */
    static Map<String, List<String>> simulatorTasks() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(
                AnsiblePlaybook.PLAYBOOKS.resolve("roles/hosted_engine_simulator/vars/main/tasks.yml"))) {
            if (line.matches("^  [a-z_]+:$")) {
                current = new ArrayList<>();
                out.put(line.strip().replace(":", ""), current);
            } else if (line.startsWith("    - ") && current != null) {
                current.add(AnsiblePlaybook.JSON.readValue(line.substring(6), String.class));
            }
        }
        return out;
    }

    /** The simulated names as a run shows them: {{ virbr_default }} rendered as on a real host. */
    static List<String> rendered(List<String> names) {
        return names.stream().map(n -> n.replace("{{ virbr_default }}", "virbr0")).toList();
    }

    // (a)
    @Test
    void everyTagWeRunListsRealRoleTasks() throws Exception {
        for (String tag : TAGS) {
            assertThat(listings.get(tag).get()).as(tag).isNotEmpty().contains("Force facts gathering")
                    .anyMatch(n -> !n.equals("Force facts gathering") && !n.equals("include_tasks"));
        }
    }

    // (b) Each listed line is one simulated task: named tasks by their name; an unnamed
    // include_tasks (listed as "include_tasks", expanded only when the real role runs) is one task
    // named "include_tasks"; a named include ("System configuration validations") by its name.
    @Test
    void simulatorTaskNamesAreTheRealRolesInTheRealOrder() throws Exception {
        assertThat(simData.keySet()).containsExactlyInAnyOrderElementsOf(TAGS);
        for (String tag : TAGS) {
            assertThat(simData.get(tag)).as(tag).containsExactlyElementsOf(listings.get(tag).get());
        }
    }

    @Test
    void simulatorRunsStartOneTaskPerRealNameAndNothingElse() throws Exception {
        for (String tag : TAGS) {
            Result r = sims.get(tag).get();
            assertThat(r.rc()).as("%s: %s", tag, r).isZero();
            List<String> started = r.startedTasks().stream().filter(n -> !n.startsWith("Simulator probe")).toList();
            assertThat(started.get(0)).isEqualTo(INCLUDE);
            assertThat(started.subList(1, started.size())).as(tag).containsExactlyElementsOf(rendered(simData.get(tag)));
        }
    }

    // (c)
    @Test
    void everyPrepareAndFinishTagSucceedsAtHighSpeed() throws Exception {
        for (String tag : DEPLOY_TAGS) {
            Result r = sims.get(tag).get();
            assertThat(r.rc()).as("%s: %s", tag, r).isZero();
            assertThat(r.events()).anyMatch(e -> e.path("_event").asText().equals("v2_playbook_on_stats"));
        }
    }

    @Test
    void aFailureInjectedAtANamedTaskFailsThereWithTheGivenMessage() throws Exception {
        Result r = failAt.get();
        assertThat(r.rc()).as(r.toString()).isEqualTo(2);
        JsonNode failed = r.result("v2_runner_on_failed", failName).orElseThrow(() -> new AssertionError(r));
        assertThat(failed.path("msg").asText()).isEqualTo("Storage went away {{ x }}");
        List<String> started = r.startedTasks();
        assertThat(started.get(started.size() - 1)).isEqualTo(failName);

        Result d = failDefault.get();
        assertThat(d.rc()).as(d.toString()).isEqualTo(2);
        assertThat(d.result("v2_runner_on_failed", failDefaultName).orElseThrow().path("msg").asText())
                .isEqualTo("Simulated failure at " + failDefaultName);
    }

    @Test
    void missingRequiredVariablesFailClearlyNamingThem() throws Exception {
        Result r = missingVars.get();
        assertThat(r.rc()).as(r.toString()).isEqualTo(2);
        String second = simData.get("bootstrap_local_vm").get(1);
        assertThat(r.result("v2_runner_on_failed", second).orElseThrow().path("msg").asText())
                .contains("missing or empty").contains("he_fqdn").doesNotContain("he_bridge_if");
    }

    @Test
    void bootstrapRegistersTheLocalVmDirAsTheRealRoleDoes() throws Exception {
        JsonNode dirResult = sims.get("bootstrap_local_vm").get()
                .result("v2_runner_on_ok", "Create directory for local VM").orElseThrow();
        Path localVm = Path.of(dirResult.path("path").asText());
        assertThat(localVm.getFileName().toString()).startsWith("localvm");
        assertThat(localVm.getParent().getFileName().toString()).isEqualTo("vmdirs");
        assertThat(localVm).isEmptyDirectory();
        assertThat(dirResult.path("state").asText()).isEqualTo("directory");
    }

    @Test
    void discoveryTagsReturnTheRolesResultShapes() throws Exception {
        JsonNode targets = sims.get("iscsi_discover").get().result("v2_runner_on_ok", "iSCSI discover").orElseThrow();
        // a multipath target (2 portals), one target in two groups, one target without LUNs
        assertThat(targets.path("iscsi_targets").size()).isEqualTo(5);
        JsonNode t0 = targets.path("iscsi_targets_struct").get(0);
        assertThat(t0.path("address").asText()).isEqualTo("10.0.0.5");
        assertThat(t0.path("port").isInt()).isTrue();
        // The engine's REST mapper writes "<address>:<port>,<TPGT>".
        assertThat(t0.path("portal").asText()).isEqualTo("10.0.0.5:" + t0.path("port").asInt() + ",1");
        assertThat(t0.path("target").asText()).startsWith("iqn.");

        for (String[] t : new String[][] {{"iscsi_getdevices", "Get iSCSI LUNs", "iscsi"},
                {"fc_getdevices", "Get Fibre Channel LUNs", "fcp"}}) {
            JsonNode storages = sims.get(t[0]).get().result("v2_runner_on_ok", t[1]).orElseThrow()
                    .path("ovirt_host_storages");
            assertThat(storages.size()).isEqualTo(4);
            JsonNode lun = storages.get(0).path("logical_units").get(0);
            assertThat(storages.get(0).path("type").asText()).isEqualTo(t[2]);
            assertThat(lun.path("id").asText()).isEqualTo(storages.get(0).path("id").asText());
            assertThat(lun.path("size").isNumber()).isTrue();
            assertThat(lun.path("size").asLong()).isEqualTo(100L << 30);
            assertThat(lun.path("vendor_id").asText()).isNotEmpty();
            assertThat(lun.path("product_id").asText()).isNotEmpty();
            assertThat(lun.path("status").asText()).isEqualTo("free");
            assertThat(lun.path("paths").asInt()).isPositive();
            assertThat(storages.findValuesAsText("status")).contains("used");
        }

        JsonNode net = sims.get("get_network_interfaces").get()
                .result("v2_runner_on_ok", "Filter unsupported interface types").orElseThrow();
        assertThat(names(net.path("ansible_facts").path("otopi_host_net"))).isNotEmpty()
                .doesNotContain("lo").isSubsetOf(machineNics());
    }

    // A deployment not from a backup never inherits the simulated engine of an earlier restore (SimulatedRestoreTest has the restores).
    @Test
    void bootstrapWithoutRestoreForgetsAnEarlierRestoredEngineAndOnlyThere() throws Exception {
        for (String tag : DEPLOY_TAGS) {
            assertThat(sims.get(tag).get().rc()).isZero();
            Path restored = simulatorDirs.get(tag).resolve("restored-engine.json");
            if (tag.equals("bootstrap_local_vm")) assertThat(restored).doesNotExist();
            else assertThat(restored).as(tag).exists();
        }
    }

    // (d)
    @Test
    void theRealRolesGetNetworkInterfacesFindsThisMachinesNics() throws Exception {
        Result r = realNics.get();
        assertThat(r.rc()).as(r.toString()).isZero();
        JsonNode net = r.result("v2_runner_on_ok", "Filter unsupported interface types").orElseThrow();
        List<String> nics = names(net.path("ansible_facts").path("otopi_host_net"));
        assertThat(nics).isNotEmpty().doesNotContain("lo").isSubsetOf(machineNics());
        defaultRouteNic().ifPresent(nic -> assertThat(nics).contains(nic));
        // the simulator finds the same ones
        JsonNode sim = sims.get("get_network_interfaces").get()
                .result("v2_runner_on_ok", "Filter unsupported interface types").orElseThrow();
        assertThat(names(sim.path("ansible_facts").path("otopi_host_net"))).containsExactlyInAnyOrderElementsOf(nics);
    }

    // (e)
    @Test
    void templateLookingPasswordsReachTheRoleByteForByte() throws Exception {
        Result r = sims.get("bootstrap_local_vm").get();
        assertThat(r.rc()).as(r.toString()).isZero();
        assertThat(r.startedTasks()).contains("Simulator probe (test only) - he_appliance_password");
        Path dir = probes.get("bootstrap_local_vm");
        assertThat(Files.readString(dir.resolve("he_appliance_password"), StandardCharsets.UTF_8)).isEqualTo(EVIL);
        assertThat(Files.readString(dir.resolve("he_admin_password"), StandardCharsets.UTF_8)).isEqualTo(ADMIN);
        assertThat(Files.getPosixFilePermissions(dir.resolve("he_appliance_password")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(r.stdout()).doesNotContain("uid=");
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Set<String> machineNics() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return Set.copyOf(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lo")).toList());
        }
    }

    static java.util.Optional<String> defaultRouteNic() throws IOException {
        return Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1)
                .map(l -> l.trim().split("\\s+")).filter(f -> f.length > 2 && f[1].equals("00000000"))
                .map(f -> f[0]).findFirst();
    }
}
