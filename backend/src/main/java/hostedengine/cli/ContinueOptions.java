package hostedengine.cli;

import java.nio.file.Path;
import java.util.Optional;

/** {@code continue RUN [--state-dir DIR]}. */
record ContinueOptions(String runId, Optional<Path> stateDir, boolean help) {
    static String usage() {
        return """
                Usage: hosted-engine-wizard continue RUN [options]
                Lets a paused deployment go on: the role waits until its lock file is deleted
                (tasks/pause_execution.yml); this deletes it, as the run page's Continue does.
                Do what the pause's message asks first (hosted-engine-wizard deploy and the run page show it).
                  --state-dir DIR   the server's state directory (default as for the server)
                  --help            show this help
                Exit codes: 0 the deployment goes on; 1 the deployment host does not answer (still paused);
                2 the run is not paused, unknown, or its lock file is not the role's.
                """;
    }

    static ContinueOptions parse(String[] args) throws CliProblem {
        String runId = null;
        Path stateDir = null;
        boolean help = false;
        var scan = new OptionScanner(args);
        try {
            while (scan.hasNext()) {
                String flag = scan.next();
                switch (flag) {
                    case "--state-dir" -> stateDir = Path.of(scan.value());
                    case "--help", "-h" -> help = scan.noValue();
                    default -> {
                        if (flag.startsWith("-") || runId != null) {
                            throw new CliProblem("unexpected " + flag + "; see hosted-engine-wizard continue --help");
                        }
                        runId = flag;
                    }
                }
            }
        } catch (OptionScanner.BadOption e) {
            throw new CliProblem(e.getMessage());
        }
        if (runId == null && !help) throw new CliProblem("which run? hosted-engine-wizard continue RUN");
        return new ContinueOptions(runId, Optional.ofNullable(stateDir), help);
    }
}
