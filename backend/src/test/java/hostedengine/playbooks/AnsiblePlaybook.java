package hostedengine.playbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test support: runs the real {@code ansible-playbook} on this machine against the project's
 * playbooks/ and parses its {@code ansible.posix.jsonl} output into events.
 */
final class AnsiblePlaybook {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The repository's playbooks/ directory (found from the working directory upwards). */
    static final Path PLAYBOOKS = findPlaybooks();
    /** The nmcli test double, for the real role's get_network_interfaces. */
    static final Path DOUBLES = PLAYBOOKS.getParent().resolve("backend/src/test/resources/doubles");

    private AnsiblePlaybook() {}

    /** What one ansible-playbook run gave: exit code, stdout, stderr. */
    record Result(int rc, String stdout, String stderr) {
        /** stdout parsed as JSON lines (ANSIBLE_STDOUT_CALLBACK=ansible.posix.jsonl). */
        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.startsWith("{")) continue;
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
            return out;
        }

        /** Task names of the task start events, without the "role : " prefix. */
        List<String> startedTasks() {
            return events().stream().filter(e -> e.path("_event").asText().equals("v2_playbook_on_task_start"))
                    .map(e -> bareName(e.path("task").path("name").asText())).toList();
        }

        /** The host result of the last event of the given kind for a task of that bare name. */
        Optional<JsonNode> result(String event, String taskName) {
            JsonNode found = null;
            for (JsonNode e : events()) {
                if (e.path("_event").asText().equals(event)
                        && bareName(e.path("task").path("name").asText()).equals(taskName)) {
                    found = e.path("hosts").path("localhost");
                }
            }
            return Optional.ofNullable(found);
        }

        @Override public String toString() {
            return "rc=" + rc + "\nstderr:\n" + tail(stderr) + "\nstdout:\n" + tail(stdout);
        }

        private static String tail(String s) {
            return s.length() > 4000 ? "…" + s.substring(s.length() - 4000) : s;
        }
    }

    /** "ovirt.ovirt.hosted_engine_setup : Force facts gathering" → "Force facts gathering". */
    static String bareName(String name) {
        int i = name.indexOf(" : ");
        return i >= 0 && !name.substring(0, i).contains(" ") ? name.substring(i + 3) : name;
    }

    /** Runs ansible-playbook with these arguments (from playbooks/) and extra environment. */
    static Result run(List<String> args, Map<String, String> env, long timeoutSeconds) {
        return start(args, env).await(timeoutSeconds);
    }

    /** An ansible-playbook started in the background (for runs that wait, as at the role's pauses). */
    record Running(List<String> cmd, Process process, Path out, Path err) {
        /** Waits for the end and reads what the run wrote; its files are removed. */
        Result await(long timeoutSeconds) {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("ansible-playbook timed out after " + timeoutSeconds + " s: " + cmd);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                try {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Starts ansible-playbook with these arguments (from playbooks/) and extra environment. */
    static Running start(List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ansible-playbook");
        cmd.addAll(args);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("ansible-out", ".txt");
            err = Files.createTempFile("ansible-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(PLAYBOOKS.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PYTHONUNBUFFERED", "1");
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().put("ANSIBLE_ROLES_PATH", PLAYBOOKS.resolve("roles").toString());
            pb.environment().putAll(env);
            return new Running(List.copyOf(cmd), pb.start(), out, err);
        } catch (IOException e) {
            for (Path f : new Path[] {out, err}) {
                if (f != null) f.toFile().delete();
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The real role's task names for a tag, as --list-tasks shows them through list_tasks.yml. */
    static List<String> listRealTasks(String tag) {
        Result r = run(List.of("-i", "localhost,", "list_tasks.yml", "--list-tasks", "--tags", tag,
                "--skip-tags", "always"), Map.of(), 120);
        if (r.rc() != 0) throw new AssertionError("listing " + tag + " failed: " + r);
        List<String> names = new ArrayList<>();
        boolean tasks = false;
        for (String line : r.stdout().split("\n")) {
            if (line.strip().equals("tasks:")) { tasks = true; continue; }
            int t = line.indexOf("\tTAGS: [");
            if (tasks && t > 0) names.add(bareName(line.substring(0, t).strip()));
        }
        return names;
    }

    /** Writes a JSON extra-vars file, mode 0600. */
    static Path writeVars(Path dir, String name, Object vars) {
        try {
            Path f = dir.resolve(name);
            Files.writeString(f, JSON.writeValueAsString(vars));
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findPlaybooks() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("playbooks/hosted_engine.yml"))) return d.resolve("playbooks");
        }
        throw new IllegalStateException("playbooks/hosted_engine.yml not found above " + Path.of("").toAbsolutePath());
    }
}
