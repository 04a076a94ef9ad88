/**
 * The command line: {@code hosted-engine-wizard deploy --answers FILE} runs the same phases as
 * the wizard with the same rules, runs and run directory, and {@code hosted-engine-wizard status}
 * prints the engine's status. Turns arguments and the terminal into calls on wizard, deploy and
 * engine and back; no rule lives here. Knows nothing of HTTP.
 */
package hostedengine.cli;
