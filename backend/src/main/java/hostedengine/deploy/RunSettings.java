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

    /** The trigger playbook, which runs the role one tag at a time. */
    public Path playbook() { return playbooksDir.resolve(Phase.TRIGGER); }

    /** The playbook a run of {@code phase} runs. */
    public Path playbook(Phase phase) { return playbooksDir.resolve(phase.playbook()); }

    public Path wrapper() { return playbooksDir.resolve("bin/run-phase"); }

    public Path callbackPlugins() { return playbooksDir.resolve("callback_plugins"); }

    public Path rolesPath() { return playbooksDir.resolve("roles"); }
}
