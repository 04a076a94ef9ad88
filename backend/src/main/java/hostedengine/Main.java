package hostedengine;

import hostedengine.drafts.DraftStore;
import hostedengine.host.HostMode;
import hostedengine.host.LocalHostFacts;
import hostedengine.host.RoleDefaultsReader;
import hostedengine.host.SimulatedStorageDiscovery;
import hostedengine.host.StorageDiscovery;
import hostedengine.host.StorageDiscoveryException;
import hostedengine.web.Messages;
import hostedengine.web.Tls;
import hostedengine.web.WebServer;
import hostedengine.wizard.Defaults;
import hostedengine.wizard.HostFacts;
import hostedengine.wizard.Rules;
import hostedengine.wizard.StorageDevices;
import io.javalin.Javalin;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Starts the Hosted Engine Wizard server. Reading this class tells the whole system:
 * options → state directory → host facts and the role's defaults → rules and drafts →
 * the web edge, on HTTPS unless told otherwise.
 */
public final class Main {
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

        var parts = new WebServer.Parts(new Messages(), drafts, () -> facts, () -> rules,
                () -> Defaults.forHost(facts, random), discovery, mode.simulator(), options.tls());
        var ssl = options.tls() ? Tls.load(options, state) : null;
        Javalin app = WebServer.create(parts, config -> {
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
            throw explain(failed, options);
        }
        String scheme = options.tls() ? "https" : "http";
        System.out.printf("Hosted Engine Wizard listening on %s://%s:%d/%n", scheme, options.bind(), app.port());
        System.out.println(mode.simulator()
                ? "Simulator in use: " + mode.reason()
                : "Deploying with the real role: " + mode.reason());
        return app;
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
