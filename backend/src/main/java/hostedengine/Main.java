package hostedengine;

import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.auth.AuditLog;
import hostedengine.auth.LoginThrottle;
import hostedengine.auth.Logins;
import hostedengine.auth.PamAuthenticator;
import hostedengine.auth.Sessions;
import hostedengine.auth.SingleUseLinks;
import hostedengine.drafts.DraftStore;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;
import hostedengine.host.HostMode;
import hostedengine.host.LocalHostFacts;
import hostedengine.host.RoleDefaultsReader;
import hostedengine.host.SimulatedStorageDiscovery;
import hostedengine.host.StorageDiscovery;
import hostedengine.host.StorageDiscoveryException;
import hostedengine.web.EngineParts;
import hostedengine.web.Messages;
import hostedengine.web.Tls;
import hostedengine.web.WebServer;
import hostedengine.web.WebSecurity;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Rules;
import hostedengine.wizard.StorageDevices;
import io.javalin.Javalin;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Starts the Hosted Engine Wizard server. Reading this class tells the whole system:
 * options → state directory → host facts and the role's defaults → rules and drafts →
 * the web edge, on HTTPS unless told otherwise.
 */
public final class Main {
    /** The benchmarks' role (bin/bench): see {@link #benchRole}. */
    static final String BENCH_ROLE_ENV = "HOSTED_ENGINE_WIZARD_BENCH_ROLE";

    private Main() {}

    public static void main(String[] args) {
        try {
            ServerOptions options = ServerOptions.parse(args);
            if (options.help()) {
                System.out.println(ServerOptions.usage());
                return;
            }
            start(options);
        } catch (StartupProblem problem) {
            System.err.println("hosted-engine-wizard: " + problem.getMessage());
            System.exit(2);
        }
    }

    /** Wires every part and starts listening; the one place that knows them all. */
    public static Javalin start(ServerOptions options) throws StartupProblem {
        Path state = StateDirectory.prepare(options.stateDir());
        HostMode mode = options.simulate() ? HostMode.simulatorRequested() : HostMode.detect();

        HostFacts facts = LocalHostFacts.read(RoleDefaultsReader.read());
        Rules rules = new Rules(facts, path -> Files.isRegularFile(Path.of(path)));
        var random = new SecureRandom();
        var drafts = new DraftStore(state, () -> Defaults.forHost(facts, random));
        StorageDiscovery discovery = mode.simulator() ? new SimulatedStorageDiscovery() : new DiscoveryNotYetAvailable();

        Path playbooks = PlaybookFiles.unpack(state);
        // In simulation the simulator's final_clean installs a hosted-engine test double here.
        Path simulatorBin = state.resolve("simulator/bin");
        Path simulatorToolState = state.resolve("simulator/state.json");
        var simulatorVars = new java.util.HashMap<String, Object>(simulatorFailure());
        simulatorVars.put("he_simulator_bin_dir", simulatorBin.toString());
        simulatorVars.put("he_simulator_state_file", simulatorToolState.toString());
        RunSettings settings = mode.simulator()
                ? RunSettings.simulator(playbooks, simulatorSpeed()).withSimulatorVars(simulatorVars)
                : RunSettings.realRole(playbooks);
        Path benchRole = benchRole(System.getenv(BENCH_ROLE_ENV), options.simulate());
        if (benchRole != null) settings = settings.withRole(benchRole.toString());
        Runs runs = new Runs(state, settings);
        runs.recover();

        // The deployed engine: hosted-engine, one status poller for every viewer, maintenance, where "/" leads.
        HostedEngineTool tool = mode.simulator() ? HostedEngineTool.simulated(simulatorBin, simulatorToolState)
                : HostedEngineTool.onHost();
        var poller = new EngineStatePoller(tool, EngineStatePoller.DEFAULT_INTERVAL, Clock.systemUTC());
        var engine = new EngineParts(tool, poller, new Maintenance(tool, facts::hostFqdn, poller::current),
                new Landing(tool, Landing.VDSM_CA),
                new Cleanup(tool, Path.of(String.valueOf(hostedengine.wizard.RoleVariables.fixed().get("he_local_vm_dir_path"))),
                        Cleanup.TIMEOUT),
                new Notifications(tool));

        var parts = new WebServer.Parts(new Messages(), drafts, () -> facts, () -> rules,
                () -> Defaults.forHost(facts, random), discovery, runs, mode.simulator(), options.tls());
        // Login: PAM, sessions, throttling, the console's single-use link, the audit log.
        var clock = Clock.systemUTC();
        var pam = new PamAuthenticator(options.pamService());
        var logins = new Logins(pam, new Sessions(options.idleTimeout(), clock, random), new LoginThrottle(clock),
                new SingleUseLinks(clock, random), new AuditLog(state, clock));
        var ssl = options.tls() ? Tls.load(options, state) : null;
        Javalin app = WebServer.create(parts, engine, new WebSecurity(logins, options.cockpitOrigin()), config -> {
            if (ssl != null) {
                config.jetty.addConnector(Tls.connector(ssl, options.bind(), options.port()));
            } else {
                config.jetty.host = options.bind();
                config.jetty.port = options.port();
            }
        });
        try {
            app.start();
        } catch (RuntimeException failed) {
            app.stop();
            runs.close();
            throw explain(failed, options);
        }
        // Stopping the server stops following runs, never the runs themselves.
        Runtime.getRuntime().addShutdownHook(new Thread(runs::close, "runs-close"));
        String scheme = options.tls() ? "https" : "http";
        System.out.printf("Hosted Engine Wizard listening on %s://%s:%d/%n", scheme, options.bind(), app.port());
        System.out.println(mode.simulator()
                ? "Simulator in use: " + mode.reason()
                : "Deploying with the real role: " + mode.reason());
        if (benchRole != null) {
            System.out.println("Benchmark role in use: deployments run " + benchRole + " (" + BENCH_ROLE_ENV + ")");
        }
        if (!pam.serviceInstalled()) {
            System.out.println("PAM service /etc/pam.d/" + pam.service() + " is missing, so PAM uses /etc/pam.d/other;"
                    + " install packaging/pam/hosted-engine-wizard there");
        }
        String host = "0.0.0.0".equals(options.bind()) || "::".equals(options.bind()) ? facts.hostFqdn() : options.bind();
        String account = System.getProperty("user.name");
        logins.issueSingleUseLink(account).ifPresentOrElse(
                token -> System.out.printf("Log in once as %s: %s://%s:%d/login/once/%s (works once, for 10 minutes)%n",
                        account, scheme, host.contains(":") ? "[" + host + "]" : host, app.port(), token),
                () -> System.out.println("No single-use login link: the account " + account + " was not found"));
        return app;
    }

    /**
     * How fast the simulator runs: 1.0 takes about a minute for a whole deployment, as the
     * real role's steps in proportion; larger is faster (tests use 50).
     */
    static double simulatorSpeed() {
        String text = System.getenv().getOrDefault("HOSTED_ENGINE_WIZARD_SIMULATOR_SPEED", "1.0");
        try {
            double speed = Double.parseDouble(text);
            return speed > 0 && speed <= 1000 ? speed : 1.0;
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    /**
     * To show what a failed deployment looks like, the simulator can fail at a named task of
     * the real role (HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT="Install oVirt Hosted Engine packages").
     */
    static java.util.Map<String, Object> simulatorFailure() {
        String task = System.getenv("HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT");
        return task == null || task.isBlank() ? java.util.Map.of() : java.util.Map.of("he_simulator_fail_at", task.strip());
    }

    /**
     * For bin/bench only: {@code HOSTED_ENGINE_WIZARD_BENCH_ROLE=/abs/path/to/role} makes the
     * deployment phases run that role (e.g. 2,000 generated tasks) instead of the simulator, so
     * the benchmarks measure the whole pipeline on a playbook of their own. It is honoured only
     * with an explicit {@code --simulate} (never on a real deployment), must name an existing role
     * directory by absolute path, and the server says at start that it is in use. Like every
     * other setting it comes from whoever starts the server, never from a request.
     */
    static Path benchRole(String value, boolean simulate) throws StartupProblem {
        if (value == null || value.isBlank()) return null;
        if (!simulate) {
            throw new StartupProblem(BENCH_ROLE_ENV + " is for benchmarks and needs --simulate;"
                    + " unset it to deploy for real");
        }
        Path role = Path.of(value.strip());
        if (!role.isAbsolute() || !Files.isRegularFile(role.resolve("tasks/main.yml"))) {
            throw new StartupProblem(BENCH_ROLE_ENV + " must be the absolute path of a role directory with"
                    + " tasks/main.yml, not '" + value + "'");
        }
        return role.normalize();
    }

    private static StartupProblem explain(RuntimeException failed, ServerOptions options) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new StartupProblem("port " + options.port() + " on " + options.bind()
                        + " is already in use (Cockpit listens on 9090); choose another with --port", failed);
            }
        }
        return new StartupProblem("the server could not start: " + failed.getMessage(), failed);
    }

    /** On a real host, discovery runs through the role; that arrives with the discovery feature. */
    private static final class DiscoveryNotYetAvailable implements StorageDiscovery {
        private static StorageDiscoveryException unavailable() {
            return new StorageDiscoveryException("storage discovery through the role is not available in this version");
        }

        @Override public StorageDevices iscsiTargets(String portal, int port, String user, String password)
                throws StorageDiscoveryException { throw unavailable(); }

        @Override public StorageDevices iscsiLuns(String iqn, int tpgt) throws StorageDiscoveryException { throw unavailable(); }

        @Override public StorageDevices fcLuns() throws StorageDiscoveryException { throw unavailable(); }
    }
}
