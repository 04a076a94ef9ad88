package hostedengine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY, a test double's trigger: {@code <state>/simulator/role-failure.json}
 * ({@code {"task": "<role task name>", "message": "<what it says>", "tag": "<role tag, optional>"}})
 * makes the simulator fail at that task with that message. It is read as each tag of a simulated
 * run starts, so one server can fail at different tasks, each time with the real role's own
 * words; it overrides {@code HOSTED_ENGINE_WIZARD_SIMULATOR_FAIL_AT}. No task ({@code {}}) fails nothing. The task must be one the
 * simulator runs for that tag ({@code roles/hosted_engine_simulator/vars/main/tasks.yml}): a name it
 * never runs, or a file it cannot read, fails the tag's first task saying so, rather than letting
 * a test pass for the wrong reason.
 */
final class SimulatedRoleFailure {
    static final String FILE = "simulator/role-failure.json";
    static final String SIMULATOR_TASKS = "roles/hosted_engine_simulator/vars/main/tasks.yml";
    static final String SIMULATOR_RESTORE_TASKS = "roles/hosted_engine_simulator/vars/main/restore.yml";
    private static final Pattern TAG = Pattern.compile("^  ([a-z_]+):\\s*$");
    private static final Pattern TASK = Pattern.compile("^    - (\".*\")\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedRoleFailure() {}

    /** The simulator's variables for {@code tag}: where to fail and what to say; empty when this tag does not fail. */
    static Map<String, Object> varsFor(Path file, Path playbooksDir, String tag) {
        if (file == null || tag == null) return Map.of();
        Map<String, List<String>> tasks = new LinkedHashMap<>(simulatorTasks(playbooksDir.resolve(SIMULATOR_TASKS)));
        // A deployment from a backup runs the restore's tasks inside bootstrap_local_vm (restore.yml).
        List<String> restore = simulatorTasks(playbooksDir.resolve(SIMULATOR_RESTORE_TASKS)).values().stream()
                .flatMap(List::stream).toList();
        if (!restore.isEmpty() && tasks.containsKey("bootstrap_local_vm")) {
            var bootstrap = new ArrayList<>(tasks.get("bootstrap_local_vm"));
            bootstrap.addAll(restore);
            tasks.put("bootstrap_local_vm", bootstrap);
        }
        List<String> ofTag = tasks.getOrDefault(tag, List.of());
        if (ofTag.isEmpty()) return Map.of();
        JsonNode trigger;
        try {
            trigger = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException absent) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            return failFirst(ofTag, file + " cannot be read: " + e.getMessage());
        }
        String task = trigger == null ? "" : trigger.path("task").asText("");
        String forTag = trigger == null ? "" : trigger.path("tag").asText("");
        String message = trigger == null ? "" : trigger.path("message").asText("");
        if (task.isBlank() || (!forTag.isEmpty() && !forTag.equals(tag))) return Map.of();
        if (ofTag.contains(task)) return Map.of("he_simulator_fail_at", task, "he_simulator_fail_msg", message);
        boolean runsElsewhere = forTag.isEmpty() && tasks.values().stream().anyMatch(l -> l.contains(task));
        if (runsElsewhere) return Map.of();
        return failFirst(ofTag, file + " names \"" + task + "\", a task the simulated role does not run"
                + (forTag.isEmpty() ? "" : " in " + forTag));
    }

    private static Map<String, Object> failFirst(List<String> ofTag, String why) {
        return Map.of("he_simulator_fail_at", ofTag.get(0), "he_simulator_fail_msg", why);
    }

    /** The simulator's task names by tag, from the generated vars file (one JSON string a line). */
    static Map<String, List<String>> simulatorTasks(Path tasksFile) {
        var byTag = new LinkedHashMap<String, List<String>>();
        List<String> current = null;
        try {
            for (String line : Files.readAllLines(tasksFile)) {
                Matcher tag = TAG.matcher(line);
                Matcher task = TASK.matcher(line);
                if (tag.matches()) {
                    current = new ArrayList<>();
                    byTag.put(tag.group(1), current);
                } else if (task.matches() && current != null) {
                    current.add(JSON.readValue(task.group(1), String.class));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byTag;
    }
}
