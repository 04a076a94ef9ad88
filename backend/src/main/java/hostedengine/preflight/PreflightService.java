package hostedengine.preflight;

import hostedengine.host.HostFactsSource;
import hostedengine.host.HostReadings;
import hostedengine.host.NameResolver;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Field;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Gathers the pre-flight inputs (the host facts read through Ansible, name lookups, whether a
 * deployment exists) and evaluates the checks. The facts are those last read (for the directory
 * chosen for the appliance). The command line waits for a reading ({@link #checks}); the server
 * never does ({@link #checksNow}, {@link #startReading}, {@link #withoutWaiting}).
 */
public final class PreflightService implements hostedengine.deploy.Deployments.Preflight {
    static final Duration WAIT_FOR_FACTS = Duration.ofSeconds(90);
    private final HostFactsSource collector;
    private final NameResolver resolver;
    private final Supplier<EarlierDeployment> deployed;
    private final boolean simulated;
    private final LocalVmDirChoices dirs;
    /** The last reading started by {@link #startReading} per directory, to tell a failed one from one never started. */
    private final java.util.Map<String, CompletableFuture<HostReadings>> started = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param resolver  the system's resolver; in simulation the simulated name table before it
     * @param deployed  hosted-engine --check-deployed and friends: a deployment exists (empty: cannot tell)
     */
    public PreflightService(HostFactsSource collector, NameResolver resolver, Supplier<Optional<Boolean>> deployed,
                            boolean simulated, LocalVmDirChoices dirs) {
        this(collector, resolver, simulated, dirs, () -> EarlierDeployment.of(deployed.get()));
    }

    /**
     * @param earlier what the deployment host's hosted-engine says of an earlier deployment, or that
     *                the remote host could not be asked (never this host's answer in its place)
     */
    public static PreflightService onDeploymentHost(HostFactsSource collector, NameResolver resolver,
                                                    Supplier<EarlierDeployment> earlier, boolean simulated, LocalVmDirChoices dirs) {
        return new PreflightService(collector, resolver, simulated, dirs, earlier);
    }

    private PreflightService(HostFactsSource collector, NameResolver resolver, boolean simulated, LocalVmDirChoices dirs,
                             Supplier<EarlierDeployment> earlier) {
        this.collector = collector;
        this.resolver = resolver;
        this.deployed = earlier;
        this.simulated = simulated;
        this.dirs = dirs;
    }

    public LocalVmDirChoices dirs() { return dirs; }

    /** The checks for these answers (which have passed the VM and Engine rules). */
    public List<Check> checks(String owner, Answers answers) {
        String dir = dirs.get(owner);
        HostReadings readings = collector.current().filter(r -> r.localVmDirPath().equals(dir))
                .orElseGet(() -> read(dir));
        return Preflight.evaluate(inputs(readings, answers));
    }

    /**
     * The checks as they stand, never waiting for Ansible (for the server's pages): empty while the
     * host is being read. When no reading fits the owner's directory, one is started here; when the
     * last one for that directory failed, the last readings there are served, as {@link #checks} does.
     */
    public Optional<List<Check>> checksNow(String owner, Answers answers) {
        return checksNow(owner, answers, true);
    }

    /**
     * The same; {@code mayRead} false (a viewer, who starts no root runs) serves the last readings
     * whatever directory they measured, and starts nothing.
     */
    public Optional<List<Check>> checksNow(String owner, Answers answers, boolean mayRead) {
        String dir = dirs.get(owner);
        if (collector.reading()) return Optional.empty();
        Optional<HostReadings> fitting = collector.current().filter(r -> r.localVmDirPath().equals(dir));
        if (fitting.isEmpty()) {
            CompletableFuture<HostReadings> last = started.get(dir);
            if (mayRead && (last == null || !last.isCompletedExceptionally())) {
                startReading(owner);
                return Optional.empty();
            }
            fitting = collector.current();
            if (fitting.isEmpty()) {
                if (!mayRead) return Optional.empty();
                throw new IllegalStateException("the host facts could not be read");
            }
        }
        return Optional.of(Preflight.evaluate(inputs(fitting.get(), answers)));
    }

    /** Starts reading the host again for the owner's directory, without waiting; {@link #checksNow} follows it. */
    public void startReading(String owner) {
        String dir = dirs.get(owner);
        started.put(dir, collector.refresh(dir));
    }

    /**
     * The use case's view of these checks for a caller that must not wait (the server): while the
     * host is being read, that reading is the one failure (the page shows the list as pending and
     * keeps Prepare VM disabled; only a forced request meets this).
     */
    public hostedengine.deploy.Deployments.Preflight withoutWaiting() {
        return new hostedengine.deploy.Deployments.Preflight() {
            @Override public List<hostedengine.deploy.Deployments.PreflightFailure> failures(String owner, Answers answers) {
                Optional<List<Check>> now = checksNow(owner, answers);
                if (now.isEmpty()) {
                    return List.of(new hostedengine.deploy.Deployments.PreflightFailure("hostReading", "pending", List.of()));
                }
                return blocking(now.get());
            }

            @Override public String localVmDirPath(String owner) { return dirs.get(owner); }
        };
    }

    /** The failing checks, for the use case that starts Prepare VM (the page and the command line alike). */
    @Override
    public List<hostedengine.deploy.Deployments.PreflightFailure> failures(String owner, Answers answers) {
        return blocking(checks(owner, answers));
    }

    private static List<hostedengine.deploy.Deployments.PreflightFailure> blocking(List<Check> checks) {
        return checks.stream().filter(Check::blocks)
                .map(c -> new hostedengine.deploy.Deployments.PreflightFailure(c.id(), c.outcome(), c.args())).toList();
    }

    @Override
    public String localVmDirPath(String owner) { return dirs.get(owner); }

    private HostReadings read(String dir) {
        try {
            return collector.refresh(dir).get(WAIT_FOR_FACTS.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through: the last readings, or none
        }
        return collector.current().orElseThrow(() -> new IllegalStateException("the host facts could not be read"));
    }

    PreflightInputs inputs(HostReadings readings, Answers a) {
        String engine = a.get(Field.ENGINE_VM_FQDN);
        List<String> engineAddresses = resolver.forward(engine);
        Optional<String> reverse = engineAddresses.isEmpty() ? Optional.empty()
                : resolver.reverseOf(engine, engineAddresses.get(0));
        String host = a.get(Field.HOST_FQDN);
        long memory = a.get(Field.MEMORY_SIZE_MB).matches("\\d{1,9}") ? Long.parseLong(a.get(Field.MEMORY_SIZE_MB)) : 0;
        EarlierDeployment earlier = deployed.get();
        return new PreflightInputs(readings, engine, engineAddresses, reverse, host, resolver.forward(host),
                a.get(Field.BRIDGE_INTERFACE), memory, earlier.deployed(), simulated, earlier.notConnectedHost());
    }
}
