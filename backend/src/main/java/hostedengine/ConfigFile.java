package hostedengine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's configuration file ({@code --config FILE}, the service uses
 * {@code /etc/hosted-engine-wizard/hosted-engine-wizard.conf}): one long option per line, written
 * without its dashes, {@code port = 9443} or a bare {@code no-tls}; {@code #} starts a comment.
 * The file's options stand where {@code --config} stands on the command line, so options given
 * after it win (the last value of an option counts).
 */
final class ConfigFile {
    static final String FLAG = "--config";

    private ConfigFile() {}

    /** The command line with every {@code --config FILE} replaced by the options the file holds. */
    static String[] expand(String[] args) throws StartupProblem {
        List<String> expanded = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(FLAG) || arg.startsWith(FLAG + "=")) {
                String file = arg.equals(FLAG) ? nextValue(args, ++i) : arg.substring(FLAG.length() + 1);
                expanded.addAll(options(Path.of(file)));
            } else {
                expanded.add(arg);
            }
        }
        return expanded.toArray(String[]::new);
    }

    /** The options of one file, each as {@code --name=value} or {@code --name}. */
    static List<String> options(Path file) throws StartupProblem {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupProblem("--config " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); give a readable file");
        }
        List<String> options = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int equals = line.indexOf('=');
            // streams_per_session is streams-per-session: either spelling of a name is accepted.
            String name = (equals < 0 ? line : line.substring(0, equals)).strip().replace('_', '-');
            if (!name.matches("[a-z][a-z-]*") || name.equals("config") || name.equals("help")) {
                throw new StartupProblem(file + " line " + (n + 1) + ": '" + line
                        + "' is not an option; write one per line, like: port = 9443");
            }
            if (equals < 0) {
                options.add("--" + name);
            } else {
                String value = unquote(line.substring(equals + 1).strip());
                if (value.isEmpty()) continue; // "cockpit-origin =" leaves the default
                options.add("--" + name + "=" + value);
            }
        }
        return options;
    }

    // systemd EnvironmentFile habits: a value may be quoted.
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String nextValue(String[] args, int i) throws StartupProblem {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new StartupProblem(FLAG + " needs a file, e.g. --config /etc/hosted-engine-wizard/hosted-engine-wizard.conf");
        }
        return args[i];
    }
}
