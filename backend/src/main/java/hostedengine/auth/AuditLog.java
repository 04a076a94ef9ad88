package hostedengine.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code <state>/audit.log}, mode 0600: one JSON object per line, for every login, logout
 * and action that changes the host:
 * <pre>{"time":"2025-01-01T10:00:00Z","action":"login","outcome":"success","user":"root","address":"192.0.2.7","details":{}}</pre>
 * Never a secret: no password (not even a wrong one), no token, no session id. Detail
 * names that look like secrets are refused outright, so a careless caller fails in tests
 * rather than in a customer's log. Appends are serialized; a write failure is thrown, so
 * an action that cannot be audited does not happen silently.
 */
public final class AuditLog {
    public static final String FILE_NAME = "audit.log";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|secret|token|cookie|session|key).*");
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Action {
        LOGIN, LOGOUT, SESSION_EXPIRED, ANSWER_FILE_IMPORTED,
        DEPLOYMENT_STARTED, DEPLOYMENT_CANCELED, DEPLOYMENT_FINISHED, MAINTENANCE_CHANGED, CLEANUP,
        /** The role's pause ended by Continue (its lock file deleted), from the page or the command line. */
        DEPLOYMENT_CONTINUED,
        NOTIFICATIONS_CHANGED,
        /** Remote hosts: where to deploy, and the host keys confirmed or forgotten. */
        DEPLOYMENT_HOST_CHOSEN, HOST_KEY_PINNED, HOST_KEY_FORGOTTEN,
        /** The engine's hosts: a session with the engine, and a host added, reinstalled or removed through it. */
        ENGINE_LOGIN, ENGINE_LOGOUT, ENGINE_HOST_OPERATION,
        /** The engine CA confirmed by its fingerprint where the host holds none. */
        ENGINE_CA_PINNED,
        /** A support bundle downloaded (its scope: one run, or everything). */
        SUPPORT_BUNDLE,
        /** Engine backups: one started (or refused), downloaded, deleted, or the number kept changed. */
        ENGINE_BACKUP, BACKUP_UPLOADED, BACKUP_DOWNLOADED, BACKUP_DELETED, BACKUP_RETENTION,
        /** engine-upgrade-check started on the engine VM (or refused). */
        ENGINE_UPDATE_CHECK,
        /** An update of the engine (guide 5.3) started or refused; {@code backup} names the backup taken before, or "skipped". */
        ENGINE_UPDATE;

        String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    public enum Outcome {
        SUCCESS, FAILURE,
        /** Not attempted: throttled, or the user may not operate. */
        REFUSED;

        String id() { return name().toLowerCase(Locale.ROOT); }
    }

    private final Path file;
    private final Clock clock;

    public AuditLog(Path stateDir, Clock clock) {
        this.file = stateDir.resolve(FILE_NAME);
        this.clock = clock;
        try {
            // An older or hand-made file keeps no wider mode than ours.
            if (Files.exists(file)) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the audit log " + file, e);
        }
    }

    public Path file() { return file; }

    /**
     * One line: {@code user} did {@code action} from {@code address} with this outcome.
     *
     * @param details non-secret facts (run id, file name, maintenance mode, reason)
     */
    public void record(Action action, Outcome outcome, String user, String address, Map<String, String> details) {
        details.keySet().forEach(name -> {
            if (SECRET_NAME.matcher(name).matches()) throw new IllegalArgumentException("audit detail looks secret: " + name);
        });
        var line = new LinkedHashMap<String, Object>();
        line.put("time", clock.instant().toString());
        line.put("action", action.id());
        line.put("outcome", outcome.id());
        line.put("user", user);
        line.put("address", address);
        line.put("details", new LinkedHashMap<>(details));
        append(line);
    }

    public void answerFileImported(String user, String address, String fileName, Outcome outcome) {
        record(Action.ANSWER_FILE_IMPORTED, outcome, user, address, Map.of("file", fileName == null ? "" : fileName));
    }

    /** For the run feature: a deployment phase was started (or refused). */
    public void deploymentStarted(String user, String address, String runId, String phase, Outcome outcome) {
        record(Action.DEPLOYMENT_STARTED, outcome, user, address, Map.of("run", runId, "phase", phase));
    }

    public void deploymentCanceled(String user, String address, String runId, Outcome outcome) {
        record(Action.DEPLOYMENT_CANCELED, outcome, user, address, Map.of("run", runId));
    }

    /** {@code result}: how the continue ended (continued, lock-gone, not-paused, …). */
    public void deploymentContinued(String user, String address, String runId, String result, Outcome outcome) {
        record(Action.DEPLOYMENT_CONTINUED, outcome, user, address, Map.of("run", runId, "result", result));
    }

    /** When a run ends on its own: {@code user} is who started it; there is no address. */
    public void deploymentFinished(String user, String runId, String status) {
        record(Action.DEPLOYMENT_FINISHED, "successful".equals(status) ? Outcome.SUCCESS : Outcome.FAILURE,
                user, "", Map.of("run", runId, "status", status));
    }

    public void maintenanceChanged(String user, String address, String mode, Outcome outcome) {
        record(Action.MAINTENANCE_CHANGED, outcome, user, address, Map.of("mode", mode));
    }

    /** @param host the host it acted on: "this host" or user@address:port */
    public void maintenanceChanged(String user, String address, String mode, String host, Outcome outcome) {
        record(Action.MAINTENANCE_CHANGED, outcome, user, address, Map.of("mode", mode, "host", host));
    }

    /** The broker's notification settings changed; {@code settings} names the keys, never their values' secrets (there are none). */
    public void notificationsChanged(String user, String address, String settings, Outcome outcome) {
        record(Action.NOTIFICATIONS_CHANGED, outcome, user, address, Map.of("settings", settings));
    }

    /** @param host the host whose settings changed: "this host" or user@address:port */
    public void notificationsChanged(String user, String address, String settings, String host, Outcome outcome) {
        record(Action.NOTIFICATIONS_CHANGED, outcome, user, address, Map.of("settings", settings, "host", host));
    }

    /** {@code host} is "this host" or user@address:port; never a password. */
    public void deploymentHostChosen(String user, String address, String host, Outcome outcome) {
        record(Action.DEPLOYMENT_HOST_CHOSEN, outcome, user, address, Map.of("host", host));
    }

    public void hostKeyPinned(String user, String address, String host, String fingerprint, Outcome outcome) {
        record(Action.HOST_KEY_PINNED, outcome, user, address, Map.of("host", host, "fingerprint", fingerprint));
    }

    public void hostKeyForgotten(String user, String address, String host, String fingerprint, Outcome outcome) {
        record(Action.HOST_KEY_FORGOTTEN, outcome, user, address, Map.of("host", host, "fingerprint", fingerprint));
    }

    public void engineLogin(String user, String address, String engine, Outcome outcome) {
        record(Action.ENGINE_LOGIN, outcome, user, address, Map.of("engine", engine));
    }

    public void engineCaPinned(String user, String address, String engine, String fingerprint, Outcome outcome) {
        record(Action.ENGINE_CA_PINNED, outcome, user, address, Map.of("engine", engine, "fingerprint", fingerprint));
    }

    public void engineLogout(String user, String address, String engine) {
        record(Action.ENGINE_LOGOUT, Outcome.SUCCESS, user, address, Map.of("engine", engine));
    }

    /** @param operation add, reinstall, remove or force-remove; {@code run} empty when none started */
    public void engineHostOperation(String user, String address, String operation, String host, String run, Outcome outcome) {
        record(Action.ENGINE_HOST_OPERATION, outcome, user, address, Map.of("operation", operation, "host", host, "run", run));
    }

    /** A support bundle was made for {@code scope} ("all" or a run's id). */
    public void supportBundle(String user, String address, String scope, Outcome outcome) {
        record(Action.SUPPORT_BUNDLE, outcome, user, address, Map.of("scope", scope));
    }

    /** @param result "started", or why not (a message key, "busy", "key-to-confirm", …); {@code run} empty when none started */
    public void engineBackup(String user, String address, String run, String result, Outcome outcome) {
        record(Action.ENGINE_BACKUP, outcome, user, address, Map.of("run", run, "result", result));
    }

    /** As {@link #engineBackup}, for a check for engine updates. */
    public void engineUpdateCheck(String user, String address, String run, String result, Outcome outcome) {
        record(Action.ENGINE_UPDATE_CHECK, outcome, user, address, Map.of("run", run, "result", result));
    }

    /** @param backup the newest backup when the update started, or "skipped" when the administrator chose to go without one */
    public void engineUpdate(String user, String address, String run, String result, String backup, Outcome outcome) {
        record(Action.ENGINE_UPDATE, outcome, user, address, Map.of("run", run, "result", result, "backup", backup));
    }

    /** @param action uploaded, downloaded or deleted; {@code backup} the archive's name (empty: none stored) */
    public void backupFile(Action action, String user, String address, String backup, Outcome outcome) {
        record(action, outcome, user, address, Map.of("backup", backup));
    }

    /** How many backups are kept now (0: all), and which older ones that deleted. */
    public void backupRetention(String user, String address, int keep, java.util.List<String> deleted) {
        record(Action.BACKUP_RETENTION, Outcome.SUCCESS, user, address, Map.of("keep", String.valueOf(keep),
                "deleted", String.join(",", deleted)));
    }

    public void cleanup(String user, String address, Outcome outcome) {
        record(Action.CLEANUP, outcome, user, address, Map.of());
    }

    /** @param host the host cleaned up: "this host" or user@address:port */
    public void cleanup(String user, String address, String host, Outcome outcome) {
        record(Action.CLEANUP, outcome, user, address, Map.of("host", host));
    }

    private synchronized void append(Map<String, Object> line) {
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }
}
