package hostedengine.cli;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.ContinueOutcome;
import hostedengine.deploy.PausedRuns;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code hosted-engine-wizard continue RUN}: ends the role's pause from any terminal of this
 * host. The role's lock file is on the machine that runs Ansible ({@code delegate_to: localhost}
 * in tasks/pause_execution.yml), i.e. here, so this works through the run directory alone,
 * whichever process (server or {@code deploy}) follows the run.
 */
final class ContinueCommand {
    private static final String CONSOLE = "console";
    private final Cli.Terminal terminal;
    private final CliText text;
    private final Cli.Wiring wiring;

    ContinueCommand(Cli.Terminal terminal, CliText text, Cli.Wiring wiring) {
        this.terminal = terminal;
        this.text = text;
        this.wiring = wiring;
    }

    int run(ContinueOptions options) throws CliProblem {
        if (options.help()) {
            terminal.out().print(ContinueOptions.usage());
            return Cli.OK;
        }
        Path state = wiring.stateDir(options.stateDir());
        ContinueOutcome outcome = new PausedRuns(state).continueRun(options.runId(), wiring.target(state).get());
        new AuditLog(state, Clock.systemUTC()).deploymentContinued(System.getProperty("user.name"), CONSOLE,
                options.runId(), outcome.kind().name().toLowerCase(java.util.Locale.ROOT),
                outcome.continued() ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE);
        if (outcome.continued()) {
            terminal.out().println(text.get(outcome.kind().messageKey()));
            return Cli.OK;
        }
        terminal.err().println(text.get(outcome.kind().messageKey()));
        terminal.err().println(outcome.detail());
        return outcome.kind() == ContinueOutcome.Kind.HOST_UNREACHABLE ? Cli.FAILED : Cli.REFUSED;
    }
}
