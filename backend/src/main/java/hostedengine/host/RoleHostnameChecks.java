package hostedengine.host;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.deploy.Owner;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunOutcome;
import hostedengine.deploy.Runs;
import hostedengine.threads.Threads;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Engine VM FQDN and Host FQDN checked by the role's own {@code validate_hostnames} tag
 * (tasks/pre_checks/002_validate_hostname_tasks.yml), in the background, one run per name
 * ({@link Phase#VALIDATE_HOSTNAMES} through {@link Runs}, so each check has a run directory and log).
 * A passed check is kept for that exact request; a failed one is shown but checked again the
 * next time it is asked for (the administrator may have fixed DNS meanwhile).
 *
 * <p>Every name given here must already have passed its field's syntax rule: these names reach
 * the role's shell tasks ({@code getent ahosts NAME}).
 */
public final class RoleHostnameChecks implements HostnameChecks, AutoCloseable {
    /** Who starts these runs, as run.json records it: the server itself, not a user. */
    public static final String OWNER = Owner.server("name-checks");
    private final Runs runs;
    private final Supplier<AnsibleTarget> target;
    private final Map<String, Object> runVars;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Result>> checks = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Threads.named("hostname-check"));

    /**
     * @param runVars more variables for the role's tag, e.g. the simulator's name table (the role
     *                itself and the simulator's speed come from the runs' settings)
     * @param timeout the longest one check's run may take before it is canceled
     */
    public RoleHostnameChecks(Runs runs, Supplier<AnsibleTarget> target, Map<String, Object> runVars, Duration timeout) {
        this.runs = runs;
        this.target = target;
        this.runVars = Map.copyOf(runVars);
        this.timeout = timeout;
    }

    @Override
    public Result start(Request request) {
        return now(future(request));
    }

    @Override
    public Optional<Result> known(Request request) {
        return Optional.ofNullable(checks.get(key(request))).map(RoleHostnameChecks::now);
    }

    @Override
    public Result await(Request request, Duration wait) {
        CompletableFuture<Result> f = future(request);
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Result.CHECKING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.CHECKING;
        } catch (ExecutionException e) {
            return new Result(State.FAILED, "couldNotRun", String.valueOf(e.getCause()));
        }
    }

    @Override
    public void close() { workers.shutdownNow(); }

    private CompletableFuture<Result> future(Request request) {
        AnsibleTarget host = target.get();
        return checks.compute(key(request), (k, previous) -> {
            if (previous != null && (!previous.isDone() || now(previous).state() == State.PASSED)) return previous;
            return CompletableFuture.supplyAsync(() -> interpret(request.subject(), run(host, request)), workers);
        });
    }

    /** One check is one run of {@link Phase#VALIDATE_HOSTNAMES}, with its directory, events and log. */
    private RunOutcome run(AnsibleTarget host, Request request) {
        try {
            return runs.runToEnd(Phase.VALIDATE_HOSTNAMES, OWNER, vars(request), Map.of(), host, timeout);
        } catch (RunConflict impossible) {
            // Read-only kinds are in conflict with nothing; kept readable should that ever change.
            throw new IllegalStateException("refused while " + impossible.runningId() + " runs", impossible);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + request.name(), e);
        }
    }

    private String key(Request request) { return target.get().label() + "\n" + request; }

    private static Result now(CompletableFuture<Result> f) {
        if (!f.isDone()) return Result.CHECKING;
        try {
            return f.getNow(Result.CHECKING);
        } catch (RuntimeException e) {
            return new Result(State.FAILED, "couldNotRun", String.valueOf(e.getCause()));
        }
    }

    /** The role's variables for one check. */
    Map<String, Object> vars(Request r) {
        Map<String, Object> vars = new LinkedHashMap<>(runVars);
        if (r.bridgeName() != null) vars.put("he_mgmt_network", r.bridgeName());
        if (r.subject() == Subject.HOST) {
            vars.put("he_host_address", r.name());
            vars.put("he_host_name", r.name());
            if (r.bridgeIf() != null) vars.put("he_bridge_if", r.bridgeIf());
        } else {
            vars.put("he_fqdn", r.name());
            if (r.hostAddress() != null) {
                vars.put("he_host_address", r.hostAddress());
                vars.put("he_host_ip", r.hostAddress());
            }
        }
        return vars;
    }

    /** Pure: the run's outcome as a result; the first failure that stopped the play gives the reason. */
    static Result interpret(Subject subject, RunOutcome outcome) {
        if (outcome.succeeded()) return Result.PASSED;
        Optional<RunEvent> failure = outcome.firstFailure();
        if (failure.isEmpty()) return new Result(State.FAILED, "couldNotRun", outcome.problem());
        String message = failure.get().message();
        String msg = (message == null ? "" : message).replaceAll("\\s+", " ").strip();
        return new Result(State.FAILED, reason(msg), msg);
    }

    /** The role's failure messages (002_validate_hostname_tasks.yml, fetch_host_ip.yml) as reason keys. */
    static String reason(String msg) {
        if (msg.startsWith("localhost is not a valid")) return "localhost";
        if (msg.equals("Unable to resolve address")) return "unresolvable";
        if (msg.contains("does not resolves locally")) return "notThisHost";
        if (msg.contains("doesn't resolve on the selected interface")) return "notOnInterface";
        if (msg.contains("doesn't uniquely match the interface")) return "notUnique";
        if (msg.contains("resolves on this host")) return "resolvesToHost";
        if (msg.contains("configured to use a proxy")) return "proxy";
        if (msg.equals("Host has no IP address")) return "noAddress";
        return "other";
    }
}
