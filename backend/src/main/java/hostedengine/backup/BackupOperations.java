package hostedengine.backup;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.auth.AuditLog;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.Runs;
import hostedengine.engine.HostStatus;
import hostedengine.engine.StatusSnapshot;
import hostedengine.engine.VmStatus;
import hostedengine.remote.RemoteHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts a backup of the engine (guide 7.1) as a run on the engine VM: the guide's preconditions
 * judged first, the engine VM's key confirmed and the login tried before anything starts, then
 * {@code engine_backup.yml} with a name the product made. Every start, refused or not, is audited.
 */
public final class BackupOperations {
    /** Below this much free space where the backups are kept, no backup starts. */
    static final long MIN_FREE_BYTES = 512L << 20;
    /** Below this much, a warning: an engine's database with years of events runs to gigabytes. */
    static final long LOW_FREE_BYTES = 2L << 30;

    /** Who asks, for the run's owner and the audit log. */
    public record Caller(String owner, String user, String ip) {}

    /**
     * How to log in to the engine VM as root, as typed: {@code kind} "password" or "key".
     *
     * @param confirmedFingerprint the fingerprint the administrator confirmed on first contact, else empty
     */
    public record Login(String kind, String password, String keyFile, String confirmedFingerprint) {
        @Override public String toString() { return "Login[" + kind + "]"; }
    }

    /** One of the guide's preconditions, as the page shows it. */
    public record Check(String id, Level level, String key, List<String> args) {
        public Check { args = List.copyOf(args); }
    }

    public enum Level { PASS, WARN, FAIL }

    public sealed interface Outcome permits Started, Invalid, KeyToConfirm, Unreachable, Busy, Refused {}

    public record Started(String runId) implements Outcome {}

    /** Bad fields of the login: field name → message key. */
    public record Invalid(Map<String, String> errors) implements Outcome {}

    /** First contact with the engine VM: confirm this key's fingerprint (shown with the command that prints it on the VM). */
    public record KeyToConfirm(String label, String keyType, String fingerprint) implements Outcome {}

    /**
     * The engine VM could not be reached or logged in to, or offered another key than the pinned
     * one ({@code pinned} and {@code offered} then both set).
     */
    public record Unreachable(String label, String key, String detail, String pinned, String offered) implements Outcome {}

    /** Another run that excludes this one runs. */
    public record Busy(String runningId) implements Outcome {}

    /** A precondition failed (its message key). */
    public record Refused(String key) implements Outcome {}

    private final Runs runs;
    private final BackupStore store;
    private final EngineVm engineVm;
    private final Supplier<StatusSnapshot> status;
    private final AuditLog audit;
    private final Clock clock;
    private final Simulation simulation;

    /**
     * SIMULATION ONLY: what makes the simulated engine VM before each backup.
     *
     * @param double_      the engine-backup test double (the simulator role's files)
     * @param haStateFile  the hosted-engine double's state
     * @param failuresFile the simulator's engine failures file
     */
    public record Simulation(Path double_, Path haStateFile, Path failuresFile) {}

    /** @param simulation null on a real host */
    public BackupOperations(Runs runs, BackupStore store, EngineVm engineVm, Supplier<StatusSnapshot> status,
                            AuditLog audit, Clock clock, Simulation simulation) {
        this.runs = runs;
        this.store = store;
        this.engineVm = engineVm;
        this.status = status;
        this.audit = audit;
        this.clock = clock;
        this.simulation = simulation;
    }

    public BackupStore store() { return store; }

    public EngineVm engineVm() { return engineVm; }

    /** Whether the hosted-engine hosts are in global maintenance, as the latest status says; empty when unknown. */
    Optional<Boolean> globalMaintenance() { return status.get().status().map(VmStatus::globalMaintenance); }

    /** The guide's preconditions (7.1) as they stand now; a FAIL refuses the backup. */
    public List<Check> preconditions() {
        List<Check> checks = new ArrayList<>();
        Optional<String> vm = engineVm.label();
        if (vm.isEmpty()) {
            checks.add(new Check("engine", Level.FAIL, "backup.check.noEngine", List.of()));
            return checks;
        }
        Optional<VmStatus> vmStatus = status.get().status();
        Optional<HostStatus> running = vmStatus.flatMap(VmStatus::engineHost);
        if (running.isEmpty()) {
            checks.add(new Check("engine", Level.FAIL, "backup.check.engineDown", List.of()));
        } else if (!running.get().engine().good()) {
            checks.add(new Check("engine", Level.WARN, "backup.check.engineNotHealthy",
                    List.of(running.get().hostname(), running.get().engine().health())));
        } else {
            checks.add(new Check("engine", Level.PASS, "backup.check.engineUp", List.of(running.get().hostname())));
        }
        List<HostStatus> others = vmStatus.map(s -> s.hosts().stream()
                .filter(h -> running.isEmpty() || h.hostId() != running.get().hostId()).toList()).orElse(List.of());
        Optional<HostStatus> inMaintenance = others.stream().filter(HostStatus::localMaintenance).findFirst();
        if (inMaintenance.isPresent()) {
            checks.add(new Check("failover", Level.PASS, "backup.check.failoverInMaintenance", List.of(inMaintenance.get().hostname())));
        } else if (others.isEmpty()) {
            checks.add(new Check("failover", Level.WARN, "backup.check.singleHost", List.of()));
        } else {
            checks.add(new Check("failover", Level.WARN, "backup.check.noFailoverInMaintenance", List.of(others.get(0).hostname())));
        }
        try {
            long free = store.freeBytes();
            String gib = String.format(java.util.Locale.ROOT, "%.1f", free / (double) (1L << 30));
            Level level = free < MIN_FREE_BYTES ? Level.FAIL : free < LOW_FREE_BYTES ? Level.WARN : Level.PASS;
            checks.add(new Check("space", level, "backup.check.space." + level.name(), List.of(gib, store.directory().toString())));
        } catch (IOException e) {
            checks.add(new Check("space", Level.FAIL, "backup.check.spaceUnknown", List.of(store.directory().toString())));
        }
        return checks;
    }

    /** Starts a backup with {@code login}, after the preconditions and one SSH login to the engine VM. */
    public Outcome start(Caller caller, Login login) {
        Optional<Check> failed = preconditions().stream().filter(c -> c.level() == Level.FAIL).findFirst();
        if (failed.isPresent()) return audited(caller, Phase.ENGINE_BACKUP, new Refused(failed.get().key()));
        try {
            store.prepare();
        } catch (IOException e) {
            return audited(caller, Phase.ENGINE_BACKUP, new Refused("backup.cannotPrepare"));
        }
        return onEngineVm(caller, login, Phase.ENGINE_BACKUP, () -> {
            var vars = new LinkedHashMap<String, Object>();
            vars.put("he_backup_name", BackupStore.newName(clock.instant()));
            vars.put("he_backup_incoming", store.incoming().toString());
            vars.put("he_backup_dir", store.directory().toString());
            return vars;
        });
    }

    /**
     * Guide 5.3: {@code engine-upgrade-check} on the engine VM, as a run ({@link UpdateCheck}
     * reads its answer). It changes nothing, so only the engine VM must be running.
     */
    public Outcome checkForUpdates(Caller caller, Login login) {
        Optional<Check> down = preconditions().stream().filter(c -> c.id().equals("engine") && c.level() == Level.FAIL).findFirst();
        if (down.isPresent()) return audited(caller, Phase.ENGINE_UPGRADE_CHECK, new Refused(down.get().key()));
        return onEngineVm(caller, login, Phase.ENGINE_UPGRADE_CHECK, Map::of);
    }

    /** The last check for engine updates: running, or what the tool answered. */
    public Optional<UpdateCheck> lastUpdateCheck() {
        return runs.list().stream().filter(r -> r.phase() == Phase.ENGINE_UPGRADE_CHECK).findFirst()
                .map(r -> runs.outcome(r.id()).map(UpdateCheck::of)
                        .orElse(new UpdateCheck(r.id(), r.created(), UpdateCheck.Verdict.RUNNING, null, "", "", null)));
    }

    /**
     * One SSH login to the engine VM with {@code login} (its key confirmed on first contact), then
     * {@code kind}'s playbook on it with {@code extraVars} (made only once the login worked).
     */
    private Outcome onEngineVm(Caller caller, Login login, Phase kind, Supplier<Map<String, Object>> extraVars) {
        return onEngineVm(caller, login, kind, extraVars, ready -> ready, outcome -> audited(caller, kind, outcome));
    }

    /** How a run on the engine VM gets the machines it works on from the engine VM's own target. */
    interface Targets {
        AnsibleTarget of(AnsibleTarget engineVm) throws IOException;
    }

    /**
     * One SSH login to the engine VM with {@code login}, then {@code kind}'s playbook on the
     * target {@code targets} makes of it, every outcome passed through {@code record} (the audit).
     */
    Outcome onEngineVm(Caller caller, Login login, Phase kind, Supplier<Map<String, Object>> extraVars, Targets targets,
                       java.util.function.UnaryOperator<Outcome> record) {
        Optional<EngineVm.Address> at = engineVm.address();
        if (at.isEmpty()) return record.apply(new Refused("backup.check.noEngine"));
        RemoteHost.Parsed parsed = parse(login, at.get());
        if (!parsed.ok()) {
            var errors = new LinkedHashMap<String, String>();
            parsed.problems().forEach(p -> errors.putIfAbsent(p.field(), p.key()));
            return record.apply(new Invalid(errors));
        }
        try {
            if (simulation != null) {
                SimulatedEngineVm.prepare(engineVm.simulatedRoot(), simulation.double_(), engineVm.engineFqdn().orElse(""),
                        simulation.haStateFile(), simulation.failuresFile());
            }
        } catch (IOException e) {
            return record.apply(new Refused("backup.cannotPrepare"));
        }
        EngineVm.Contact contact = engineVm.contact(parsed.host().auth(),
                login.confirmedFingerprint() == null ? "" : login.confirmedFingerprint());
        if (contact instanceof EngineVm.KeyToConfirm k) {
            return record.apply(new KeyToConfirm(k.label(), k.offered().type(), k.offered().fingerprint()));
        }
        if (contact instanceof EngineVm.Unreachable u) {
            var p = u.problem();
            return record.apply(new Unreachable(u.label(), p == null ? "backup.cannotPrepare" : p.messageKey(),
                    p == null ? "" : p.getMessage(), p == null ? null : p.pinned().map(k -> k.fingerprint()).orElse(null),
                    p == null ? null : p.offered().map(k -> k.fingerprint()).orElse(null)));
        }
        if (!(contact instanceof EngineVm.Ready ready)) return record.apply(new Refused("backup.check.noEngine"));
        var vars = new LinkedHashMap<String, Object>(engineVm.vars());
        vars.putAll(extraVars.get());
        try {
            String id = runs.start(kind, caller.owner(), vars, Map.of(), targets.of(ready.target()));
            return record.apply(new Started(id));
        } catch (IOException e) {
            return record.apply(new Refused("backup.cannotPrepare"));
        } catch (RunConflict busy) {
            return record.apply(new Busy(busy.runningId()));
        }
    }

    /** The login through the remote-host form's own rules, the address fixed to the engine VM's. */
    private static RemoteHost.Parsed parse(Login login, EngineVm.Address at) {
        var form = new LinkedHashMap<String, String>();
        form.put(RemoteHost.ADDRESS, at.address());
        form.put(RemoteHost.PORT, String.valueOf(at.port()));
        form.put(RemoteHost.USER, at.user());
        form.put(RemoteHost.AUTH, "key".equals(login.kind()) ? "key" : "password");
        form.put(RemoteHost.KEY_FILE, login.keyFile() == null ? "" : login.keyFile());
        form.put(RemoteHost.PASSWORD, login.password() == null ? "" : login.password());
        return RemoteHost.parse(form, null);
    }

    /** An outcome as the audit log records it: the refusal's key, else its kind ("started", "key-to-confirm"). */
    static String result(Outcome outcome) {
        return outcome instanceof Refused r ? r.key()
                : outcome.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private Outcome audited(Caller caller, Phase kind, Outcome outcome) {
        String run = outcome instanceof Started s ? s.runId() : "";
        String result = result(outcome);
        var how = outcome instanceof Started ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.REFUSED;
        if (kind == Phase.ENGINE_BACKUP) audit.engineBackup(caller.user(), caller.ip(), run, result, how);
        else audit.engineUpdateCheck(caller.user(), caller.ip(), run, result, how);
        return outcome;
    }
}
