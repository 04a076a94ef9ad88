package hostedengine;

import hostedengine.cli.OptionScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's command line: where it listens, how it does TLS, where it keeps its state and
 * whether it must use the simulator.
 *
 * @param port     TCP port, 9090 by default (0 picks a free port, for tests)
 * @param bind     address to listen on, 0.0.0.0 by default
 * @param tls      false only with --no-tls
 * @param tlsCert  the administrator's certificate (PEM, chain allowed), with {@code tlsKey}
 * @param tlsKey   the matching private key (PEM)
 * @param stateDir where runs, drafts and the generated certificate live
 * @param simulate true with --simulate: deployments go to the simulator even on a hypervisor
 * @param pamService    the PAM service logins go through (--pam-service, default hosted-engine-wizard)
 * @param idleTimeout   minutes without activity that end a session (--idle-timeout, default 15)
 * @param cockpitOrigin a Cockpit origin allowed to frame the pages (--cockpit-origin URL)
 * @param streamsPerSession live streams one browser session may hold open (--streams-per-session, default 8)
 * @param streamsTotal      live streams the whole server holds open (--streams-total, default 256)
 * @param help     true with --help: print {@link #usage()} and exit
 * @param printLoginLink true with --login-link: print the single-use login link even when output is
 *                       not a terminal (it is printed on a terminal anyway; a service prints none)
 */
public record ServerOptions(
        int port,
        String bind,
        boolean tls,
        Optional<Path> tlsCert,
        Optional<Path> tlsKey,
        Path stateDir,
        boolean simulate,
        boolean help,
        String pamService,
        Duration idleTimeout,
        Optional<String> cockpitOrigin,
        boolean printLoginLink,
        int streamsPerSession,
        int streamsTotal) {

    public static final int DEFAULT_PORT = 9090;
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final Path SYSTEM_STATE_DIR = Path.of("/var/lib/hosted-engine-wizard");

    public static final int DEFAULT_STREAMS_PER_SESSION = 8;
    public static final int DEFAULT_STREAMS_TOTAL = 256;
    private static final int MAX_STREAMS = 100_000;

    /** Options without the stream caps: the defaults. */
    public ServerOptions(int port, String bind, boolean tls, Optional<Path> tlsCert, Optional<Path> tlsKey, Path stateDir,
                         boolean simulate, boolean help, String pamService, Duration idleTimeout,
                         Optional<String> cockpitOrigin, boolean printLoginLink) {
        this(port, bind, tls, tlsCert, tlsKey, stateDir, simulate, help, pamService, idleTimeout, cockpitOrigin, printLoginLink,
                DEFAULT_STREAMS_PER_SESSION, DEFAULT_STREAMS_TOTAL);
    }

    /** Options with the login defaults (PAM service hosted-engine-wizard, 15 minutes idle, no Cockpit). */
    public ServerOptions(int port, String bind, boolean tls, Optional<Path> tlsCert, Optional<Path> tlsKey, Path stateDir,
                         boolean simulate, boolean help) {
        this(port, bind, tls, tlsCert, tlsKey, stateDir, simulate, help, "hosted-engine-wizard", Duration.ofMinutes(15),
                Optional.empty(), false);
    }

    public static String usage() {
        return """
                Usage: bin/run [options]
                  --port N          listen on port N (default 9090)
                  --bind ADDR       listen on address ADDR (default 0.0.0.0)
                  --no-tls          plain HTTP (default: HTTPS with a self-signed certificate)
                  --tls-cert FILE   use this PEM certificate (chain allowed); needs --tls-key
                  --tls-key FILE    the certificate's PEM private key
                  --state-dir DIR   keep state in DIR (default /var/lib/hosted-engine-wizard,
                                    or ~/.local/state/hosted-engine-wizard when not root)
                  --simulate        run deployments in the simulator even on a hypervisor
                  --pam-service NAME  log in through PAM service NAME (default hosted-engine-wizard;
                                    without /etc/pam.d/NAME, PAM uses /etc/pam.d/other)
                  --idle-timeout MINUTES  log out after MINUTES without activity (default 15)
                  --cockpit-origin URL  let this Cockpit (https://HOST:9090) frame the pages
                  --streams-per-session N  live views (run, status, cleanup) one browser session
                                    may keep open (default 8); more are refused and poll instead
                  --streams-total N  live views the whole server keeps open (default 256)
                  --login-link      print a single-use login link even when output is not a
                                    terminal (on a terminal it is printed anyway)
                  --config FILE     read options from FILE, one per line without dashes
                                    (port = 9443); later options on the command line win
                  --help            show this help
                The command line shares the state directory and the runs with the server:
                  hosted-engine-wizard deploy --answers FILE   (see deploy --help)
                  hosted-engine-wizard status [--json]         (see status --help)
                  hosted-engine-wizard login-link              (root: a single-use login link)
                """;
    }

    /** Parses the command line of this process (root or not decides the default state directory). */
    public static ServerOptions parse(String[] args) throws StartupProblem {
        return parse(args, runningAsRoot(), Path.of(System.getProperty("user.home")));
    }

    static ServerOptions parse(String[] args, boolean root, Path home) throws StartupProblem {
        args = ConfigFile.expand(args);
        int port = DEFAULT_PORT;
        String bind = DEFAULT_BIND;
        boolean noTls = false, simulate = false, help = false, loginLink = false;
        Path cert = null, key = null, stateDir = null;
        String pamService = "hosted-engine-wizard", cockpitOrigin = null;
        Duration idleTimeout = Duration.ofMinutes(15);
        int streamsPerSession = DEFAULT_STREAMS_PER_SESSION, streamsTotal = DEFAULT_STREAMS_TOTAL;
        var scan = new OptionScanner(args);
        try {
            while (scan.hasNext()) {
                String flag = scan.next();
                switch (flag) {
                    case "--port" -> port = port(scan.value());
                    case "--bind" -> bind = scan.value();
                    case "--tls-cert" -> cert = Path.of(scan.value());
                    case "--tls-key" -> key = Path.of(scan.value());
                    case "--state-dir" -> stateDir = Path.of(scan.value());
                    case "--no-tls" -> noTls = scan.noValue();
                    case "--simulate" -> simulate = scan.noValue();
                    case "--login-link" -> loginLink = scan.noValue();
                    case "--help", "-h" -> help = scan.noValue();
                    case "--pam-service" -> pamService = pamService(scan.value());
                    case "--idle-timeout" -> idleTimeout = idleTimeout(scan.value());
                    case "--cockpit-origin" -> cockpitOrigin = cockpitOrigin(scan.value());
                    case "--streams-per-session" -> streamsPerSession = streams("--streams-per-session", scan.value());
                    case "--streams-total" -> streamsTotal = streams("--streams-total", scan.value());
                    default -> throw new StartupProblem("Unknown option " + flag + "; see --help for the options");
                }
            }
        } catch (OptionScanner.BadOption e) {
            throw new StartupProblem(e.getMessage());
        }
        if ((cert == null) != (key == null)) {
            throw new StartupProblem((cert == null ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key")
                    + ": give both PEM files, or neither for a self-signed certificate");
        }
        if (noTls && cert != null) {
            throw new StartupProblem("--no-tls cannot be combined with --tls-cert/--tls-key; drop one of them");
        }
        if (bind.isBlank()) {
            throw new StartupProblem("--bind needs an address, e.g. --bind 0.0.0.0");
        }
        if (stateDir == null) {
            stateDir = root ? SYSTEM_STATE_DIR : home.resolve(".local/state/hosted-engine-wizard");
        }
        return new ServerOptions(port, bind, !noTls, Optional.ofNullable(cert), Optional.ofNullable(key),
                stateDir, simulate, help, pamService, idleTimeout, Optional.ofNullable(cockpitOrigin), loginLink,
                streamsPerSession, streamsTotal);
    }

    /** The state directory when none is given: the system one for root, else one in the home directory. */
    public static Path defaultStateDir() {
        return runningAsRoot() ? SYSTEM_STATE_DIR : Path.of(System.getProperty("user.home")).resolve(".local/state/hosted-engine-wizard");
    }

    private static String pamService(String name) throws StartupProblem {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}") || name.startsWith(".")) {
            throw new StartupProblem("--pam-service must name a file in /etc/pam.d, such as hosted-engine-wizard, not '" + name + "'");
        }
        return name;
    }

    private static Duration idleTimeout(String text) throws StartupProblem {
        try {
            int minutes = Integer.parseInt(text.strip());
            if (minutes >= 1 && minutes <= 24 * 60) return Duration.ofMinutes(minutes);
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new StartupProblem("--idle-timeout must be a number of minutes from 1 to 1440, not '" + text + "'");
    }

    private static int streams(String flag, String text) throws StartupProblem {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 0 && n <= MAX_STREAMS) return n;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new StartupProblem(flag + " must be a number of streams from 0 to " + MAX_STREAMS + ", not '" + text + "'");
    }

    private static String cockpitOrigin(String url) throws StartupProblem {
        String origin = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
            throw new StartupProblem("--cockpit-origin must be an origin like https://host.example.com:9090, not '" + url + "'");
        }
        return origin;
    }

    private static int port(String text) throws StartupProblem {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new StartupProblem("--port must be a number from 1 to 65535, not '" + text + "'");
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
