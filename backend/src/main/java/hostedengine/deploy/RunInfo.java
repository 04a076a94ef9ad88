package hostedengine.deploy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code run.json} holds: what, who, when, the tags, status and results. No secrets.
 *
 * @param tagIndex       index into {@code tags} of the tag running or last run (-1 before the first)
 * @param failedTask     the task that failed, when one did
 * @param messageKey     why the run ended the way it did (message key), null while running or on success
 * @param message        the same in English, with detail
 * @param results        every {@code otopi_*} value the role reported
 * @param events         how many events the run has so far
 * @param pause          the role waits on its lock file for the user to continue; null when it does not
 */
public record RunInfo(String id, Phase phase, String owner, String created, String ended, RunStatus status,
                      List<String> tags, int tagIndex, boolean cancelRequested, String failedTask,
                      String messageKey, String message, Map<String, Object> results, long events, Pause pause) {
    public RunInfo {
        tags = List.copyOf(tags);
        results = results == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** A run that does not wait (every run before the role's pause, and every test that never pauses). */
    public RunInfo(String id, Phase phase, String owner, String created, String ended, RunStatus status,
                   List<String> tags, int tagIndex, boolean cancelRequested, String failedTask,
                   String messageKey, String message, Map<String, Object> results, long events) {
        this(id, phase, owner, created, ended, status, tags, tagIndex, cancelRequested, failedTask, messageKey,
                message, results, events, null);
    }

    /** The bootstrap VM's directory ({@code otopi_localvm_dir.path}); Finish needs it as {@code he_local_vm_dir}. */
    @JsonIgnore
    public Optional<String> localVmDir() {
        Object v = results.get("otopi_localvm_dir");
        if (v instanceof Map<?, ?> m && m.get("path") instanceof String p) return Optional.of(p);
        if (v instanceof String s && !s.isBlank()) return Optional.of(s);
        return Optional.empty();
    }

    @JsonIgnore
    public String currentTag() { return tagIndex >= 0 && tagIndex < tags.size() ? tags.get(tagIndex) : null; }

    RunInfo withStatus(RunStatus next) {
        return new RunInfo(id, phase, owner, created, ended, status.moveTo(next), tags, tagIndex, cancelRequested,
                failedTask, messageKey, message, results, events, pause);
    }

    RunInfo withTagIndex(int index) {
        return new RunInfo(id, phase, owner, created, ended, status, tags, index, cancelRequested, failedTask,
                messageKey, message, results, events, pause);
    }

    RunInfo withCancelRequested() {
        return new RunInfo(id, phase, owner, created, ended, status, tags, tagIndex, true, failedTask,
                messageKey, message, results, events, pause);
    }

    RunInfo withEvents(long count, Map<String, Object> newResults) {
        return new RunInfo(id, phase, owner, created, ended, status, tags, tagIndex, cancelRequested, failedTask,
                messageKey, message, newResults, count, pause);
    }

    RunInfo withFailedTask(String task, String msg) {
        return new RunInfo(id, phase, owner, created, ended, status, tags, tagIndex, cancelRequested, task,
                messageKey, msg, results, events, pause);
    }

    RunInfo withPause(Pause next) {
        return new RunInfo(id, phase, owner, created, ended, status, tags, tagIndex, cancelRequested, failedTask,
                messageKey, message, results, events, next);
    }

    /** Ends the run (a run that ended waits for nobody); a run already final stays as it was. */
    RunInfo ended(RunStatus finalStatus, String endedAt, String key, String why) {
        if (status.isFinal()) return this;
        return new RunInfo(id, phase, owner, created, endedAt, status.moveTo(finalStatus), tags, tagIndex,
                cancelRequested, failedTask, key, why, results, events, null);
    }
}
