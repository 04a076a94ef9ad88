package hostedengine.cli;

import hostedengine.auth.SingleUseLinks;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code hosted-engine-wizard login-link [--state-dir DIR]}: for root at the console of a server
 * started as a service (which prints no link): files a single-use login link for root that the
 * running server honours once, within 10 minutes, and prints it with the server's address.
 */
final class LoginLinkCommand {
    static final String USAGE = """
            Usage: hosted-engine-wizard login-link [options]
            Prints a single-use link that logs root in to the running server once, within 10 minutes.
            Root only: anyone who opens the link is logged in as root.
              --state-dir DIR   the server's state directory (default as for the server)
              --help            show this help
            """;

    private final Cli.Terminal terminal;
    private final Cli.Wiring wiring;
    private final boolean root;

    LoginLinkCommand(Cli.Terminal terminal, Cli.Wiring wiring, boolean root) {
        this.terminal = terminal;
        this.wiring = wiring;
        this.root = root;
    }

    int run(String[] args) throws CliProblem {
        Optional<Path> stateDir = Optional.empty();
        var scan = new OptionScanner(args);
        try {
            while (scan.hasNext()) {
                String flag = scan.next();
                switch (flag) {
                    case "--state-dir" -> stateDir = Optional.of(Path.of(scan.value()));
                    case "--help", "-h" -> {
                        scan.noValue();
                        terminal.out().print(USAGE);
                        return Cli.OK;
                    }
                    default -> throw new CliProblem("unknown option " + flag + "; see hosted-engine-wizard login-link --help");
                }
            }
        } catch (OptionScanner.BadOption e) {
            throw new CliProblem(e.getMessage());
        }
        if (!root) throw new CliProblem("only root may make a login link (it logs in as root); run it with sudo");
        Path state = wiring.stateDir(stateDir);
        String token;
        try {
            token = SingleUseLinks.file(state, "root", Clock.systemUTC(), new SecureRandom());
        } catch (IOException e) {
            throw new CliProblem("could not write the link into " + state + ": " + e.getMessage());
        }
        String address = SingleUseLinks.readAddress(state).orElse("https://THIS-HOST:9090");
        terminal.out().printf("Log in once as root: %s/login/once/%s (works once, for 10 minutes, while the server runs)%n",
                address, token);
        return Cli.OK;
    }
}
