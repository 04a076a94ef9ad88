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
 *
 * <p>Each check is a root {@code ansible-playbook} run, so nothing a client sends may queue many:
 * at most {@value #MAX_PENDING} checks wait or run at once (a new one beyond answers {@code busy}),
 * a user has at most one running per field, the same name is checked once for everybody, and the
 * results kept are trimmed by age ({@value #KEEP_MINUTES} minutes) and count ({@value #MAX_KEPT}).
 */
public final class RoleHostnameChecks implements HostnameChecks, AutoCloseable {
    /** Who starts these runs, as run.json records it: the server itself, not a user. */
    public static final String OWNER = Owner.server("name-checks");
    private final Runs runs;
    private final Supplier<AnsibleTarget> target;
    private final Map<String, Object> runVars;
    private final Duration timeout;
    static final int MAX_PENDING = 4;
    static final int MAX_KEPT = 64;
    static final long KEEP_MINUTES = 30;
    /** The answer to a check that would queue beyond the limits; the field says to try again shortly. */
    static final Result BUSY = new Result(State.FAILED, "busy", null);

    private record Check(CompletableFuture<Result> future, java.time.Instant started) {}

    private final Map<String, Check> checks = new LinkedHashMap<>();
    /** user + field → the key of that user's check of the field, the latest asked for. */
    private final Map<String, String> byUser = new java.util.HashMap<>();
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
        return start(request, null);
    }

    @Override
    public Result start(Request request, String user) {
        CompletableFuture<Result> f = future(request, user);
        return f == null ? BUSY : now(f);
    }

    @Override
    public Optional<Result> known(Request request) {
        String key = key(target.get(), request);
        synchronized (checks) {
            return Optional.ofNullable(checks.get(key)).map(c -> now(c.future()));
        }
    }

    @Override
    public Result await(Request request, Duration wait) {
        return await(request, wait, null);
    }

    @Override
    public Result await(Request request, Duration wait, String user) {
        CompletableFuture<Result> f = future(request, user);
        if (f == null) return BUSY;
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

    /** The check of this request, started if needed; null when starting it would pass the limits. */
    private CompletableFuture<Result> future(Request request, String user) {
        AnsibleTarget host = target.get();
        String key = key(host, request);
        synchronized (checks) {
            trim();
            Check previous = checks.get(key);
            if (previous != null && (!previous.future().isDone() || now(previous.future()).state() == State.PASSED)) {
                return previous.future();
            }
            String mine = user == null ? null : user + "\n" + request.subject();
            if (mine != null) {
                Check running = checks.get(byUser.get(mine));
                if (running != null && !running.future().isDone()) return null;
            }
            long pending = checks.values().stream().filter(c -> !c.future().isDone()).count();
            if (pending >= MAX_PENDING) return null;
            var started = CompletableFuture.supplyAsync(() -> interpret(request.subject(), run(host, request)), workers);
            checks.remove(key);
            checks.put(key, new Check(started, java.time.Instant.now()));
            if (mine != null) byUser.put(mine, key);
            return started;
        }
    }

    /** Drops finished checks older than the age limit, then the oldest finished ones beyond the count. */
    private void trim() {
        var oldest = java.time.Instant.now().minus(Duration.ofMinutes(KEEP_MINUTES));
        checks.values().removeIf(c -> c.future().isDone() && c.started().isBefore(oldest));
        var it = checks.values().iterator();
        while (checks.size() > MAX_KEPT && it.hasNext()) {
            if (it.next().future().isDone()) it.remove();
        }
        byUser.values().removeIf(k -> !checks.containsKey(k));
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

    /** A check is known per host (asked once per call: a remote host's inventory is written on each ask). */
    private static String key(AnsibleTarget host, Request request) { return host.label() + "\n" + request; }

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
