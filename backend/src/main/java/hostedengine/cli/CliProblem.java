package hostedengine.cli;

/** Why a command cannot go on, said in one line the user can act on. Exit code 2. */
public final class CliProblem extends Exception {
    public CliProblem(String message) { super(message, null, false, false); }
}
