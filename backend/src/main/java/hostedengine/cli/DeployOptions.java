package hostedengine.cli;

import java.nio.file.Path;
import java.util.Optional;

/** {@code deploy --answers FILE [--secrets FILE] [--simulate] [--state-dir DIR]}. */
record DeployOptions(Path answers, Optional<Path> secrets, boolean simulate, Optional<Path> stateDir, boolean help) {
    static String usage() {
        return """
                Usage: hosted-engine-wizard deploy --answers FILE [options]
                Runs Prepare VM, then Finish Deployment, with the answers of FILE: the JSON the wizard
                exports, or a hosted-engine --deploy answer file. The same rules as the wizard judge
                them before anything starts. Passwords are asked on the terminal without echo.
                  --answers FILE    the answer file (required)
                  --secrets FILE    read the passwords from FILE instead: JSON keyed by role variable
                                    (he_appliance_password, he_admin_password, he_iscsi_password,
                                    he_iscsi_discover_password), mode 0600, owned by you
                  --simulate        run the simulator even on a hypervisor
                  --state-dir DIR   the server's state directory (default /var/lib/hosted-engine-wizard,
                                    or ~/.local/state/hosted-engine-wizard when not root)
                  --help            show this help
                Exit codes: 0 deployed; 1 a phase failed or was lost; 2 bad options, answers or secrets
                (nothing started); 3 another deployment was running (followed to its end instead);
                130 canceled with Ctrl-C.
                """;
    }

    static DeployOptions parse(String[] args) throws CliProblem {
        Path answers = null, secrets = null, stateDir = null;
        boolean simulate = false, help = false;
        var scan = new OptionScanner(args);
        try {
            while (scan.hasNext()) {
                String flag = scan.next();
                switch (flag) {
                    case "--answers" -> answers = Path.of(scan.value());
                    case "--secrets" -> secrets = Path.of(scan.value());
                    case "--state-dir" -> stateDir = Path.of(scan.value());
                    case "--simulate" -> simulate = scan.noValue();
                    case "--help", "-h" -> help = scan.noValue();
                    default -> throw new CliProblem("unknown option " + flag + "; see hosted-engine-wizard deploy --help");
                }
            }
        } catch (OptionScanner.BadOption e) {
            throw new CliProblem(e.getMessage());
        }
        if (!help && answers == null) {
            throw new CliProblem("--answers FILE is required; see hosted-engine-wizard deploy --help");
        }
        return new DeployOptions(answers, Optional.ofNullable(secrets), simulate, Optional.ofNullable(stateDir), help);
    }
}
