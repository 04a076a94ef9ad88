package hostedengine.engineops;

import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engineapi.EngineCluster;
import hostedengine.engineapi.EngineHost;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Starts the day-2 host runs (guide 5.5–5.7, 7.2.4) for an administrator with a session on the
 * engine: judges the request first (each bad field named, in the messages' keys), then starts the
 * run with the session's token and the new host's root password as secrets, never as variables.
 * Every start, refused or not, is audited.
 */
public final class HostOperations {
    /** A host name the engine accepts, and nothing a shell or a template could read. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** What an operation does, and the run kind that does it. */
    public enum Operation {
        ADD(Phase.ADD_HOST), REINSTALL(Phase.REINSTALL_HOST), REMOVE(Phase.REMOVE_HOST), FORCE_REMOVE(Phase.FORCE_REMOVE_HOST),
        UPGRADE(Phase.UPGRADE_HOSTS),
        /** Not a run: the engine is asked at once, and answers with events. */
        CHECK_UPDATES(null);

        final Phase phase;

        Operation(Phase phase) { this.phase = phase; }

        public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /**
     * A new hosted-engine host, as asked on the hosts page.
     *
     * @param rootPassword the new host's root password; null: the engine logs in with its own SSH key
     */
    public record NewHost(String name, String address, String cluster, String rootPassword) {}

    /** Who asks, for the run's owner and the audit log. */
    public record Caller(String owner, String user, String ip) {}

    /** What came of a request. */
    public sealed interface Outcome permits Started, Checked, Invalid, NoSession, Busy, Refused {}

    public record Started(String runId) implements Outcome {}

    /** The engine was asked to check {@code hosts} hosts for updates; it answers later, with events. */
    public record Checked(int hosts) implements Outcome {}

    /** Bad fields: field name → message key. */
    public record Invalid(Map<String, String> errors) implements Outcome {}

    /** No session with the engine (log in first), or the engine ended it. */
    public record NoSession() implements Outcome {}

    /** Another engine operation or a deployment runs: one at a time. */
    public record Busy(String runningId) implements Outcome {}

    /** Refused before starting: a message key and the engine's words, if any. */
    public record Refused(String key, String engineMessage) implements Outcome {}

    /** How the runs wait: the poll interval, the longest wait for a state, and the HA agents' view (may be null). */
    public record Settings(Duration poll, Duration timeout, HostedEngineTool hostedEngine) {}

    /** The states the engine checks a host for updates in (ENGINE-API.md §4). */
    private static final List<String> CHECKABLE = List.of("up", "non_operational", "maintenance");

    private final Runs runs;
    private final EngineLogins logins;
    private final Supplier<Optional<String>> engineVmHost;
    private final AuditLog audit;
    private final Settings settings;

    /** @param engineVmHost the host running the engine VM, as hosted-engine --vm-status reports it */
    public HostOperations(Runs runs, EngineLogins logins, Supplier<Optional<String>> engineVmHost, AuditLog audit,
                          Settings settings) {
        this.runs = runs;
        this.logins = logins;
        this.engineVmHost = engineVmHost;
        this.audit = audit;
        this.settings = settings;
    }

    /** Guide 5.5: adds a host able to run the engine VM. */
    public Outcome add(Caller caller, NewHost host) {
        Optional<EngineSession> session = logins.session(caller.owner());
        if (session.isEmpty()) return audited(caller, Operation.ADD, host.name(), new NoSession());
        var errors = new LinkedHashMap<String, String>();
        String name = host.name() == null ? "" : host.name().strip();
        String address = host.address() == null ? "" : host.address().strip();
        if (name.isEmpty()) errors.put("name", "hosts.error.required");
        else if (!NAME.matcher(name).matches()) errors.put("name", "hosts.error.name");
        if (address.isEmpty()) errors.put("address", "hosts.error.required");
        else if (!address(address)) errors.put("address", "hosts.error.address");
        if (host.rootPassword() != null && host.rootPassword().isEmpty()) errors.put("rootPassword", "hosts.error.required");
        List<EngineHost> hosts;
        List<EngineCluster> clusters;
        try {
            hosts = session.get().hosts();
            clusters = session.get().clusters();
        } catch (EngineProblem p) {
            return audited(caller, Operation.ADD, name, problem(caller, p));
        }
        if (!errors.containsKey("name") && hosts.stream().anyMatch(h -> h.name().equalsIgnoreCase(name))) {
            errors.put("name", "hosts.error.nameTaken");
        }
        if (!errors.containsKey("address") && hosts.stream().anyMatch(h -> h.address().equalsIgnoreCase(address))) {
            errors.put("address", "hosts.error.addressTaken");
        }
        if (clusters.stream().noneMatch(c -> c.name().equals(host.cluster()))) errors.put("cluster", "hosts.error.cluster");
        if (!errors.isEmpty()) return audited(caller, Operation.ADD, name, new Invalid(errors));
        var secrets = new LinkedHashMap<String, String>();
        if (host.rootPassword() != null) secrets.put("he_host_root_password", host.rootPassword());
        return start(caller, Operation.ADD, session.get(), name, target(name, address, host.cluster()), secrets);
    }

    /**
     * Reinstall (5.6), remove (5.7) or, for a host that does not answer, confirm it was rebooted
     * and remove it (7.2.4). The host running the engine VM is never removed.
     */
    public Outcome act(Caller caller, Operation operation, String hostName) {
        if (operation == Operation.ADD || operation == Operation.UPGRADE || operation == Operation.CHECK_UPDATES) {
            throw new IllegalArgumentException(operation + " has its own method");
        }
        Optional<EngineSession> session = logins.session(caller.owner());
        if (session.isEmpty()) return audited(caller, operation, String.valueOf(hostName), new NoSession());
        if (hostName == null || !NAME.matcher(hostName).matches()) {
            return audited(caller, operation, "", new Refused("hosts.error.unknownHost", null));
        }
        Optional<EngineHost> host;
        try {
            host = session.get().hosts().stream().filter(h -> h.name().equalsIgnoreCase(hostName)).findFirst();
        } catch (EngineProblem p) {
            return audited(caller, operation, hostName, problem(caller, p));
        }
        if (host.isEmpty()) return audited(caller, operation, hostName, new Refused("hosts.error.unknownHost", null));
        boolean removal = operation == Operation.REMOVE || operation == Operation.FORCE_REMOVE;
        if (removal && engineVmHost.get().filter(h -> h.equalsIgnoreCase(hostName)).isPresent()) {
            return audited(caller, operation, hostName, new Refused("hosts.error.runsEngineVm", null));
        }
        if (operation == Operation.FORCE_REMOVE && host.get().status().equals("up")) {
            return audited(caller, operation, hostName, new Refused("hosts.error.forceRemoveUp", null));
        }
        return start(caller, operation, session.get(), host.get().name(), target(host.get().name(), host.get().address(), null),
                Map.of());
    }

    /**
     * Guide 6.3.5: updates the hosts named (none named: every {@link #upgradable} host), one at
     * a time, the host running the engine VM last ({@link HostUpdates}). A name the engine does not
     * know is refused as Invalid; when nothing has updates, nothing starts.
     */
    public Outcome upgrade(Caller caller, List<String> hostNames) {
        Optional<EngineSession> session = logins.session(caller.owner());
        if (session.isEmpty()) return audited(caller, Operation.UPGRADE, "", new NoSession());
        if (hostNames.stream().anyMatch(n -> n == null || !NAME.matcher(n).matches())) {
            return audited(caller, Operation.UPGRADE, "", new Invalid(Map.of("host", "hosts.error.unknownHost")));
        }
        List<EngineHost> hosts;
        try {
            hosts = session.get().hosts();
        } catch (EngineProblem p) {
            return audited(caller, Operation.UPGRADE, String.join(",", hostNames), problem(caller, p));
        }
        List<String> names = new ArrayList<>();
        // "All" means the hosts the engine would upgrade: one left Install Failed is reinstalled first, not part of the batch.
        if (hostNames.isEmpty()) hosts.stream().filter(HostOperations::upgradable).map(EngineHost::name).forEach(names::add);
        for (String asked : hostNames) {
            Optional<EngineHost> h = hosts.stream().filter(x -> x.name().equalsIgnoreCase(asked)).findFirst();
            if (h.isEmpty()) return audited(caller, Operation.UPGRADE, asked, new Invalid(Map.of("host", "hosts.error.unknownHost")));
            if (!names.contains(h.get().name())) names.add(h.get().name());
        }
        String audited = hostNames.isEmpty() ? "all" : String.join(",", names);
        if (names.isEmpty()) return audited(caller, Operation.UPGRADE, audited, new Refused("hosts.updates.nothing", null));
        return start(caller, Operation.UPGRADE, session.get(), audited, Map.of("he_host_names", List.copyOf(names)), Map.of());
    }

    /** States from which the engine accepts a host's upgrade (ENGINE-API.md section 4), with updates available. */
    private static final java.util.Set<String> UPGRADABLE_FROM = java.util.Set.of("up", "maintenance", "non_operational");

    /** True when the engine would upgrade {@code h} now: it has updates and is in a state the upgrade starts from. */
    public static boolean upgradable(EngineHost h) { return h.updateAvailable() && UPGRADABLE_FROM.contains(h.status()); }

    /** Asks the engine to check every host it can for updates; what it finds shows on the hosts page. */
    public Outcome checkForUpdates(Caller caller) {
        Optional<EngineSession> session = logins.session(caller.owner());
        if (session.isEmpty()) return audited(caller, Operation.CHECK_UPDATES, "all", new NoSession());
        int asked = 0;
        try {
            for (EngineHost h : session.get().hosts()) {
                if (!CHECKABLE.contains(h.status())) continue;
                session.get().checkForUpdates(h.id());
                asked++;
            }
        } catch (EngineProblem p) {
            return audited(caller, Operation.CHECK_UPDATES, "all", problem(caller, p));
        }
        return audited(caller, Operation.CHECK_UPDATES, "all", new Checked(asked));
    }

    /** The host where the engine VM runs, as hosted-engine --vm-status reports it. */
    public Optional<String> engineVmHost() { return engineVmHost.get(); }

    /** One host's variables: its name, address and (to add it) cluster. */
    private static Map<String, Object> target(String name, String address, String cluster) {
        var vars = new LinkedHashMap<String, Object>();
        vars.put("he_host_name", name);
        vars.put("he_host_address", address);
        if (cluster != null) vars.put("he_host_cluster", cluster);
        return vars;
    }

    private Outcome start(Caller caller, Operation operation, EngineSession session, String name, Map<String, Object> target,
                          Map<String, String> hostSecrets) {
        EngineLocation at = logins.location().orElse(null);
        if (at == null) return audited(caller, operation, name, new NoSession());
        var vars = new LinkedHashMap<String, Object>();
        vars.put("he_engine_api_url", at.apiUrl());
        vars.put("he_engine_ca_file", at.caFile().toString());
        vars.putAll(target);
        vars.put("he_engine_poll_seconds", settings.poll().toMillis() / 1000.0);
        vars.put("he_host_timeout_seconds", settings.timeout().toSeconds());
        if (settings.hostedEngine() != null) {
            vars.put("he_hosted_engine_tool", settings.hostedEngine().executable().toString());
            vars.put("he_hosted_engine_env", settings.hostedEngine().env());
        }
        var secrets = new LinkedHashMap<>(hostSecrets);
        try {
            secrets.put("he_engine_token", session.token());
        } catch (EngineProblem p) {
            return audited(caller, operation, name, problem(caller, p));
        }
        try {
            String id = runs.start(operation.phase, caller.owner(), vars, secrets);
            return audited(caller, operation, name, new Started(id));
        } catch (RunConflict busy) {
            return audited(caller, operation, name, new Busy(busy.runningId()));
        }
    }

    /** A session the engine ended is forgotten, so the page asks for the password again. */
    private Outcome problem(Caller caller, EngineProblem p) {
        if (p.kind() == EngineProblem.Kind.WRONG_PASSWORD || p.kind() == EngineProblem.Kind.NOT_AN_ENGINE) {
            logins.forget(caller.owner());
            return new NoSession();
        }
        return new Refused("hosts.problem." + p.kind().name(), p.engineMessage().orElse(null));
    }

    private Outcome audited(Caller caller, Operation operation, String host, Outcome outcome) {
        String run = outcome instanceof Started s ? s.runId() : "";
        boolean done = outcome instanceof Started || outcome instanceof Checked;
        audit.engineHostOperation(caller.user(), caller.ip(), operation.id(), host, run,
                done ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.REFUSED);
        return outcome;
    }

    /** An FQDN (RFC 1123 labels) or an IP address: nothing else reaches the engine. */
    static boolean address(String text) {
        if (text.length() > 253) return false;
        if (IPV4.matcher(text).matches()) return true;
        if (text.contains(":")) return IPV6.matcher(text).matches();
        for (String label : text.split("\\.", -1)) if (!LABEL.matcher(label).matches()) return false;
        return text.chars().anyMatch(Character::isLetter);
    }
}
