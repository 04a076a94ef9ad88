package hostedengine.cli;

import java.nio.file.Path;
import java.util.Optional;

/** {@code status [--json] [--simulate] [--state-dir DIR]}. */
record StatusOptions(boolean json, boolean simulate, Optional<Path> stateDir, boolean help) {
    static String usage() {
        return """
                Usage: hosted-engine-wizard status [options]
                Prints the hosted engine's status (hosted-engine --vm-status --json): every host with its
                score, engine state and maintenance, and what the state means.
                  --json            print it as JSON, for scripts
                  --simulate        read the simulator's hosted-engine double instead of the host's tool
                  --state-dir DIR   the server's state directory (default as for the server)
                  --help            show this help
                Exit codes: 0 deployed and the engine up and healthy; 1 deployed with a problem (engine
                down or unhealthy, status unreadable); 2 not deployed, or hosted-engine not installed.
                """;
    }

    static StatusOptions parse(String[] args) throws CliProblem {
        boolean json = false, simulate = false, help = false;
        Path stateDir = null;
        var scan = new OptionScanner(args);
        try {
            while (scan.hasNext()) {
                String flag = scan.next();
                switch (flag) {
                    case "--json" -> json = scan.noValue();
                    case "--simulate" -> simulate = scan.noValue();
                    case "--state-dir" -> stateDir = Path.of(scan.value());
                    case "--help", "-h" -> help = scan.noValue();
                    default -> throw new CliProblem("unknown option " + flag + "; see hosted-engine-wizard status --help");
                }
            }
        } catch (OptionScanner.BadOption e) {
            throw new CliProblem(e.getMessage());
        }
        return new StatusOptions(json, simulate, Optional.ofNullable(stateDir), help);
    }
}
