package hostedengine.engineapi;

import static org.ovirt.engine.sdk4.builders.Builders.cluster;
import static org.ovirt.engine.sdk4.builders.Builders.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.ConnectionBuilder;
import org.ovirt.engine.sdk4.services.HostService;
import org.ovirt.engine.sdk4.types.Host;
import org.ovirt.engine.sdk4.types.SshAuthenticationMethod;

/**
 * One administrator's session with the engine, through the engine's Java SDK: the SSO token is
 * held by the SDK in memory and revoked at {@link #close()}; the password is given to the SDK
 * alone (it logs in again once when the token has expired). Every call either answers or throws
 * an {@link EngineProblem}; nothing here retries further, waits, or logs a secret.
 */
public final class EngineSession implements AutoCloseable {
    /** How long one request may take before the engine counts as unreachable. */
    static final int TIMEOUT_SECONDS = 30;
    private final Connection connection;

    private EngineSession(Connection connection) { this.connection = connection; }

    /**
     * Logs in (the first call, which also proves the address, the trust and the password).
     *
     * @param apiUrl     e.g. https://engine.example.com/ovirt-engine/api
     * @param user       admin@internal (admin@ovirt@internalsso where the engine uses Keycloak)
     * @param trustStore the engine CA's trust store ({@link EngineTrust#writeStore})
     */
    public static EngineSession open(String apiUrl, String user, String password, Path trustStore) throws EngineProblem {
        // The failed login has no token to revoke: the problem that matters is the login's.
        return connect(ConnectionBuilder.connection().url(apiUrl).user(user).password(password), trustStore,
                EngineSession::closeQuietly);
    }

    /**
     * A session that reuses the SSO token of one already open ({@link #token()}): how an engine
     * task in its own process works in the administrator's session without ever seeing the
     * password. It cannot log in again: a token the engine ended fails every call.
     */
    public static EngineSession withToken(String apiUrl, String token, Path trustStore) throws EngineProblem {
        // Refused or not, the token is the administrator's session: never revoked from here.
        return connect(ConnectionBuilder.connection().url(apiUrl).token(token), trustStore, EngineSession::detach);
    }

    /** Builds the connection with the engine CA's trust and the timeout, and proves it with the first call. */
    private static EngineSession connect(ConnectionBuilder builder, Path trustStore,
                                         java.util.function.Consumer<EngineSession> onRefusal) throws EngineProblem {
        Connection c;
        try {
            c = builder.trustStoreFile(trustStore.toString()).trustStorePassword(EngineTrust.STORE_PASSWORD)
                    .timeout(TIMEOUT_SECONDS).build();
        } catch (RuntimeException e) {
            throw EngineProblem.of(e);
        }
        var session = new EngineSession(c);
        try {
            session.version();
            return session;
        } catch (EngineProblem p) {
            onRefusal.accept(session);
            throw p;
        }
    }

    /** The session's SSO token (secret: for an engine task's secrets channel only). */
    public String token() throws EngineProblem { return call(connection::authenticate); }

    /** Lets go of the connection without revoking the token: the session it came from goes on. */
    public void detach() {
        try {
            connection.close(false);
        } catch (Exception ignored) {
            // Nothing was revoked; the HTTP client's sockets are gone either way.
        }
    }

    /** The engine's full version, e.g. 4.5.6-1.el9. */
    public String version() throws EngineProblem {
        return call(() -> connection.systemService().get().send().api().productInfo().version().fullVersion());
    }

    public List<EngineCluster> clusters() throws EngineProblem {
        return call(() -> connection.systemService().clustersService().list().send().clusters().stream()
                .map(c -> new EngineCluster(c.id(), c.name())).toList());
    }

    /** Every host, with its hosted-engine part. */
    public List<EngineHost> hosts() throws EngineProblem {
        return call(() -> connection.systemService().hostsService().list().allContent(true).send().hosts().stream()
                .map(EngineSession::view).toList());
    }

    public Optional<EngineHost> host(String id) throws EngineProblem {
        try {
            return Optional.of(call(() -> view(hostService(id).get().allContent(true).send().host())));
        } catch (EngineProblem p) {
            if (p.kind() == EngineProblem.Kind.NOT_FOUND) return Optional.empty();
            throw p;
        }
    }

    /**
     * Adds a host able to run the engine VM (guide 5.5: New Host, Hosted Engine: Deploy). With
     * {@code rootPassword} null the engine logs in with its own SSH key, which must be in the
     * host's root authorized_keys. Answers at once with the host installing.
     */
    public EngineHost addHostedEngineHost(String name, String address, String clusterName, String rootPassword)
            throws EngineProblem {
        var spec = org.ovirt.engine.sdk4.builders.Builders.host().name(name).address(address).cluster(cluster().name(clusterName));
        if (rootPassword == null) spec.ssh(ssh().authenticationMethod(SshAuthenticationMethod.PUBLICKEY));
        else spec.rootPassword(rootPassword);
        return call(() -> view(connection.systemService().hostsService().add().host(spec).deployHostedEngine(true)
                .reboot(false).send().host()));
    }

    /** Guide 5.7, step 1: maintenance. */
    public void deactivate(String id) throws EngineProblem { call(() -> hostService(id).deactivate().send()); }

    public void activate(String id) throws EngineProblem { call(() -> hostService(id).activate().send()); }

    /** Guide 5.6 and 5.7: reinstall, deploying (or undeploying) the hosted-engine configuration. */
    public void reinstall(String id, boolean deployHostedEngine) throws EngineProblem {
        reinstall(id, deployHostedEngine, true);
    }

    /** The same, leaving the host in maintenance afterwards when {@code activate} is false (5.7 before Remove). */
    public void reinstall(String id, boolean deployHostedEngine, boolean activate) throws EngineProblem {
        call(() -> {
            var request = hostService(id).install().ssh(ssh().authenticationMethod(SshAuthenticationMethod.PUBLICKEY))
                    .activate(activate);
            return (deployHostedEngine ? request.deployHostedEngine(true) : request.undeployHostedEngine(true)).send();
        });
    }

    /** Guide 7.2.4: the administrator confirms the host was rebooted or powered off. */
    public void confirmRebooted(String id) throws EngineProblem { call(() -> hostService(id).fence().fenceType("manual").send()); }

    /** Guide 6.3.5: the engine asks the host's package manager for updates; the answer comes later (events 885, 839). */
    public void checkForUpdates(String id) throws EngineProblem { call(() -> hostService(id).upgradeCheck().send()); }

    /**
     * Guide 6.3.5 (the Administration Portal's Installation, Upgrade): the engine moves the host to
     * maintenance (its VMs migrated away), updates it, reboots it, and activates it if it was up.
     */
    public void upgrade(String id, boolean reboot) throws EngineProblem { call(() -> hostService(id).upgrade().reboot(reboot).send()); }

    /** The ids of the hosts the engine has checked for updates (event 885 still in its audit log). */
    public java.util.Set<String> hostsCheckedForUpdates() throws EngineProblem {
        return events(0, "type=885", 1000).stream().map(EngineEvent::hostId).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
    }

    public void remove(String id, boolean force) throws EngineProblem { call(() -> hostService(id).remove().force(force).send()); }

    /** Events with ids above {@code after}, oldest first; {@code search} in the engine's syntax, or null. */
    public List<EngineEvent> events(long after, String search, int max) throws EngineProblem {
        return call(() -> {
            var request = connection.systemService().eventsService().list().from(Long.valueOf(after)).max(Integer.valueOf(max));
            if (search != null) request.search(search);
            return request.send().events().stream()
                    .map(e -> new EngineEvent(Long.parseLong(e.id()), e.codeAsInteger(), e.severity().value(), e.time().toInstant(),
                            e.description(), e.host() == null ? null : e.host().id()))
                    .sorted(java.util.Comparator.comparingLong(EngineEvent::id)).toList();
        });
    }

    /** Revokes the token (the SDK's logout). */
    @Override
    public void close() throws EngineProblem {
        try {
            connection.close();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? EngineProblem.of(r) : EngineProblem.of(new RuntimeException(e));
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // The login failed: there is no token to revoke, and the problem that matters is the login's.
        }
    }

    private HostService hostService(String id) { return connection.systemService().hostsService().hostService(id); }

    private static EngineHost view(Host h) {
        var he = h.hostedEngine();
        boolean configured = he != null && he.configuredPresent() && he.configured();
        return new EngineHost(h.id(), h.name(), h.address(), h.status() == null ? "unknown" : h.status().value(),
                h.cluster() == null ? null : h.cluster().id(), configured,
                configured && he.scorePresent() ? he.scoreAsInteger() : 0,
                configured && he.localMaintenancePresent() && he.localMaintenance(),
                h.updateAvailablePresent() && h.updateAvailable());
    }

    private interface Call<T> { T run(); }

    private static <T> T call(Call<T> call) throws EngineProblem {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw EngineProblem.of(e);
        }
    }
}
