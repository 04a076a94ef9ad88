package hostedengine;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.auth.AuditLog;
import hostedengine.auth.LoginThrottle;
import hostedengine.auth.Logins;
import hostedengine.auth.PamAuthenticator;
import hostedengine.auth.Sessions;
import hostedengine.auth.SingleUseLinks;
import hostedengine.cli.Cli;
import hostedengine.deploy.PlaybookFiles;
import hostedengine.deploy.RunSettings;
import hostedengine.deploy.Runs;
import hostedengine.drafts.DraftStore;
import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineHost;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;
import hostedengine.engineapi.EngineTrust;
import hostedengine.enginedouble.SimulatedEngine;
import hostedengine.engineops.EngineLocation;
import hostedengine.engineops.EngineLogins;
import hostedengine.engineops.HostOperations;
import hostedengine.host.HostFactsCollector;
import hostedengine.host.HostMode;
import hostedengine.host.HostReadings;
import hostedengine.host.LocalHostFacts;
import hostedengine.host.NameResolver;
import hostedengine.host.RoleDefaultsReader;
import hostedengine.host.RoleHostnameChecks;
import hostedengine.host.RoleStorageDiscovery;
import hostedengine.host.SimulatedNameTable;
import hostedengine.host.StorageDiscovery;
import hostedengine.messages.Messages;
import hostedengine.preflight.EarlierDeployment;
import hostedengine.preflight.LocalVmDirChoices;
import hostedengine.preflight.PreflightService;
import hostedengine.remote.ChosenEngineHost;
import hostedengine.remote.DeploymentTarget;
import hostedengine.remote.RemoteHost;
import hostedengine.remote.RemoteNameResolver;
import hostedengine.remote.SshConnection;
import hostedengine.threads.Threads;
import hostedengine.web.EngineHostsParts;
import hostedengine.web.EngineParts;
import hostedengine.web.HostParts;
import hostedengine.web.SupportParts;
import hostedengine.support.HostLogs;
import hostedengine.support.SupportBundles;
import hostedengine.web.Tls;
import hostedengine.web.WebSecurity;
import hostedengine.web.WebServer;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Rules;
import io.javalin.Javalin;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

// Over 300 lines: every part is wired here by hand, in order, so the whole system reads top to bottom in one place.
/**
 * Starts the Hosted Engine Wizard server. Reading this class tells the whole system:
 * options → state directory → host facts and the role's defaults → rules and drafts →
 * the web edge, on HTTPS unless told otherwise.
 */
public final class Main {
    /** The longest a facts or FQDN check run may take before it is canceled (an SSH host may be slow to answer). */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(120);
    /** The benchmarks' role (bin/bench): see {@link #benchRole}. */
    static final String BENCH_ROLE_ENV = "HOSTED_ENGINE_WIZARD_BENCH_ROLE";

    private Main() {}

    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    public static void main(String[] args) {
        // Jetty sizes its padding against false sharing by asking the JVM through JMX, which
        // starts the platform MBean server: about a quarter of a second of every start, for a
        // figure that is 16 (a 64-byte cache line of 4-byte references) under our heap limit.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
        if (args.length > 0 && Cli.handles(args[0])) {
            System.exit(Cli.run(args, Cli.Terminal.system(), System.getenv(), cliWiring()));
        }
        warmUpBeside();
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

    /**
     * The server's start spends most of its time in one-time initialisations of the JDK and the
     * libraries (the locale tables Jetty's MIME types and Jackson's dates ask for, Jackson's type
     * factory), one after the other on the main thread. A second thread does them meanwhile, on
     * the machine's other core; the main thread finds them done (or waits for the rest of one).
     */
    private static void warmUpBeside() {
        var warm = Threads.named("warm-up").newThread(() -> {
            java.util.Locale.getAvailableLocales();
            new com.fasterxml.jackson.databind.ObjectMapper();
            initialise("org.eclipse.jetty.http.MimeTypes");
            initialise("org.eclipse.jetty.http.HttpHeader");
        });
        warm.setDaemon(true);
        warm.start();
    }

    private static void initialise(String className) {
        try {
            Class.forName(className, true, Main.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError ignored) {
            // only a head start: the main thread loads it when it needs it, and says what is wrong
        }
    }

    /** Wires every part and starts listening; the one place that knows them all. */
    public static Javalin start(ServerOptions options) throws StartupProblem {
        Path state = StateDirectory.prepare(options.stateDir());
        HostMode mode = options.simulate() ? HostMode.simulatorRequested() : HostMode.detect();

        var roleDefaults = RoleDefaultsReader.read();

        // Where deployments go: this host, or the remote host chosen (and its pinned key) on /host.
        var deploymentTarget = new DeploymentTarget(state, SshConnection.CONNECT_TIMEOUT);
        RunSettings settings = runSettings(state, mode);
        Path benchRole = benchRole(System.getenv(BENCH_ROLE_ENV), options.simulate());
        if (benchRole != null) settings = settings.withRole(benchRole.toString());
        Runs runs = new Runs(state, settings, deploymentTarget);
        runs.recover();
        // hosted-engine-wizard deploy may start runs on this state directory: show them live too.
        runs.watchOtherProcesses(java.time.Duration.ofSeconds(1));

        // Host facts through Ansible (the facts playbook, the role's get_network_interfaces), on the
        // deployment host (this one, or the one chosen on /host): runs of their own kinds through the
        // same Runs as the phases. Read in the background; until the first reading is in, the last
        // cached one, else a quick local read, gives the limits.
        Supplier<AnsibleTarget> target = deploymentTarget;
        // Names resolve as the deployment host sees them (getent over SSH for a remote host).
        NameResolver hostResolver = new RemoteNameResolver(deploymentTarget, NameResolver.SYSTEM, SshConnection.CONNECT_TIMEOUT);
        var nameTable = new SimulatedNameTable(state.resolve("simulator/hosts"), hostResolver);
        // The role and the simulator's speed come from the runs' settings; the simulator also reads its name table.
        Map<String, Object> checkVars = mode.simulator()
                ? Map.of("he_simulator_hosts_file", nameTable.file().toString()) : Map.of();
        var collector = new HostFactsCollector(runs, target, checkVars, mode.simulator(), roleDefaults, state,
                Clock.systemUTC(), CHECK_TIMEOUT);
        String localVmDir = String.valueOf(hostedengine.wizard.RoleVariables.fixed().get("he_local_vm_dir_path"));
        HostFacts quickLocal = collector.current().isPresent() ? null : LocalHostFacts.read(roleDefaults);
        Supplier<HostFacts> factsNow = () -> collector.current().map(HostReadings::facts).orElse(quickLocal);
        Supplier<Rules> rulesNow = rulesFor(factsNow);
        // Discovery runs the role's tags like any phase: the real role here, the simulator role in simulation.
        StorageDiscovery discovery = new RoleStorageDiscovery(runs, rulesNow, RoleStorageDiscovery.TIMEOUT);
        HostFacts facts = factsNow.get();
        if (mode.simulator()) seedNameTable(nameTable, facts);
        var names = new RoleHostnameChecks(runs, target, checkVars, CHECK_TIMEOUT);
        var random = new SecureRandom();
        var drafts = new DraftStore(state, () -> Defaults.forHost(factsNow.get(), random));

        // The deployed engine: hosted-engine, one status poller for every viewer, maintenance, where "/" leads.
        // Every day-2 action runs on the deployment host chosen at that moment: this host's tool, or the
        // remote host's own over SSH with its pinned key (never this host's in its place).
        HostedEngineTool tool = hostedEngineTool(state, mode);
        EngineHost dayTwo = dayTwoHost(state, mode, deploymentTarget);
        var poller = new EngineStatePoller(dayTwo, EngineStatePoller.DEFAULT_INTERVAL, Clock.systemUTC());
        var engine = new EngineParts(tool, poller,
                new Maintenance(dayTwo, deploymentHostFqdn(deploymentTarget, factsNow), poller::current),
                new Landing(dayTwo, Landing.VDSM_CA),
                new Cleanup(dayTwo, Path.of(localVmDir), Cleanup.TIMEOUT),
                new Notifications(dayTwo), dayTwo);

        // The deployed engine's hosts (day 2): sessions with the engine, and host operations as runs.
        // In simulation a simulated deployment leaves the engine test double behind, as a real one
        // leaves an engine; it runs while the simulated state says deployed and stops with the server.
        var simulatedEngine = mode.simulator()
                ? new SimulatedEngine(state, Duration.ofMillis((long) (1500 / settings.simulatorSpeed())), Clock.systemUTC())
                : null;
        // The simulated engine comes up as soon as a simulated deployment is done (and goes with a
        // cleanup), not only when a page first asks for it; the checks stop with the server.
        var engineWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Threads.named("simulated-engine"));
        if (simulatedEngine != null) {
            engineWatch.scheduleWithFixedDelay(simulatedEngine::current, 0, 5, java.util.concurrent.TimeUnit.SECONDS);
        }
        var engineLogins = new EngineLogins(engineLocation(simulatedEngine), state);
        var audit = new AuditLog(state, Clock.systemUTC());
        var hostOperations = new HostOperations(runs, engineLogins, () -> engineVmHost(poller), audit,
                new HostOperations.Settings(mode.simulator() ? Duration.ofMillis(250) : Duration.ofSeconds(5),
                        Duration.ofMinutes(30), tool));
        // Backups run engine-backup on the engine VM over SSH; in simulation, on the simulated engine VM's directory.
        var engineVm = new hostedengine.backup.EngineVm(state, Duration.ofSeconds(15),
                () -> engineLogins.location().map(hostedengine.engineops.EngineLocation::fqdn), null,
                mode.simulator() ? state.resolve(SIMULATED_ENGINE_VM) : null);
        var backups = new hostedengine.backup.BackupOperations(runs, new hostedengine.backup.BackupStore(state), engineVm,
                poller::current, audit, Clock.systemUTC(), mode.simulator() ? backupSimulation(state, settings) : null);
        // The engine's update: on the engine VM, with hosted-engine on the deployment host chosen at that moment.
        var updates = new hostedengine.backup.EngineUpdates(backups, runs, updateHaHost(state, mode, deploymentTarget), state,
                audit, Clock.systemUTC(), mode.simulator() ? hostedengine.backup.EngineUpdates.Waits.SIMULATED
                        : hostedengine.backup.EngineUpdates.Waits.REAL);
        var engineHosts = new EngineHostsParts(engineLogins, hostOperations, backups, updates,
                new hostedengine.backup.RestorePlans(state, backups.store()),
                mode.simulator() ? hostedengine.enginedouble.EngineDouble.VERSION : null);

        var parts = new WebServer.Parts(new Messages(), drafts, factsNow, rulesNow,
                () -> Defaults.forHost(factsNow.get(), random), discovery, runs, mode.simulator(), options.tls());
        // Pre-flight before Prepare VM: in simulation, names resolve through the simulated name table first.
        var preflight = preflight(state, mode, collector, mode.simulator() ? nameTable : hostResolver, dayTwo);
        var hostParts = new HostParts(collector, names, () -> localVmDir, preflight);
        // Login: PAM, sessions, throttling, the console's single-use link, the audit log.
        var clock = Clock.systemUTC();
        var pam = new PamAuthenticator(options.pamService());
        var logins = new Logins(pam, new Sessions(options.idleTimeout(), clock, random), new LoginThrottle(clock),
                new SingleUseLinks(clock, random, state), audit);
        var ssl = options.tls() ? Tls.load(options, state) : null;
        // The deployment host's logs (this host's, or the remote host's over SFTP) and the support bundle.
        // In simulation the logs are the simulator's test doubles, written on this machine below
        // <state>/simulator/root (the simulator runs on the controller), so they are read here.
        Path logRoot = mode.simulator() ? state.resolve(SIMULATOR_LOG_ROOT) : Path.of("/");
        var hostLogs = new HostLogs(mode.simulator() ? null : deploymentTarget, logRoot, "/", mode.simulator(),
                SshConnection.CONNECT_TIMEOUT);
        var support = new SupportParts(hostLogs, new SupportBundles(state, hostLogs, dayTwo, RoleDefaultsReader.roleDirectory(),
                Path.of("/etc/os-release")));
        Javalin app = WebServer.create(parts, engine, engineHosts, deploymentTarget, hostParts, support,
                new WebSecurity(logins, options.cockpitOrigin(),
                        new WebSecurity.StreamCaps(options.streamsPerSession(), options.streamsTotal())), config -> {
            config.events.serverStopping(engineWatch::shutdownNow);
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
            engineLogins.close();
            if (simulatedEngine != null) simulatedEngine.close();
            runs.close();
            throw explain(failed, options);
        }
        // The first reading of the host starts only once the server serves: a server that cannot
        // start (its port taken) leaves no facts run behind in the state directory.
        collector.refresh(localVmDir);
        // Stopping: the web edge first (no new request starts anything), then what it used, then the
        // runs. Stopping the server stops following runs, never the runs themselves.
        Runtime.getRuntime().addShutdownHook(Threads.named("shutdown").newThread(() -> {
            app.stop();
            names.close();
            collector.close();
            engineLogins.close();
            if (simulatedEngine != null) simulatedEngine.close();
            poller.close();
            runs.close();
        }));
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
        String address = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
        writeAddress(state, address);
        // The link logs in without a password: it goes to a terminal someone is at (or where the
        // starter asks for it), never into a service's journal.
        if (options.printLoginLink() || System.console() != null) {
            logins.issueSingleUseLink(account).ifPresentOrElse(
                    token -> System.out.printf("Log in once as %s: %s/login/once/%s (works once, for 10 minutes)%n",
                            account, address, token),
                    () -> System.out.println("No single-use login link: the account " + account + " was not found"));
        } else {
            System.out.println("No login link printed (output is not a terminal): as root, run"
                    + " 'hosted-engine-wizard login-link' to get one, or log in at " + address + "/ with a system account");
        }
        return app;
    }

    private static void writeAddress(Path state, String address) {
        try {
            SingleUseLinks.writeAddress(state, address);
        } catch (java.io.IOException e) {
            System.out.println("Could not record the server's address in " + state + ": " + e.getMessage());
        }
    }

    /** The pre-flight checks before Prepare VM, the same for the server and the command line. */
    static PreflightService preflight(Path state, HostMode mode, HostFactsCollector collector, NameResolver resolver,
                                      EngineHost tool) {
        var landing = new Landing(tool, Landing.VDSM_CA);
        return PreflightService.onDeploymentHost(collector, resolver, () -> earlierDeploymentOf(landing.decide()),
                mode.simulator(), new LocalVmDirChoices(state));
    }

    /** The pre-flight's "earlier deployment" finding from where "/" would lead on the deployment host. */
    public static EarlierDeployment earlierDeploymentOf(Landing.Decision d) {
        return switch (d.kind()) {
            case NOT_INSTALLED -> EarlierDeployment.UNKNOWN;
            case WIZARD -> EarlierDeployment.NONE;
            case DEPLOYED, REGISTERED -> EarlierDeployment.FOUND;
            case HOST_NOT_CONNECTED -> EarlierDeployment.notConnected(d.on().label(), d.on().notConnectedKey().orElse(""));
        };
    }

    /**
     * The command line's pre-flight: host facts read through Ansible on the deployment host, names
     * as that host resolves them (in simulation the simulated name table first, seeded as the
     * server seeds it), an earlier deployment as {@code hosted-engine} tells.
     */
    static PreflightService cliPreflight(Path state, HostMode mode, Supplier<AnsibleTarget> target, Runs runs) {
        var roleDefaults = RoleDefaultsReader.read();
        NameResolver hostResolver = target instanceof DeploymentTarget remote
                ? new RemoteNameResolver(remote, NameResolver.SYSTEM, SshConnection.CONNECT_TIMEOUT) : NameResolver.SYSTEM;
        var nameTable = new SimulatedNameTable(state.resolve("simulator/hosts"), hostResolver);
        if (mode.simulator()) seedNameTable(nameTable, LocalHostFacts.read(roleDefaults));
        Map<String, Object> checkVars = mode.simulator()
                ? Map.of("he_simulator_hosts_file", nameTable.file().toString()) : Map.of();
        var collector = new HostFactsCollector(runs, target, checkVars, mode.simulator(), roleDefaults, state,
                Clock.systemUTC(), CHECK_TIMEOUT);
        EngineHost dayTwo = target instanceof DeploymentTarget chosen ? dayTwoHost(state, mode, chosen) : hostedEngineTool(state, mode);
        return preflight(state, mode, collector, mode.simulator() ? nameTable : hostResolver, dayTwo);
    }

    /** The command line's parts: the same state directory, runs, rules' host facts and tool as the server's. */
    public static Cli.Wiring cliWiring() {
        return new Cli.Wiring() {
            @Override public Path stateDir(java.util.Optional<Path> asked) throws hostedengine.cli.CliProblem {
                try {
                    return StateDirectory.prepare(asked.orElseGet(ServerOptions::defaultStateDir));
                } catch (StartupProblem problem) {
                    throw new hostedengine.cli.CliProblem(problem.getMessage());
                }
            }

            @Override public HostMode mode(boolean simulate) {
                return simulate ? HostMode.simulatorRequested() : HostMode.detect();
            }

            @Override public RunSettings runSettings(Path state, HostMode mode) { return Main.runSettings(state, mode); }

            @Override public java.util.function.Supplier<hostedengine.ansible.AnsibleTarget> target(Path state) {
                return new DeploymentTarget(state, SshConnection.CONNECT_TIMEOUT);
            }

            @Override public HostedEngineTool tool(Path state, HostMode mode) { return hostedEngineTool(state, mode); }

            @Override public EngineHost deploymentHostTool(Path state, HostMode mode) {
                return dayTwoHost(state, mode, new DeploymentTarget(state, SshConnection.CONNECT_TIMEOUT));
            }

            @Override public HostFacts facts() { return LocalHostFacts.read(RoleDefaultsReader.read()); }

            @Override public hostedengine.deploy.Deployments.Preflight preflight(Path state, HostMode mode, Runs runs) {
                return cliPreflight(state, mode, target(state), runs);
            }

            @Override public StorageDiscovery discovery(Runs runs, Supplier<Rules> rules) {
                return new RoleStorageDiscovery(runs, rules, RoleStorageDiscovery.TIMEOUT);
            }
        };
    }

    /**
     * How runs start Ansible, the same for the server and {@code hosted-engine-wizard deploy}:
     * the playbooks unpacked into the state directory, the real role or the simulator.
     */
    public static RunSettings runSettings(Path state, HostMode mode) {
        Path playbooks = PlaybookFiles.unpack(state);
        // In simulation the simulator's final_clean installs a hosted-engine test double here.
        var simulatorVars = new java.util.HashMap<String, Object>(simulatorFailure());
        simulatorVars.putAll(simulatorPauses(System.getenv("HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE")));
        simulatorVars.put("he_simulator_bin_dir", state.resolve(SIMULATOR_BIN).toString());
        simulatorVars.put("he_simulator_state_file", state.resolve(SIMULATOR_TOOL_STATE).toString());
        // The simulator's test-double logs (agent, broker, setup, engine) go below this directory.
        simulatorVars.put("he_simulator_log_root", state.resolve(SIMULATOR_LOG_ROOT).toString());
        return mode.simulator()
                ? RunSettings.simulator(playbooks, simulatorSpeed()).withSimulatorVars(simulatorVars)
                        .withSimulatorFailureFile(state.resolve(SIMULATOR_ROLE_FAILURE))
                : RunSettings.realRole(playbooks);
    }

    /** The hosted-engine tool: the host's, or in simulation the double the simulator installed. */
    public static HostedEngineTool hostedEngineTool(Path state, HostMode mode) {
        return mode.simulator()
                ? HostedEngineTool.simulated(state.resolve(SIMULATOR_BIN), state.resolve(SIMULATOR_TOOL_STATE))
                : HostedEngineTool.onHost();
    }

    /**
     * Where the day-2 actions run hosted-engine: on the deployment host chosen at each call. A
     * remote host runs its installed tools, or in simulation its own double (installed there by a
     * simulated deployment over SSH, {@link RunSettings#simulatedRemoteDir}).
     */
    public static ChosenEngineHost dayTwoHost(Path state, HostMode mode, DeploymentTarget target) {
        return new ChosenEngineHost(target, hostedEngineTool(state, mode), remoteHostedEngineTool(state, mode),
                SshConnection.CONNECT_TIMEOUT);
    }

    /** What runs on a remote deployment host: its installed tools, or in simulation that host's own double. */
    public static java.util.function.Function<RemoteHost, HostedEngineTool> remoteHostedEngineTool(Path state, HostMode mode) {
        if (!mode.simulator()) return host -> HostedEngineTool.onHost();
        return host -> {
            Path dir = RunSettings.simulatedRemoteDir(state.resolve(SIMULATOR_BIN).getParent(), host.label());
            return HostedEngineTool.simulated(dir.resolve("bin"), dir.resolve("state.json"));
        };
    }

    /** Where an engine update runs hosted-engine: the deployment host chosen now, and its tool (or that host's double). */
    public static Supplier<hostedengine.backup.EngineUpdates.HaHost> updateHaHost(Path state, HostMode mode, DeploymentTarget target) {
        return () -> {
            AnsibleTarget chosen = target.get();
            HostedEngineTool tool = chosen instanceof hostedengine.remote.RemoteAnsibleTarget remote
                    ? remoteHostedEngineTool(state, mode).apply(remote.host()) : hostedEngineTool(state, mode);
            return new hostedengine.backup.EngineUpdates.HaHost(chosen, tool);
        };
    }

    /** The deployment host's FQDN as its HA agent names it: this host's facts, or the remote host's as read at connection. */
    public static Supplier<String> deploymentHostFqdn(DeploymentTarget target, Supplier<HostFacts> facts) {
        return () -> {
            var view = target.view();
            if (view.local()) return facts.get().hostFqdn();
            return view.facts().map(hostedengine.remote.RemoteFacts::hostFqdn).orElse("");
        };
    }

    /**
     * Where this host's engine is: on a real host, the FQDN of hosted-engine.conf and VDSM's copy of
     * the engine CA; in simulation, the engine test double while the simulated state is deployed.
     */
    public static Supplier<java.util.Optional<EngineLocation>> engineLocation(SimulatedEngine simulated) {
        if (simulated == null) return () -> EngineLocation.onHost(EngineLocation.HOSTED_ENGINE_CONF, EngineTrust.HOST_CA);
        return () -> simulated.current().map(d -> new EngineLocation(d.fqdn(), d.apiUrl(), simulated.caFile(), true));
    }

    /** The host running the engine VM, as hosted-engine --vm-status last told. */
    public static java.util.Optional<String> engineVmHost(EngineStatePoller poller) {
        return poller.current().status().flatMap(hostedengine.engine.VmStatus::engineHost).map(hostedengine.engine.HostStatus::hostname);
    }

    /** SIMULATION: the engine-backup double, the hosted-engine double's hosts, the failures asked for. */
    public static hostedengine.backup.BackupOperations.Simulation backupSimulation(Path state, RunSettings settings) {
        return new hostedengine.backup.BackupOperations.Simulation(
                settings.playbooksDir().resolve("roles/hosted_engine_simulator/files/engine-backup"),
                state.resolve(SIMULATOR_TOOL_STATE), state.resolve("simulator").resolve(SimulatedEngine.FAILURES_FILE));
    }

    public static final String SIMULATED_ENGINE_VM = "simulator/" + SimulatedEngine.ENGINE_VM_DIR;
    private static final String SIMULATOR_BIN = "simulator/bin";
    private static final String SIMULATOR_TOOL_STATE = "simulator/state.json";
    private static final String SIMULATOR_LOG_ROOT = "simulator/root";
    /** SIMULATION ONLY, a test double's trigger: {"task", "message"} to fail a simulated run at (read per tag). */
    private static final String SIMULATOR_ROLE_FAILURE = "simulator/role-failure.json";

    /** The rules for the facts of the moment, made again only when the facts change. */
    static Supplier<Rules> rulesFor(Supplier<HostFacts> facts) {
        var last = new java.util.concurrent.atomic.AtomicReference<Map.Entry<HostFacts, Rules>>();
        return () -> {
            HostFacts now = facts.get();
            var known = last.get();
            if (known != null && known.getKey() == now) return known.getValue();
            Rules rules = new Rules(now, path -> Files.isRegularFile(Path.of(path)));
            last.set(Map.entry(now, rules));
            return rules;
        };
    }

    /** SIMULATION ONLY: the simulated name table (a test double of DNS), with this host's name on its address. */
    private static void seedNameTable(SimulatedNameTable table, HostFacts facts) {
        var nic = facts.defaultRouteNic().flatMap(facts::nic).or(() -> facts.nics().stream().findFirst());
        var address = nic.flatMap(n -> n.addresses().stream().findFirst()).map(a -> a.replaceFirst("/.*$", ""));
        try {
            table.seedIfMissing(facts.hostFqdn(), address);
        } catch (java.io.IOException e) {
            System.out.println("Could not write the simulated name table " + table.file() + ": " + e.getMessage());
        }
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
     * To show the role's pauses (tasks/pause_execution.yml), the simulator pauses where the role
     * would: HOSTED_ENGINE_WIZARD_SIMULATOR_PAUSE="host" (he_pause_host), "before_engine_setup"
     * (he_pause_before_engine_setup), "failed_add_host" (the host comes up non_operational, and
     * the role pauses as it does by default), comma-separated; unknown words are ignored.
     */
    static java.util.Map<String, Object> simulatorPauses(String value) {
        var vars = new java.util.HashMap<String, Object>();
        if (value == null) return vars;
        for (String word : value.split(",")) {
            switch (word.strip()) {
                case "host" -> vars.put("he_pause_host", true);
                case "before_engine_setup" -> vars.put("he_pause_before_engine_setup", true);
                case "failed_add_host" -> vars.put("he_simulator_add_host_non_operational", true);
                default -> { }
            }
        }
        return vars;
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
}
