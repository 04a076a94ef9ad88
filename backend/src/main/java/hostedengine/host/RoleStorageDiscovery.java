package hostedengine.host;

import hostedengine.deploy.Phase;
import hostedengine.deploy.RunConflict;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.deploy.Runs;
import hostedengine.wizard.Answers;
import hostedengine.wizard.Rules;
import hostedengine.wizard.VariableGate;
import hostedengine.wizard.RoleVariables;
import hostedengine.wizard.StorageDevices;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Storage discovery through the role: each lookup is a run of one tag ({@code iscsi_discover},
 * {@code iscsi_getdevices}, {@code fc_getdevices}) through {@link Runs}, like any phase, with
 * the real role on an oVirt host and the simulator role elsewhere, so the run has a directory,
 * events and a log an administrator can open. The role logs in to the bootstrap engine
 * ({@code auth_sso.yml}: {@code he_fqdn}, {@code he_admin_username}, {@code he_admin_password})
 * and asks it for the host {@code he_host_name}; passwords go only through the run's secrets.
 * The answer is read from the registered {@code otopi_*} result ({@link DiscoveryResults}).
 */
public final class RoleStorageDiscovery implements StorageDiscovery {
    /** The role retries its SSO login and host lookup for minutes (auth_sso.yml, iscsi_discover.yml). */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MS = 100;

    private final Runs runs;
    private final Supplier<Rules> rules;
    private final Duration timeout;

    public RoleStorageDiscovery(Runs runs, Supplier<Rules> rules, Duration timeout) {
        this.runs = runs;
        this.rules = rules;
        this.timeout = timeout;
    }

    @Override
    public StorageDevices iscsiTargets(String owner, Answers answers) throws StorageDiscoveryException {
        var admitted = admit(answers, StorageDevices.none(), VariableGate.Need.ISCSI_DISCOVER);
        RunInfo run = run(Phase.ISCSI_DISCOVER, owner, new LinkedHashMap<>(admitted.vars()),
                secrets(admitted, "he_admin_password", "he_iscsi_discover_password"));
        return new StorageDevices(DiscoveryResults.targets(result(run, "otopi_iscsi_targets")), List.of());
    }

    @Override
    public StorageDevices iscsiLuns(String owner, Answers answers, StorageDevices devices) throws StorageDiscoveryException {
        var admitted = admit(answers, devices, VariableGate.Need.ISCSI_GETDEVICES);
        Map<String, Object> vars = new LinkedHashMap<>(admitted.vars());
        // The role logs in to every portal of the chosen group (iscsi_getdevices.yml, "iSCSI login"):
        // the portals discovery reported (judged by ReadBack when they were read), or the typed ones.
        vars.putAll(RoleVariables.iscsiLogin(answers, devices));
        // "Get iSCSI LUNs" reads both without a default: empty when no CHAP is used.
        vars.putIfAbsent("he_iscsi_username", "");
        Map<String, String> secrets = secrets(admitted, "he_admin_password", "he_iscsi_password");
        if (!secrets.containsKey("he_iscsi_password")) vars.put("he_iscsi_password", "");
        RunInfo run = run(Phase.ISCSI_GETDEVICES, owner, vars, secrets);
        return new StorageDevices(devices.targets(), DiscoveryResults.luns(result(run, "otopi_iscsi_devices"), "otopi_iscsi_devices"));
    }

    @Override
    public StorageDevices fcLuns(String owner, Answers answers) throws StorageDiscoveryException {
        var admitted = admit(answers, StorageDevices.none(), VariableGate.Need.FC_GETDEVICES);
        RunInfo run = run(Phase.FC_GETDEVICES, owner, new LinkedHashMap<>(admitted.vars()),
                secrets(admitted, "he_admin_password"));
        return new StorageDevices(List.of(), DiscoveryResults.luns(result(run, "otopi_fc_devices"), "otopi_fc_devices"));
    }

    /**
     * The gate every run passes: the fields this tag sends must pass their rules now, and only
     * the variables whose answers pass are written. A refusal names the step or the field.
     */
    private VariableGate.Admitted admit(Answers answers, StorageDevices devices, VariableGate.Need need)
            throws StorageDiscoveryException {
        var verdict = VariableGate.admit(rules.get(), answers, devices, need);
        if (verdict instanceof VariableGate.Admitted admitted) return admitted;
        throw StorageDiscoveryException.refusedBy(((VariableGate.Refused) verdict).errors().get(0));
    }

    /** Starts the tag and waits for its end; a failed run becomes the role's message, readably. */
    private RunInfo run(Phase phase, String owner, Map<String, Object> vars, Map<String, String> secrets)
            throws StorageDiscoveryException {
        String id;
        try {
            id = runs.start(phase, owner, vars, secrets);
        } catch (RunConflict busy) {
            // The message names the deployment run; there is no discovery log to show.
            throw new StorageDiscoveryException(StorageDiscoveryException.BUSY, List.of(busy.runningId()), "", null);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RunInfo> info = runs.get(id);
            if (info.isPresent() && info.get().status().isFinal()) return ended(info.get());
            if (System.nanoTime() > deadline) {
                runs.cancel(id);
                throw new StorageDiscoveryException(StorageDiscoveryException.TIMED_OUT,
                        List.of(String.valueOf(timeout.toSeconds())), "no answer within " + timeout.toSeconds() + " s", id);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageDiscoveryException(StorageDiscoveryException.TIMED_OUT,
                        List.of(String.valueOf(timeout.toSeconds())), "interrupted while waiting", id);
            }
        }
    }

    private static RunInfo ended(RunInfo info) throws StorageDiscoveryException {
        if (info.status() == RunStatus.SUCCESSFUL) return info;
        String original = info.message() == null || info.message().isBlank() ? info.status().name() : info.message();
        throw new StorageDiscoveryException(StorageDiscoveryException.FAILED, List.of(DiscoveryResults.readable(original)),
                original, info.id());
    }

    /** The registered result; a run that registered none found nothing. */
    private static Object result(RunInfo run, String name) {
        Object value = run.results().get(name);
        return value == null ? Map.of() : value;
    }

    private static Map<String, String> secrets(VariableGate.Admitted admitted, String... names) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String name : names) if (admitted.secrets().containsKey(name)) chosen.put(name, admitted.secrets().get(name));
        return chosen;
    }
}
