package hostedengine.cli;

import hostedengine.deploy.RunSettings;
import hostedengine.engine.HostedEngineTool;
import hostedengine.host.HostMode;
import hostedengine.host.StorageDiscovery;
import hostedengine.wizard.HostFacts;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hosted-engine-wizard deploy|status|continue|login-link …}: the subcommands, dispatched from {@code Main}
 * on the first argument. Exit codes: 0 done, 1 the deployment failed or the engine has a
 * problem, 2 bad usage, refused answers or secrets, or (status) not deployed, 3 another
 * deployment was running and was followed instead, 130 interrupted with Ctrl-C.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    public static final int OTHER_DEPLOYMENT = 3;
    public static final int INTERRUPTED = 130;

    private Cli() {}

    /** What the command line needs from the rest of the system; {@code Main} gives the real parts. */
    public interface Wiring {
        /** The state directory asked for, or the server's default; created and proven writable. */
        Path stateDir(Optional<Path> asked) throws CliProblem;

        HostMode mode(boolean simulate);

        RunSettings runSettings(Path state, HostMode mode);

        HostedEngineTool tool(Path state, HostMode mode);

        /**
         * Where {@code status} reads hosted-engine: the deployment host chosen in the browser (a
         * remote host over SSH with its pinned key; one that needs a password cannot be asked from
         * here, which has none, and says so). This host's tool unless told otherwise.
         */
        default hostedengine.engine.EngineHost deploymentHostTool(Path state, HostMode mode) { return tool(state, mode); }

        /**
         * The host deployments go to: the one chosen in the browser (this host unless another
         * was chosen and its key confirmed), so both entry points deploy to the same place.
         */
        default java.util.function.Supplier<hostedengine.ansible.AnsibleTarget> target(Path state) {
            return () -> hostedengine.ansible.AnsibleTarget.LOCAL;
        }

        HostFacts facts();

        /** True when this process runs as root (uid 0). */
        default boolean root() { return new com.sun.security.auth.module.UnixSystem().getUid() == 0; }

        /** The pre-flight checks Prepare VM must pass, as on the review page (the deployment host's facts and names). */
        hostedengine.deploy.Deployments.Preflight preflight(Path state, HostMode mode, hostedengine.deploy.Runs runs);

        /** Looks up the iSCSI targets and LUNs an answer file names, so the Storage rules can judge them. */
        StorageDiscovery discovery(hostedengine.deploy.Runs runs, java.util.function.Supplier<hostedengine.wizard.Rules> rules);
    }

    /** Where the command reads secrets and writes its output. */
    public interface Terminal {
        PrintStream out();

        PrintStream err();

        /** True when output goes to a terminal: a redrawn progress line instead of one line per task. */
        boolean interactive();

        /** True when there is a terminal to ask passwords on. */
        boolean canAskSecrets();

        /** Reads a secret without echo; empty when there is no terminal to ask on. */
        Optional<char[]> readSecret(String prompt);

        /**
         * Waits for the next line typed on the terminal (Enter); empty at end of input or without a
         * terminal. {@code deploy} reads it on its own thread to continue a paused run.
         */
        default Optional<String> readLine() { return Optional.empty(); }

        /** Calls {@code action} on Ctrl-C instead of ending the process. */
        default void onInterrupt(Runnable action) {}

        /** The process's terminal; always UTF-8, so Japanese text survives a C locale's default charset. */
        static Terminal system() {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            return new Terminal() {
                @Override public PrintStream out() { return out; }

                @Override public PrintStream err() { return err; }

                @Override public boolean interactive() { return System.console() != null; }

                @Override public boolean canAskSecrets() { return System.console() != null; }

                @Override public Optional<char[]> readSecret(String prompt) {
                    Console console = System.console();
                    return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
                }

                @Override public Optional<String> readLine() {
                    Console console = System.console();
                    return console == null ? Optional.empty() : Optional.ofNullable(console.readLine());
                }

                @Override public void onInterrupt(Runnable action) {
                    sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
                }
            };
        }
    }

    /** True for the first arguments that name a subcommand (anything else starts the server). */
    public static boolean handles(String first) {
        return "deploy".equals(first) || "status".equals(first) || "continue".equals(first) || "login-link".equals(first);
    }

    public static int run(String[] args, Terminal terminal, Map<String, String> env, Wiring wiring) {
        CliText text = CliText.of(env);
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "deploy" -> new DeployCommand(terminal, text, wiring).run(DeployOptions.parse(rest));
                case "status" -> new StatusCommand(terminal, text, wiring).run(StatusOptions.parse(rest));
                case "continue" -> new ContinueCommand(terminal, text, wiring).run(ContinueOptions.parse(rest));
                case "login-link" -> new LoginLinkCommand(terminal, wiring, wiring.root()).run(rest);
                default -> throw new CliProblem("unknown command " + args[0] + "; use deploy, status, continue or login-link");
            };
        } catch (CliProblem problem) {
            terminal.err().println("hosted-engine-wizard " + args[0] + ": " + problem.getMessage());
            return REFUSED;
        }
    }
}
