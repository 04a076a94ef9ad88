package hostedengine.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deploying from a backup (guide 4.1 migration, 7.2 restore): each administrator's plan, kept
 * per owner in {@code <state>/restore/} (no secret in it), judged when saved and judged again
 * when a deployment phase starts, and turned into the role's restore variables
 * (DAY2-TOOLS.md section 2): {@code he_restore_from_file} (the archive on this machine, which
 * the role copies into the bootstrap VM), {@code he_pki_renew_on_restore},
 * {@code he_pause_before_engine_setup}, and the data center and cluster the restored database
 * already has, which the role must be given: it has no way to read them, and its defaults
 * ("Default") are wrong for any other names.
 */
public final class RestorePlans {
    /** oVirt's names of data centers and clusters, narrowed to what can never be read as anything else. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the administrator chose.
     *
     * @param backup                 the backup's file name (one of {@link BackupStore#NAME}'s)
     * @param pkiRenew               {@code he_pki_renew_on_restore}: new certificates; every host must then be reinstalled
     * @param pauseBeforeEngineSetup {@code he_pause_before_engine_setup}: wait before the restore and engine-setup
     * @param checklistDone          the manual steps were confirmed done
     */
    public record Plan(String backup, String dataCenter, String cluster, boolean pkiRenew, boolean pauseBeforeEngineSetup,
                       boolean checklistDone) {}

    /** The backup's facts beside the plan, for the pages. */
    public record Chosen(Plan plan, BackupStore.Backup backup) {}

    /** A plan cannot be used as it stands: a message key and its arguments. */
    public record Problem(String key, List<String> args) {
        public Problem { args = List.copyOf(args); }
    }

    private final Path dir;
    private final BackupStore store;

    public RestorePlans(Path stateDir, BackupStore store) {
        this.dir = stateDir.resolve("restore");
        this.store = store;
    }

    public BackupStore store() { return store; }

    /** The owner's plan and its backup as listed now; empty without a plan or once the backup is gone. */
    public Optional<Chosen> chosen(String owner) {
        return plan(owner).flatMap(p -> store.list().stream().filter(b -> b.name().equals(p.backup())).findFirst()
                .map(b -> new Chosen(p, b)));
    }

    /** The owner's plan as saved, even when its backup has been deleted since. */
    public Optional<Plan> plan(String owner) {
        Path f = file(owner);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(f.toFile(), Plan.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Judges and saves a plan. Returns the problems by field name (none: saved). Each field is
     * judged on its own, so every problem shows at once.
     */
    public Map<String, Problem> save(String owner, Plan plan) throws IOException {
        var problems = new LinkedHashMap<String, Problem>();
        Optional<BackupStore.Backup> backup = plan.backup() == null ? Optional.empty()
                : store.list().stream().filter(b -> b.name().equals(plan.backup())).findFirst();
        if (backup.isEmpty()) problems.put("backup", new Problem("restore.error.backup", List.of()));
        else if (!backup.get().good()) problems.put("backup", new Problem("restore.error.notUsable", List.of()));
        name(problems, "dataCenter", plan.dataCenter());
        name(problems, "cluster", plan.cluster());
        if (!plan.checklistDone()) problems.put("checklist", new Problem("restore.error.checklist", List.of()));
        if (!problems.isEmpty()) return problems;
        Files.createDirectories(dir);
        PrivateFiles.writeAtomically(file(owner), JSON.writeValueAsBytes(plan));
        return problems;
    }

    /** Deploy a new engine instead: the plan is forgotten. */
    public void clear(String owner) throws IOException { Files.deleteIfExists(file(owner)); }

    private static void name(Map<String, Problem> problems, String field, String value) {
        if (value == null || value.isBlank()) problems.put(field, new Problem("restore.error.nameRequired", List.of()));
        else if (!NAME.matcher(value).matches()) problems.put(field, new Problem("restore.error.name", List.of()));
    }

    /**
     * The restore variables for a deployment phase of {@code owner}'s with {@code engineFqdn}
     * (the answers' Engine VM FQDN), judged again now: the backup must still be there and be an
     * engine-backup archive of that very engine (the guide keeps the FQDN: 4.1 step 10, 7.2.1).
     * Empty when the owner deploys a new engine.
     */
    public Optional<Either> forDeployment(String owner, String engineFqdn) {
        Optional<Plan> plan = plan(owner);
        if (plan.isEmpty()) return Optional.empty();
        Optional<Chosen> chosen = chosen(owner);
        if (chosen.isEmpty()) return Optional.of(new Either(null, new Problem("restore.error.backupGone", List.of(plan.get().backup()))));
        BackupStore.Backup b = chosen.get().backup();
        if (!b.good()) return Optional.of(new Either(null, new Problem("restore.error.notUsable", List.of())));
        if (engineFqdn == null || !b.engineFqdn().equalsIgnoreCase(engineFqdn.strip())) {
            return Optional.of(new Either(null, new Problem("restore.error.fqdn", List.of(b.engineFqdn(), String.valueOf(engineFqdn)))));
        }
        if (!plan.get().checklistDone()) return Optional.of(new Either(null, new Problem("restore.error.checklist", List.of())));
        // Judged again as they are written: the plan was read back from disk, not from the form just judged.
        var names = new LinkedHashMap<String, Problem>();
        name(names, "dataCenter", plan.get().dataCenter());
        name(names, "cluster", plan.get().cluster());
        if (!names.isEmpty()) return Optional.of(new Either(null, names.values().iterator().next()));
        var vars = new LinkedHashMap<String, Object>();
        vars.put("he_restore_from_file", store.file(b.name()).orElseThrow().toAbsolutePath().toString());
        vars.put("he_pki_renew_on_restore", plan.get().pkiRenew());
        vars.put("he_pause_before_engine_setup", plan.get().pauseBeforeEngineSetup());
        vars.put("he_data_center", plan.get().dataCenter());
        vars.put("he_cluster", plan.get().cluster());
        return Optional.of(new Either(vars, null));
    }

    /** This, as the deployment use case asks it before each phase. */
    public hostedengine.deploy.Deployments.Restore asRestore() {
        return (owner, fqdn) -> forDeployment(owner, fqdn).map(e -> e.problem() != null
                ? new hostedengine.deploy.Deployments.RestoreVars(null, e.problem().key(), e.problem().args())
                : new hostedengine.deploy.Deployments.RestoreVars(e.vars(), null, null));
    }

    /** Variables to add, or why the deployment may not start. */
    public record Either(Map<String, Object> vars, Problem problem) {}

    /**
     * What the guide says of a backup of {@code backupVersion} restored by an engine of
     * {@code targetVersion} (DAY2-TOOLS.md section 1, "Master restores same X.Y with backup ≤
     * installed, plus 4.3.10+ → 4.5 and 4.4 → 4.5"): a message key.
     */
    public static String versionVerdict(String backupVersion, String targetVersion) {
        int[] b = version(backupVersion);
        int[] t = version(targetVersion);
        if (b == null || t == null) return "restore.version.unknown";
        boolean sameMinor = b[0] == t[0] && b[1] == t[1];
        boolean notNewer = compare(b, t) <= 0;
        if (sameMinor && notNewer) return "restore.version.same";
        if (t[0] == 4 && t[1] == 5 && ((b[0] == 4 && b[1] == 4) || (b[0] == 4 && b[1] == 3 && b[2] >= 10))) return "restore.version.upgrade";
        return notNewer ? "restore.version.tooOld" : "restore.version.newer";
    }

    private static int[] version(String text) {
        if (text == null) return null;
        var m = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.find()) return null;
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        return 0;
    }

    private Path file(String owner) { return PrivateFiles.ofOwner(dir, owner, ".json"); }
}
