package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed run's page explains the failure (hostedengine.failures) above the role's own message,
 * in the user's language, or says it has no explanation; on ended runs left on disk, so no
 * Ansible runs here (the browser's FailuresExplainedTest goes through the simulator).
 */
class FailureExplanationHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path state;
    private TestServer server;

    @AfterEach
    void stop() { if (server != null) server.close(); }

    @Test
    void aFailedPrepareVmExplainsTheHostNotUpAboveTheRolesMessageInEnglishAndJapanese() throws IOException {
        server = new TestServer(state);
        RunInfo failed = failedPrepareVm("20250601-090000-prepare-vm-0badd0",
                "ovirt.ovirt.hosted_engine_setup : Notify the user about a failure",
                "Host is not up, please check logs, perhaps also on the engine machine");

        String page = server.get("/runs/" + failed.id()).body();
        assertThat(page).contains("data-failure=\"hostNotUp\"").contains("never became Up")
                .contains("/var/log/ovirt-engine/host-deploy/").contains("3.1 Troubleshooting the Manager Virtual Machine")
                .contains("Host is not up, please check logs").contains("id=\"retry-run\"");
        assertThat(page.indexOf("id=\"failure-cause\"")).as("the explanation comes before the role's message")
                .isPositive().isLessThan(page.indexOf("id=\"failure-message\""));
        assertThat(server.get("/runs/" + failed.id() + "?lang=ja").body())
                .contains("ホストが Up になりませんでした").contains("3.1. Manager 用仮想マシンのトラブルシューティング");
    }

    @Test
    void aFailureNoRowExplainsSaysSoAndKeepsTheRawMessage() throws IOException {
        server = new TestServer(state);
        RunInfo failed = failedPrepareVm("20250601-090000-prepare-vm-0dd0dd",
                "ovirt.ovirt.hosted_engine_setup : Stop libvirt service", "Simulated failure at Stop libvirt service");

        String page = server.get("/runs/" + failed.id()).body();
        assertThat(page).contains("data-failure=\"none\"").contains("There is no explanation for this failure yet")
                .contains("3.1 Troubleshooting the Manager Virtual Machine").contains("Simulated failure at Stop libvirt service")
                .doesNotContain("id=\"failure-cause\"").contains("id=\"retry-run\"");
    }

    @Test
    void theRolesRescueSummaryIsExplainedByTheTaskThatFailedBeforeIt() throws IOException {
        server = new TestServer(state);
        String notify = "ovirt.ovirt.hosted_engine_setup : Notify the user about a failure";
        String summary = "The system may not be provisioned according to the playbook results: please check the logs for the issue,"
                + " fix accordingly or re-deploy from scratch.";
        RunInfo failed = failedPrepareVm("20250601-090000-prepare-vm-0cafe0", notify, summary,
                failedEvent("ovirt.ovirt.hosted_engine_setup : Ensure we have enough space to extract the appliance",
                        "/var/tmp doesn't provide enough free space to extract the engine appliance"),
                failedEvent(notify, summary));

        String page = server.get("/runs/" + failed.id() + "?lang=en").body();
        assertThat(page).contains("data-failure=\"applianceSpace\"").contains("at least 5 GB").contains(summary);
    }

    /** A failed Prepare VM as the server leaves it on disk: run.json and its first tag's events. */
    private RunInfo failedPrepareVm(String id, String task, String message) throws IOException {
        return failedPrepareVm(id, task, message, failedEvent(task, message));
    }

    private RunInfo failedPrepareVm(String id, String task, String message, String... failedEvents) throws IOException {
        RunInfo info = new RunInfo(id, Phase.PREPARE_VM, "user:admin", "2025-06-01T09:00:00Z", "2025-06-01T09:01:00Z",
                RunStatus.FAILED, Phase.PREPARE_VM.tags(), 1, false, task, "run.taskFailed", message, Map.of(),
                failedEvents.length * 2L);
        Path tag = Files.createDirectories(state.resolve("runs").resolve(id).resolve("2-" + info.tags().get(1)));
        JSON.writeValue(tag.getParent().resolve("run.json").toFile(), info);
        Files.writeString(tag.resolve("events.jsonl"), String.join("", failedEvents));
        Files.writeString(tag.resolve("rc"), "2\n");
        return info;
    }

    /** A task's start and its failure, as the callback writes them. */
    private static String failedEvent(String task, String message) throws IOException {
        return JSON.writeValueAsString(Map.of("event", "task_start", "task", task)) + "\n"
                + JSON.writeValueAsString(Map.of("event", "failed", "task", task, "msg", message)) + "\n";
    }
}
