package hostedengine.deploy;

import hostedengine.auth.AuditLog;
import hostedengine.wizard.Answers;
import hostedengine.wizard.FieldError;
import hostedengine.wizard.ReadBack;
import hostedengine.wizard.RoleVariables;
import hostedengine.wizard.Rules;
import hostedengine.wizard.Step;
import hostedengine.wizard.StorageDevices;
import hostedengine.wizard.VariableGate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * "Start a phase" (Prepare VM, Finish Deployment), the one use case the review pages, their
 * Retry and {@code hosted-engine-wizard deploy} all call: the rule gate on the answers as they
 * are now ({@link VariableGate}), the pre-flight checks before Prepare VM, the bootstrap VM's
 * directory read back from Prepare VM and judged before Finish reuses it, the variables, the
 * host lock ({@link Runs#start}) and the audit entries. Callers only translate the answer.
 */
public final class Deployments {
    /** The pre-flight checks (hostedengine.preflight, wired in by Main: that package knows the host, not runs). */
    public interface Preflight {
        /** The checks that fail for these answers (which passed the VM and Engine rules); empty: go ahead. */
        List<PreflightFailure> failures(String owner, Answers answers);

        /** {@code he_local_vm_dir_path}: the directory chosen for the appliance (it passed its path rule). */
        String localVmDirPath(String owner);
    }

    /**
     * Deploying from a backup (hostedengine.backup, wired in by Main): the owner's restore plan as
     * role variables, judged again as each phase starts. Empty: a new engine.
     */
    public interface Restore {
        Optional<RestoreVars> varsFor(String owner, String engineVmFqdn);

        /** No restore: the command line, and servers without backups. */
        Restore NONE = (owner, fqdn) -> Optional.empty();
    }

    /** The restore variables to add, or why the phase may not start ({@code problemKey} set, a message key). */
    public record RestoreVars(Map<String, Object> vars, String problemKey, List<String> args) {
        public RestoreVars {
            vars = vars == null ? Map.of() : Map.copyOf(vars);
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    /** A failing pre-flight check, in the check's own message keys ({@code preflight.<id>.<outcome>}). */
    public record PreflightFailure(String id, String outcome, List<String> args) {
        public PreflightFailure {
            args = List.copyOf(args);
        }
    }

    /** Who asks, and with what. {@code address} is the client's address, or "console" for the command line. */
    public record Request(Phase phase, String owner, String user, String address, Answers answers,
                          StorageDevices devices) {
        public Request {
            if (!phase.deployment()) throw new IllegalArgumentException(phase + " is not a deployment phase");
            devices = devices == null ? StorageDevices.none() : devices;
        }
    }

    /** The answer. */
    public sealed interface Outcome permits Started, Refused, PreflightFailed, NeedsPrepareVm, UnsafeReadBack, HostBusy,
            RestoreRefused {}

    public record Started(String runId) implements Outcome {}

    /** A field this phase writes breaks a rule: nothing was written. */
    public record Refused(Step step, List<FieldError> errors) implements Outcome {}

    public record PreflightFailed(List<PreflightFailure> failures) implements Outcome {}

    /** Finish needs a successful Prepare VM (its bootstrap VM directory). */
    public record NeedsPrepareVm() implements Outcome {}

    /** A value Prepare VM reported (the bootstrap VM's directory) fails its rule; {@code message} says which. */
    public record UnsafeReadBack(String message) implements Outcome {}

    /** The restore plan cannot be used now (its backup deleted, another engine's FQDN): a message key and its arguments. */
    public record RestoreRefused(String key, List<String> args) implements Outcome {}

    /** Another deployment holds the host. */
    public record HostBusy(String runningId, Phase runningPhase) implements Outcome {}

    private final Runs runs;
    private final Supplier<Rules> rules;
    private final Preflight preflight;
    private final AuditLog audit;
    /** Run id → who started it, until the run's end is in the audit log. */
    private final Map<String, String> awaitingAudit = new java.util.concurrent.ConcurrentHashMap<>();

    private final Restore restore;

    public Deployments(Runs runs, Supplier<Rules> rules, Preflight preflight, AuditLog audit) {
        this(runs, rules, preflight, audit, Restore.NONE);
    }

    public Deployments(Runs runs, Supplier<Rules> rules, Preflight preflight, AuditLog audit, Restore restore) {
        this.runs = runs;
        this.rules = rules;
        this.preflight = preflight;
        this.audit = audit;
        this.restore = restore;
    }

    public Outcome start(Request request) {
        boolean prepare = request.phase() == Phase.PREPARE_VM;
        var verdict = VariableGate.admit(rules.get(), request.answers(), request.devices(),
                prepare ? VariableGate.Need.PREPARE_VM : VariableGate.Need.FINISH);
        if (verdict instanceof VariableGate.Refused refused) return new Refused(refused.step(), refused.errors());
        var admitted = (VariableGate.Admitted) verdict;
        Map<String, Object> vars = new LinkedHashMap<>(admitted.vars());
        vars.put("he_local_vm_dir_path", preflight.localVmDirPath(request.owner()));
        Optional<RestoreVars> restoring = restore.varsFor(request.owner(), request.answers().get(hostedengine.wizard.Field.ENGINE_VM_FQDN));
        if (restoring.isPresent() && restoring.get().problemKey() != null) {
            return new RestoreRefused(restoring.get().problemKey(), restoring.get().args());
        }
        restoring.ifPresent(r -> vars.putAll(r.vars()));
        if (prepare) {
            List<PreflightFailure> failures = preflight.failures(request.owner(), request.answers());
            if (!failures.isEmpty()) return new PreflightFailed(failures);
        } else {
            Optional<String> localVmDir = lastSuccessfulPrepareVm().flatMap(RunInfo::localVmDir);
            if (localVmDir.isEmpty()) return new NeedsPrepareVm();
            Optional<String> problem = ReadBack.localVmDir(localVmDir.get());
            if (problem.isPresent()) return new UnsafeReadBack(problem.get());
            vars.put("he_local_vm_dir", localVmDir.get());
            vars.putAll(RoleVariables.iscsiLogin(request.answers(), request.devices()));
        }
        String phase = request.phase().name();
        try {
            String id = runs.start(request.phase(), request.owner(), vars, admitted.secrets());
            audit.deploymentStarted(request.user(), request.address(), id, phase, AuditLog.Outcome.SUCCESS);
            auditTheEnd(id, request.user());
            return new Started(id);
        } catch (RunConflict running) {
            audit.deploymentStarted(request.user(), request.address(), running.runningId(), phase, AuditLog.Outcome.FAILURE);
            return new HostBusy(running.runningId(), running.runningPhase());
        }
    }

    /** The last successful Prepare VM on this host, whose bootstrap VM Finish goes on with. */
    public Optional<RunInfo> lastSuccessfulPrepareVm() {
        return runs.list().stream()
                .filter(r -> r.phase() == Phase.PREPARE_VM && r.status() == RunStatus.SUCCESSFUL)
                .findFirst();
    }

    /**
     * Records the outcome now, for a caller that has followed the run to its end itself (the
     * command line, whose process may exit before the background listener below gets its turn).
     * Each run's end is written once, whoever comes first.
     */
    public void ended(RunInfo run) {
        String user = awaitingAudit.remove(run.id());
        if (user != null) audit.deploymentFinished(user, run.id(), run.status().name().toLowerCase(Locale.ROOT));
    }

    /** Records the outcome in the audit log when the run ends, whoever watches it. */
    private void auditTheEnd(String id, String user) {
        awaitingAudit.put(id, user);
        var holder = new AtomicReference<Subscription>();
        runs.subscribe(id, Long.MAX_VALUE, new RunListener() {
            @Override public void onEvent(RunEvent e) { }

            @Override public void onEnd(RunInfo r) {
                ended(r);
                var s = holder.get();
                if (s != null) s.close();
            }
        }).ifPresent(holder::set);
    }
}
