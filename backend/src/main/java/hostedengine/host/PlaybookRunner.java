package hostedengine.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.PlaybookCommand;
import hostedengine.ansible.VarsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a short playbook and waits for it: the host facts playbook, or one read-only tag of the
 * role ({@code get_network_interfaces}, {@code validate_hostnames}). Unlike a deployment these
 * take seconds and change nothing, so they run attached, in a temporary directory removed at the
 * end, with the same callback ({@code wizard_events}) and the same unsafe-marked vars file.
 */
public final class PlaybookRunner {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path ansiblePlaybook;
    private final Path playbooksDir;
    private final Map<String, String> extraEnv;
    private final Duration timeout;

    /**
     * @param extraEnv added to Ansible's environment (tests put the {@code nmcli} double on PATH)
     */
    public PlaybookRunner(Path ansiblePlaybook, Path playbooksDir, Map<String, String> extraEnv, Duration timeout) {
        this.ansiblePlaybook = ansiblePlaybook;
        this.playbooksDir = playbooksDir;
        this.extraEnv = Map.copyOf(extraEnv);
        this.timeout = timeout;
    }

    /** What one run gave: the exit code (-1: could not start or timed out) and its events. */
    public record Outcome(int rc, List<JsonNode> events, String problem) {
        public boolean succeeded() { return rc == 0; }

        /** The stdout of the last "ok" event of a task of that name (role prefix ignored). */
        public Optional<String> stdout(String task) {
            return last("ok", task).map(e -> e.path("stdout").asText(""))
                    .filter(s -> last("ok", task).map(e -> e.path("rc").asInt(0) == 0).orElse(false));
        }

        /** The last event of that kind for a task of that name. */
        public Optional<JsonNode> last(String event, String task) {
            JsonNode found = null;
            for (JsonNode e : events) {
                if (event.equals(e.path("event").asText()) && task.equals(bareName(e.path("task").asText()))) found = e;
            }
            return Optional.ofNullable(found);
        }

        /** The first failure that stopped the play (ignored failures do not count). */
        public Optional<JsonNode> firstFailure() {
            return events.stream().filter(e -> "failed".equals(e.path("event").asText()))
                    .filter(e -> !e.path("ignored").asBoolean(false)).findFirst();
        }
    }

    /** "ovirt.ovirt.hosted_engine_setup : Check address resolution" → "Check address resolution". */
    public static String bareName(String name) {
        int i = name.indexOf(" : ");
        return i >= 0 && !name.substring(0, i).contains(" ") ? name.substring(i + 3) : name;
    }

    /** Runs {@code playbook} (a file of the playbooks directory) on the target, with these variables and tags. */
    public Outcome run(String playbook, AnsibleTarget target, Map<String, ?> vars, List<String> tags) {
        if (!Files.isExecutable(ansiblePlaybook)) {
            return new Outcome(-1, List.of(), ansiblePlaybook + " is missing; install the ansible package");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("he-wizard-check");
            Path varsFile = dir.resolve("vars.json");
            VarsFile.write(varsFile, vars);
            PlaybookCommand command = new PlaybookCommand(ansiblePlaybook, playbooksDir.resolve(playbook))
                    .appendTarget(target).appendVarsFile(varsFile).appendShellExecutable("/bin/bash");
            for (String tag : tags) command.appendTag(tag);
            if (!tags.isEmpty()) command.appendSkipTag("always");
            Path events = dir.resolve("events.jsonl");
            ProcessBuilder pb = new ProcessBuilder(command.build()).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(dir.resolve("ansible.log").toFile())
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.putAll(target.environment());
            env.putAll(extraEnv);
            env.put("PYTHONUNBUFFERED", "1");
            env.put("ANSIBLE_STDOUT_CALLBACK", "wizard_events");
            env.put("ANSIBLE_CALLBACKS_ENABLED", "wizard_events");
            env.put("ANSIBLE_CALLBACK_PLUGINS", playbooksDir.resolve("callback_plugins").toString());
            env.put("ANSIBLE_ROLES_PATH", playbooksDir.resolve("roles").toString());
            env.put("ANSIBLE_NOCOLOR", "1");
            env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
            env.put("WIZARD_EVENTS_FILE", events.toString());
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Outcome(-1, readEvents(events), "ansible-playbook did not finish within "
                        + timeout.toSeconds() + " s");
            }
            int rc = process.exitValue();
            List<JsonNode> read = readEvents(events);
            String problem = rc == 0 ? null : lastLines(dir.resolve("ansible.log"));
            return new Outcome(rc, read, problem);
        } catch (IOException e) {
            return new Outcome(-1, List.of(), "could not run ansible-playbook: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, List.of(), "interrupted");
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    private static List<JsonNode> readEvents(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                out.add(JSON.readTree(line));
            } catch (IOException torn) {
                // a line cut by a kill: skip it
            }
        }
        return out;
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
