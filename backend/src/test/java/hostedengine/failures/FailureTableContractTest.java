package hostedengine.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.host.RoleDefaultsReader;
import hostedengine.messages.Messages;
import hostedengine.testing.Required;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every {@code fail} task of the installed role has a row in the failure table (or a row that says
 * why it is deliberately unexplained), so a new role version with a new way to fail cannot slip by;
 * and every row speaks English and Japanese. The role's task files are read as YAML by the Python
 * that Ansible itself runs on (PyYAML), which the role's presence implies.
 */
class FailureTableContractTest {
    private final FailureTable table = FailureTable.load();
    private final Messages messages = new Messages();

    /** One fail task of the role: where, its name, and its message with each Jinja expression as "X". */
    record FailTask(String file, String name, String message) {}

    private static final String LIST_FAIL_TASKS = String.join("\n",
            "import json, os, sys, yaml",
            "out = []",
            "def walk(tasks, f):",
            "    for t in tasks or []:",
            "        if not isinstance(t, dict): continue",
            "        for k in ('block', 'rescue', 'always'):",
            "            if k in t: walk(t[k], f)",
            "        for k in ('fail', 'ansible.builtin.fail', 'ansible.legacy.fail'):",
            "            if k in t:",
            "                a = t[k]",
            "                msg = a.get('msg', '') if isinstance(a, dict) else (a or '')",
            "                out.append({'file': f, 'name': t.get('name') or '', 'msg': str(msg)})",
            "root = sys.argv[1]",
            "for d, _, files in os.walk(os.path.join(root, 'tasks')):",
            "    for n in sorted(files):",
            "        if n.endswith(('.yml', '.yaml')):",
            "            p = os.path.join(d, n)",
            "            with open(p) as fh: walk(yaml.safe_load(fh), os.path.relpath(p, root))",
            "print(json.dumps(out))");

    private static List<FailTask> roleFailTasks(Path role) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", LIST_FAIL_TASKS, role.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        var tasks = new ArrayList<FailTask>();
        for (JsonNode t : new ObjectMapper().readTree(out)) {
            String message = t.path("msg").asText().replaceAll("\\{\\{.*?}}", "X");
            tasks.add(new FailTask(t.path("file").asText(), t.path("name").asText(), message));
        }
        return tasks;
    }

    @Test
    void everyFailTaskOfTheInstalledRoleHasARow() throws Exception {
        var role = RoleDefaultsReader.roleDirectory();
        Required.tool(role.isPresent(), "the ovirt.ovirt collection", "ansible");
        List<FailTask> tasks = roleFailTasks(role.get());
        // The role of this writing has 52; far fewer means the files were not read, not that the role changed.
        assertThat(tasks).as("fail tasks found in " + role.get()).hasSizeGreaterThan(40);
        var missing = new ArrayList<FailTask>();
        for (FailTask t : tasks) {
            if (table.match(null, "ovirt.ovirt.hosted_engine_setup : " + t.name(), t.message()).isEmpty()) missing.add(t);
        }
        assertThat(missing).as("fail tasks of the role with no row in " + FailureTable.RESOURCE).isEmpty();
    }

    @Test
    void everyRowSpeaksEnglishAndJapaneseAndEveryUnexplainedRowSaysWhy() {
        var ids = new HashSet<String>();
        assertThat(table.rows()).hasSizeGreaterThan(40);
        for (FailureAdvice row : table.rows()) {
            assertThat(ids.add(row.id())).as("unique id " + row.id()).isTrue();
            if (!row.advised()) {
                assertThat(row.reason()).as(row.id() + ": why no advice").isNotBlank();
            }
            for (Locale locale : Messages.SUPPORTED) {
                assertThat(messages.has(locale, row.causeKey())).as(locale + " " + row.causeKey()).isTrue();
                assertThat(messages.has(locale, row.fixKey())).as(locale + " " + row.fixKey()).isTrue();
                for (String section : row.guide()) {
                    assertThat(messages.has(locale, FailureAdvice.guideKey(section))).as(locale + " guide " + section).isTrue();
                }
            }
            assertThat(messages.text(Locale.JAPANESE, row.causeKey())).as("Japanese, not English: " + row.id())
                    .isNotEqualTo(messages.text(Locale.ENGLISH, row.causeKey()));
        }
    }
}
