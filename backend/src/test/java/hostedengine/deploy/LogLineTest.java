package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each event reads as the line {@code hosted-engine --deploy} prints for it. */
class LogLineTest {
    private static final String TASK = "ovirt.ovirt.hosted_engine_setup : Install oVirt Hosted Engine packages";

    @Test
    void playsAndTasksReadAsAnsibleNamesThemUnderOtopisInfoWord() {
        assertThat(line("playbook_start", null, null, false, null, Map.of("playbook", "hosted_engine.yml")))
                .isEqualTo(new LogLine("INFO", "task", "[ INFO  ] PLAYBOOK [hosted_engine.yml] tags: bootstrap_local_vm"));
        assertThat(text("play_start", null, null, false, null, Map.of("play", "all"))).isEqualTo("[ INFO  ] PLAY [all]");
        assertThat(line("task_start", TASK, null, false, null, Map.of()))
                .isEqualTo(new LogLine("INFO", "task", "[ INFO  ] TASK [" + TASK + "]"));
        assertThat(text("task_start", "restart vdsm", null, false, null, Map.of("handler", true)))
                .isEqualTo("[ INFO  ] RUNNING HANDLER [restart vdsm]");
    }

    @Test
    void resultsNameTheHostAsAnsibleDoes() {
        assertThat(line("ok", TASK, "localhost", false, null, Map.of())).isEqualTo(new LogLine("INFO", "ok", "[ INFO  ] ok: [localhost]"));
        assertThat(line("ok", TASK, "host1.example.com", true, null, Map.of()))
                .isEqualTo(new LogLine("INFO", "changed", "[ INFO  ] changed: [host1.example.com]"));
        assertThat(line("skipped", TASK, "localhost", false, null, Map.of()))
                .isEqualTo(new LogLine("INFO", "skipped", "[ INFO  ] skipping: [localhost]"));
        assertThat(text("ok", "ovirt.ovirt.hosted_engine_setup : debug", "localhost", false, "You can now connect to \"x\"", Map.of()))
                .isEqualTo("[ INFO  ] ok: [localhost] => {\"msg\": \"You can now connect to \\\"x\\\"\"}");
        assertThat(text("ok", TASK, "localhost", false, "All items completed", Map.of())).as("a loop's own result after its items")
                .isEqualTo("[ INFO  ] ok: [localhost]");
        assertThat(text("ok", TASK, null, false, null, Map.of())).as("a result without a host ran on the controller")
                .isEqualTo("[ INFO  ] ok: [localhost]");
    }

    @Test
    void theOutputOfADayTwoToolIsPrintedUnderItsResultAndAnyOtherCommandsIsNot() {
        var backup = Map.<String, Object>of("cmd", java.util.List.of("engine-backup", "--mode=backup", "--file=/f"),
                "stdout", "Start of engine-backup with mode 'backup'\nDone.\n");
        assertThat(text("ok", "Run engine-backup in backup mode", "engine.example.com", true, null, backup))
                .isEqualTo("[ INFO  ] changed: [engine.example.com]\nStart of engine-backup with mode 'backup'\nDone.");
        assertThat(text("failed", "Run engine-backup in backup mode", "engine.example.com", true, "non-zero return code",
                Map.of("cmd", java.util.List.of("/usr/bin/engine-backup", "--mode=backup"), "stdout", "Backing up:", "rc", 1)))
                .endsWith("\nBacking up:");
        assertThat(text("ok", TASK, "localhost", true, null, Map.of("cmd", java.util.List.of("vdsm-tool", "configure"), "stdout", "Done")))
                .isEqualTo("[ INFO  ] changed: [localhost]");
        assertThat(text("ok", "Check that engine-backup is installed", "localhost", false, null,
                Map.of("cmd", java.util.List.of("engine-backup", "--help"), "stdout", "Usage: engine-backup")))
                .as("the usage a presence check prints is no news").isEqualTo("[ INFO  ] ok: [localhost]");
    }

    @Test
    void aFailureIsAnErrorWithAnsiblesFatalLineAndTheResult() {
        assertThat(line("failed", TASK, "localhost", false, "No package ovirt-hosted-engine-setup available.", Map.of()))
                .isEqualTo(new LogLine("ERROR", "failed",
                        "[ ERROR ] fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"No package ovirt-hosted-engine-setup available.\"}"));
        assertThat(text("failed", TASK, "localhost", true, "non-zero return code", Map.of("rc", 1, "stderr", "boom", "cmd", "vdsm-tool")))
                .isEqualTo("[ ERROR ] fatal: [localhost]: FAILED! => {\"changed\": true, \"cmd\": \"vdsm-tool\", "
                        + "\"msg\": \"non-zero return code\", \"rc\": 1, \"stderr\": \"boom\"}");
        assertThat(line("failed", TASK, "localhost", false, "not there", Map.of("ignored", true)))
                .isEqualTo(new LogLine("WARNING", "warning",
                        "[WARNING] fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"not there\"} ...ignoring"));
        assertThat(line("unreachable", TASK, "host2", false, "Failed to connect", Map.of()))
                .isEqualTo(new LogLine("ERROR", "failed",
                        "[ ERROR ] fatal: [host2]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect\", \"unreachable\": true}"));
    }

    @Test
    void loopItemsCarryTheirLabel() {
        assertThat(line("item_ok", TASK, "localhost", false, null, Map.of("item", "Force facts gathering")))
                .isEqualTo(new LogLine("INFO", "ok", "[ INFO  ] ok: [localhost] => (item=Force facts gathering)"));
        assertThat(text("item_ok", TASK, "localhost", true, null, Map.of("item", Map.of("name", "eth0"))))
                .isEqualTo("[ INFO  ] changed: [localhost] => (item={\"name\":\"eth0\"})");
        assertThat(text("item_skipped", TASK, "localhost", false, null, Map.of("item", "a")))
                .isEqualTo("[ INFO  ] skipping: [localhost] => (item=a)");
        assertThat(line("item_failed", TASK, "localhost", false, "the item failed", Map.of("item", "b")))
                .isEqualTo(new LogLine("ERROR", "failed",
                        "[ ERROR ] failed: [localhost] (item=b) => {\"changed\": false, \"msg\": \"the item failed\"}"));
    }

    @Test
    void retriesWarningsAndTheRecap() {
        assertThat(line("retry", "ovirt.ovirt.hosted_engine_setup : Wait for the host to be up", "localhost", false, null,
                Map.of("attempt", 3, "retries", 121)))
                .isEqualTo(new LogLine("INFO", "retry",
                        "[ INFO  ] FAILED - RETRYING: [localhost]: ovirt.ovirt.hosted_engine_setup : Wait for the host to be up (118 retries left)."));
        assertThat(line("warning", null, null, false, "no hosts matched", Map.of()))
                .isEqualTo(new LogLine("WARNING", "warning", "[WARNING] no hosts matched"));
        assertThat(line("corrupt", null, null, false, "event 7 is an empty line", Map.of()))
                .isEqualTo(new LogLine("WARNING", "warning", "[WARNING] event 7 is an empty line"));
        assertThat(text("stats", null, null, false, null, Map.of("stats", Map.of("localhost",
                Map.of("ok", 12, "changed", 3, "unreachable", 0, "skipped", 4, "failures", 1)))))
                .isEqualTo("[ INFO  ] PLAY RECAP [localhost] : ok: 12 changed: 3 unreachable: 0 skipped: 4 failed: 1");
    }

    @Test
    void anEngineEventIsTheEnginesSentenceAtItsSeverity() {
        assertThat(line("engine_event", "Wait for the host", "host2", false, "Status of host host2 was set to Up.",
                Map.of("severity", "normal")))
                .isEqualTo(new LogLine("INFO", "engine", "[ INFO  ] Engine: Status of host host2 was set to Up."));
        assertThat(text("engine_event", "Wait for the host", "host2", false, "Host host2 installation failed.",
                Map.of("severity", "error"))).isEqualTo("[ ERROR ] Engine: Host host2 installation failed.");
        assertThat(text("engine_event", null, "host2", false, "Slow", Map.of("severity", "WARNING")))
                .isEqualTo("[WARNING] Engine: Slow");
    }

    private static String text(String type, String task, String host, boolean changed, String message, Map<String, Object> data) {
        return line(type, task, host, changed, message, data).text();
    }

    private static LogLine line(String type, String task, String host, boolean changed, String message, Map<String, Object> data) {
        var all = new HashMap<String, Object>(data);
        all.put("event", type);
        return LogLine.of(new RunEvent(1, "bootstrap_local_vm", type, "2026-01-01T00:00:00Z", task, host, changed, message, all));
    }
}
