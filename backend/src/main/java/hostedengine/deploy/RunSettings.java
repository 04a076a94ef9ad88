package hostedengine.deploy;

import java.nio.file.Path;
import java.util.Map;

/**
 * How runs start Ansible.
 *
 * @param ansiblePlaybook the {@code ansible-playbook} executable
 * @param playbooksDir    holds the playbooks ({@code hosted_engine.yml}, {@code host_facts.yml}), {@code bin/run-phase},
 *                        {@code callback_plugins/} and {@code roles/}
 * @param role            the role the trigger playbook runs (extra var {@code he_wizard_role})
 * @param simulator       true when {@code role} is the simulator
 * @param simulatorSpeed  the simulator's time scale ({@code he_simulator_speed})
 * @param extraEnv        added to Ansible's environment (tests put a test double on PATH)
 * @param simulatorVars   extra variables for the simulator only, e.g. {@code he_simulator_fail_at} to
 *                        show what a failure looks like, or the tests' {@code he_simulator_probe_dir}
 * @param simulatorFailureFile SIMULATION ONLY, a test double's trigger: {@code <state>/simulator/role-failure.json},
 *                        read as each tag of a simulated run starts ({@link SimulatedRoleFailure}); null for none
 */
public record RunSettings(Path ansiblePlaybook, Path playbooksDir, String role, boolean simulator,
                          double simulatorSpeed, Map<String, String> extraEnv, Map<String, Object> simulatorVars,
                          Path simulatorFailureFile) {
    public static final String REAL_ROLE = "ovirt.ovirt.hosted_engine_setup";
    public static final String SIMULATOR_ROLE = "hosted_engine_simulator";

    public RunSettings {
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
        simulatorVars = simulatorVars == null ? Map.of() : Map.copyOf(simulatorVars);
    }

    public RunSettings(Path ansiblePlaybook, Path playbooksDir, String role, boolean simulator,
                       double simulatorSpeed, Map<String, String> extraEnv, Map<String, Object> simulatorVars) {
        this(ansiblePlaybook, playbooksDir, role, simulator, simulatorSpeed, extraEnv, simulatorVars, null);
    }

    public RunSettings(Path ansiblePlaybook, Path playbooksDir, String role, boolean simulator,
                       double simulatorSpeed, Map<String, String> extraEnv) {
        this(ansiblePlaybook, playbooksDir, role, simulator, simulatorSpeed, extraEnv, Map.of());
    }

    /** The same settings, with these variables given to the simulator. */
    public RunSettings withSimulatorVars(Map<String, Object> vars) {
        return new RunSettings(ansiblePlaybook, playbooksDir, role, simulator, simulatorSpeed, extraEnv, vars,
                simulatorFailureFile);
    }

    /** The same settings, with the simulator's failure trigger file read as each simulated tag starts. */
    public RunSettings withSimulatorFailureFile(Path file) {
        return new RunSettings(ansiblePlaybook, playbooksDir, role, simulator, simulatorSpeed, extraEnv, simulatorVars, file);
    }

    /**
     * The same settings running another role: only the benchmarks' role
     * ({@code HOSTED_ENGINE_WIZARD_BENCH_ROLE}, an absolute path, with {@code --simulate}; see Main).
     */
    public RunSettings withRole(String otherRole) {
        return new RunSettings(ansiblePlaybook, playbooksDir, otherRole, simulator, simulatorSpeed, extraEnv, simulatorVars,
                simulatorFailureFile);
    }

    public static RunSettings realRole(Path playbooksDir) {
        return new RunSettings(Path.of("/usr/bin/ansible-playbook"), playbooksDir, REAL_ROLE, false, 1.0, Map.of());
    }

    public static RunSettings simulator(Path playbooksDir, double speed) {
        return new RunSettings(Path.of("/usr/bin/ansible-playbook"), playbooksDir, SIMULATOR_ROLE, true, speed, Map.of());
    }

    /**
     * SIMULATION: the simulator's variables for a run on {@code target}. On a remote host the
     * {@code hosted-engine} double and its state go to that host's own directory
     * ({@link #simulatedRemoteDir}), installed there over SSH, so this host's double never stands
     * for the remote host's (a test's "remote" host may be this very machine).
     */
    public Map<String, Object> simulatorVars(hostedengine.ansible.AnsibleTarget target) {
        Object binDir = simulatorVars.get("he_simulator_bin_dir");
        if (target.local() || binDir == null) return simulatorVars;
        Path dir = simulatedRemoteDir(Path.of(binDir.toString()).getParent(), target.label());
        var vars = new java.util.HashMap<>(simulatorVars);
        vars.put("he_simulator_bin_dir", dir.resolve("bin").toString());
        vars.put("he_simulator_state_file", dir.resolve("state.json").toString());
        return Map.copyOf(vars);
    }

    /**
     * SIMULATION: where a remote host's double lives on that host: {@code <simulatorDir>/remote/<label>},
     * the label ({@code root@hv1.example.com:2222}) made a file name (anything but letters, digits,
     * {@code . _ @ -} becomes {@code _}).
     */
    public static Path simulatedRemoteDir(Path simulatorDir, String hostLabel) {
        return simulatorDir.resolve("remote").resolve(hostLabel.replaceAll("[^A-Za-z0-9._@-]", "_"));
    }

    /** The trigger playbook, which runs the role one tag at a time. */
    public Path playbook() { return playbooksDir.resolve(Phase.TRIGGER); }

    /** The playbook a run of {@code phase} runs. */
    public Path playbook(Phase phase) { return playbooksDir.resolve(phase.playbook()); }

    public Path wrapper() { return playbooksDir.resolve("bin/run-phase"); }

    public Path callbackPlugins() { return playbooksDir.resolve("callback_plugins"); }

    public Path rolesPath() { return playbooksDir.resolve("roles"); }
}
