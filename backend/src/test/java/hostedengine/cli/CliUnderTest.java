package hostedengine.cli;

import hostedengine.StateDirectory;
import hostedengine.StartupProblem;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunSettings;
import hostedengine.engine.HostedEngineTool;
import hostedengine.host.HostMode;
import hostedengine.host.SimulatedStorageDiscovery;
import hostedengine.host.StorageDiscovery;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.RoleDefaults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line run in this JVM against a temporary state directory, with a fixed host,
 * the simulator at test speed, and a terminal whose output is captured and whose typed
 * passwords are scripted (none: no terminal to ask on).
 */
final class CliUnderTest implements Cli.Terminal, Cli.Wiring {
    static final long GIB = 1024L * 1024 * 1024;
    static final HostFacts HOST = new HostFacts(8, 30000,
            List.of(new HostFacts.Nic("eth0", List.of("192.168.1.5/24"))),
            Optional.of("192.168.1.1"), Optional.of("eth0"), "host1.example.com", 50L * GIB, RoleDefaults.builtIn());

    private final Path state;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final Deque<String> typed = new ArrayDeque<>();
    private boolean terminal;
    private HostedEngineTool tool;
    private Map<String, Object> simulatorVars = Map.of();
    /** Lines typed on the terminal (Enter); null: no keyboard, readLine answers at once. */
    private java.util.concurrent.BlockingQueue<String> keyboard;

    CliUnderTest(Path state) { this.state = state; }

    /** A terminal on which these passwords are typed, in order. */
    CliUnderTest typing(String... passwords) {
        terminal = true;
        typed.addAll(List.of(passwords));
        return this;
    }

    /** Simulator variables for the runs this command line starts (e.g. the role's pauses). */
    CliUnderTest simulating(Map<String, Object> vars) {
        this.simulatorVars = Map.copyOf(vars);
        return this;
    }

    /** A keyboard: {@link #pressEnter()} types an empty line. */
    CliUnderTest withKeyboard() {
        keyboard = new java.util.concurrent.LinkedBlockingQueue<>();
        return this;
    }

    void pressEnter() { keyboard.add(""); }

    @Override public Optional<String> readLine() {
        if (keyboard == null) return Optional.empty();
        try {
            return Optional.of(keyboard.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    CliUnderTest withTool(HostedEngineTool t) {
        this.tool = t;
        return this;
    }

    int run(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = state.toString();
        return Cli.run(all, this, env, this);
    }

    int run(String... args) { return run(Map.of("LANG", "C.UTF-8"), args); }

    String printed() { return out.toString(StandardCharsets.UTF_8); }

    String errors() { return err.toString(StandardCharsets.UTF_8); }

    @Override public PrintStream out() { return outStream; }

    @Override public PrintStream err() { return errStream; }

    @Override public boolean interactive() { return false; }

    @Override public boolean canAskSecrets() { return terminal; }

    @Override public Optional<char[]> readSecret(String prompt) {
        outStream.print(prompt);
        String next = typed.poll();
        return terminal && next != null ? Optional.of(next.toCharArray()) : Optional.empty();
    }

    @Override public Path stateDir(Optional<Path> asked) throws CliProblem {
        try {
            return StateDirectory.prepare(asked.orElseThrow());
        } catch (StartupProblem p) {
            throw new CliProblem(p.getMessage());
        }
    }

    @Override public HostMode mode(boolean simulate) { return HostMode.simulatorRequested(); }

    @Override public RunSettings runSettings(Path dir, HostMode mode) { return settings(dir, simulatorVars); }

    /** The simulator at test speed, installing its hosted-engine double in the state directory as the server's does. */
    static RunSettings settings(Path dir, Map<String, Object> extra) {
        var vars = new java.util.HashMap<String, Object>(extra);
        vars.put("he_simulator_bin_dir", dir.resolve("simulator/bin").toString());
        vars.put("he_simulator_state_file", dir.resolve("simulator/state.json").toString());
        return RunSettings.simulator(PlaybookFiles.unpack(dir), 200).withSimulatorVars(vars);
    }

    @Override public HostedEngineTool tool(Path dir, HostMode mode) {
        return tool != null ? tool : HostedEngineTool.simulated(dir.resolve("simulator/bin"), dir.resolve("simulator/state.json"));
    }

    @Override public HostFacts facts() { return HOST; }

    @Override public StorageDiscovery discovery(hostedengine.deploy.Runs runs,
            java.util.function.Supplier<hostedengine.wizard.Rules> rules) { return new SimulatedStorageDiscovery(); }

    /** The pre-flight checks' failures this test wants (none by default): a double of the host's checks. */
    final java.util.List<hostedengine.deploy.Deployments.PreflightFailure> preflightFailures = new java.util.ArrayList<>();

    @Override public hostedengine.deploy.Deployments.Preflight preflight(Path dir, HostMode mode, hostedengine.deploy.Runs runs) {
        return new hostedengine.deploy.Deployments.Preflight() {
            @Override public java.util.List<hostedengine.deploy.Deployments.PreflightFailure> failures(String owner,
                    hostedengine.wizard.Answers answers) {
                return java.util.List.copyOf(preflightFailures);
            }

            @Override public String localVmDirPath(String owner) { return "/var/tmp"; }
        };
    }
}
