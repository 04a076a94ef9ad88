package hostedengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The role the server runs instead of the simulator during the benchmarks
 * ({@code HOSTED_ENGINE_WIZARD_BENCH_ROLE}); rewritten between runs, since Ansible reads it at
 * each start. Prepare VM runs two tags, so the tasks carry those tags.
 */
final class BenchRole {
    static final List<String> PREPARE_VM_TAGS = List.of("initial_clean", "bootstrap_local_vm");
    private final Path dir;

    BenchRole(Path parent) throws IOException {
        this.dir = parent.resolve("wizard_bench");
        Files.createDirectories(dir.resolve("tasks"));
        hold(parent.resolve("never"));
    }

    Path dir() { return dir; }

    /**
     * {@code count} short tasks ({@code debug}), the first half tagged with the first tag and the
     * rest with the second: Prepare VM runs them in two ansible-playbook invocations.
     */
    void tasks(int count) throws IOException {
        var yaml = new StringBuilder("---\n");
        for (int i = 1; i <= count; i++) {
            String tag = i <= (count + 1) / 2 ? PREPARE_VM_TAGS.get(0) : PREPARE_VM_TAGS.get(1);
            yaml.append("- name: Bench task ").append(i).append('\n')
                    .append("  ansible.builtin.debug:\n    msg: \"bench task ").append(i).append("\"\n")
                    .append("  tags: [").append(tag).append("]\n");
        }
        Files.writeString(dir.resolve("tasks/main.yml"), yaml);
    }

    /** Events one tag would write for {@code count} tasks split as {@link #tasks}: playbook, play, 2 per task, stats. */
    static long expectedEvents(int count) {
        return 2L * 3 + 2L * count;
    }

    /** One task in the first tag that waits until {@code stopFile} exists; the bench appends events meanwhile. */
    void hold(Path stopFile) throws IOException {
        Files.writeString(dir.resolve("tasks/main.yml"), "---\n"
                + "- name: Bench hold until " + stopFile.getFileName() + "\n"
                + "  ansible.builtin.wait_for:\n"
                + "    path: " + stopFile + "\n"
                + "    timeout: 1800\n"
                + "  tags: [" + PREPARE_VM_TAGS.get(0) + "]\n");
    }
}
