package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.deploy.RunInfo;
import hostedengine.deploy.RunStatus;
import hostedengine.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every route that starts a run, over HTTP, with shell-looking values in the variables it writes:
 * refused at the field with its message, and no vars file ever holds the value. Values planted
 * on another step than the one a phase needs, and in imported answer files (JSON and the
 * {@code hosted-engine --deploy} format), are judged the same way. One simulated Prepare VM is
 * shared by the tests that need Finish to be possible.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunGateHttpTest {
    private static final String ROOT = "Root-Gate-2c81";
    private static final String ADMIN = "Admin-Gate-77d0";
    private static final Pattern FIELD_ERROR = Pattern.compile("id=\"([A-Za-z]+)-error\">([^<]+)</div>");

    @TempDir static Path tmp;
    TestServer prepared;
    Path preparedState;

    /**
     * A server whose Prepare VM has succeeded, so Finish is refused only by the gate. Its Storage
     * step held a refused value when Prepare VM started (Prepare VM does not need that step).
     */
    @BeforeAll
    void prepareVmOnce() throws Exception {
        preparedState = Files.createDirectories(tmp.resolve("prepared"));
        prepared = new TestServer(preparedState);
        fillValid(prepared);
        prepared.post("/wizard/storage", with(TestServer.validNfs(), "storageDomainName", "hosted$(touch /tmp/gate)"));
        var r = prepared.post("/wizard/prepare/run", Map.of());
        String id = r.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
        Await.until("run " + id + " ends", () -> prepared.runs.get(id).map(i -> i.status().isFinal()).orElse(false), Duration.ofMinutes(3));
        assertThat(prepared.runs.get(id).map(RunInfo::status)).contains(RunStatus.SUCCESSFUL);
    }

    @AfterAll
    void stop() { prepared.close(); }

    /** VM and Engine fields the role pastes into root shell commands, each with a shell-looking value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "engineVmFqdn|manager.example.com;touch /tmp/gate", "hostFqdn|host1.example.com$(touch /tmp/gate)",
            "bridgeInterface|eth0;touch /tmp/gate", "bridgeName|ovirt`touch /tmp/gate`",
            "macAddress|00:16:3e:12:34:56;touch /tmp/gate", "vcpus|4;touch /tmp/gate",
            "memorySizeMb|16384;touch /tmp/gate", "applianceOva|/var/tmp/appliance.ova;touch /tmp/gate"})
    void prepareVmRefusesAShellLookingValueAtItsFieldAndWritesNoVarsFile(String field, String value, @TempDir Path state) {
        try (var server = new TestServer(state)) {
            fillValid(server);
            server.post("/wizard/vm", with(TestServer.validVm(ROOT), field, value));

            var r = server.post("/wizard/prepare/run", Map.of());

            assertThat(r.headers().firstValue("Location")).contains("/wizard/vm");
            assertThat(fieldErrors(server.get("/wizard/vm").body())).containsKey(field);
            assertThat(varsFilesHolding(state, "touch /tmp/gate")).isEmpty();
            assertThat(server.runs.list()).isEmpty();
        }
    }

    @Test
    void aStorageValuePlantedBeforePrepareVmNeverReachesItsVarsFile() {
        assertThat(varsFilesHolding(preparedState, "\"he_fqdn\"")).isNotEmpty();
        assertThat(varsFilesHolding(preparedState, "touch /tmp/gate")).isEmpty();
        assertThat(varsFilesHolding(preparedState, "he_storage_domain_name")).isEmpty();
    }

    @Test
    void finishRefusesAValuePlantedOnEveryStepAfterASuccessfulPrepareVm() {
        for (var planted : List.of(
                Map.entry("/wizard/vm", with(TestServer.validVm(ROOT), "engineVmFqdn", "manager.example.com|touch /tmp/gate")),
                Map.entry("/wizard/engine", with(TestServer.validEngine(ADMIN), "smtpPort", "25;touch /tmp/gate")),
                Map.entry("/wizard/storage", with(TestServer.validNfs(), "storageDomainName", "x;touch /tmp/gate")))) {
            fillValid(prepared);
            prepared.post(planted.getKey(), planted.getValue());
            int runsBefore = prepared.runs.list().size();

            var r = prepared.post("/wizard/finish/run", Map.of());

            assertThat(r.headers().firstValue("Location")).as(planted.getKey()).contains(planted.getKey());
            assertThat(prepared.runs.list()).hasSize(runsBefore);
            assertThat(varsFilesHolding(preparedState, "touch /tmp/gate")).isEmpty();
        }
        fillValid(prepared);
    }

    @Test
    void retryOfAPhaseJudgesTheAnswersAsTheyAreNow() {
        String prepareRun = prepared.runs.list().stream().filter(i -> i.status() == RunStatus.SUCCESSFUL)
                .findFirst().orElseThrow().id();
        prepared.post("/wizard/vm", with(TestServer.validVm(ROOT), "bridgeName", "ovirt$(touch /tmp/gate)"));
        int runsBefore = prepared.runs.list().size();

        var r = prepared.post("/runs/" + prepareRun + "/retry", Map.of());

        assertThat(r.headers().firstValue("Location")).contains("/wizard/vm");
        assertThat(prepared.runs.list()).hasSize(runsBefore);
        assertThat(varsFilesHolding(preparedState, "touch /tmp/gate")).isEmpty();
        fillValid(prepared);
    }

    @Test
    void discoveryRefusesAPlantedVmValueAndAHostilePortalBeforeAnyRun(@TempDir Path state) {
        try (var server = new TestServer(state)) {
            fillValid(server);
            server.post("/wizard/vm", with(TestServer.validVm(ROOT), "hostFqdn", "host1.example.com;touch /tmp/gate"));

            server.post("/wizard/storage/iscsi/discover", Map.of("storageType", "iscsi",
                    "iscsiPortalAddress", "192.0.2.10", "iscsiPortalPort", "3260", "diskSizeGb", "61"));

            assertThat(server.get("/api/wizard/storage/discovery").body()).contains("\"failed\"");
            assertThat(server.get("/wizard/storage").body()).contains("A VM step answer does not pass its rules now");

            fillValid(server);
            server.post("/wizard/storage/iscsi/discover", Map.of("storageType", "iscsi",
                    "iscsiPortalAddress", "192.0.2.10;touch /tmp/gate", "iscsiPortalPort", "3260", "diskSizeGb", "61"));
            server.post("/wizard/storage/fc/discover", Map.of("storageType", "fc", "diskSizeGb", "61"));
            assertThat(varsFilesHolding(state, "touch /tmp/gate")).isEmpty();
        }
    }

    @Test
    void anImportedJsonFileHasEachRefusedValueListedAndNoneReachesARun(@TempDir Path state) {
        try (var server = new TestServer(state)) {
            fillValid(server);
            String json = "{\"he_fqdn\": \"manager.example.com;touch /tmp/gate\", \"he_vcpus\": \"4$(touch /tmp/gate)\","
                    + " \"he_mgmt_network\": \"ovirtmgmt\", \"he_smtp_port\": 70000}";

            server.upload("/wizard/import", "answers.json", json.getBytes(StandardCharsets.UTF_8));

            String page = server.get("/wizard/vm").body();
            assertThat(page).contains("id=\"import-result\"").contains("he_fqdn (Engine VM FQDN)")
                    .contains("he_vcpus").contains("he_smtp_port").doesNotContain("value=\"manager.example.com;touch");
            server.post("/wizard/prepare/run", Map.of());
            assertThat(varsFilesHolding(state, "touch /tmp/gate")).isEmpty();
            assertThat(server.runs.list()).isEmpty();
        }
    }

    @Test
    void anImportedOtopiAnswerFileIsJudgedTheSameWay(@TempDir Path state) {
        try (var server = new TestServer(state)) {
            fillValid(server);
            String conf = "[environment:default]\nOVEHOSTED_NETWORK/fqdn=str:manager.example.com`touch /tmp/gate`\n"
                    + "OVEHOSTED_NETWORK/bridgeName=str:ovirt;touch /tmp/gate\n";

            server.upload("/wizard/import", "answers.conf", conf.getBytes(StandardCharsets.UTF_8));

            String page = server.get("/wizard/vm").body();
            assertThat(page).contains("id=\"import-result\"").contains("he_fqdn").contains("he_mgmt_network")
                    .doesNotContain("touch /tmp/gate");
            server.post("/wizard/prepare/run", Map.of());
            assertThat(varsFilesHolding(state, "touch /tmp/gate")).isEmpty();
        }
    }

    @Test
    void anExportNeverCarriesAValueThatFailsItsRule(@TempDir Path state) {
        try (var server = new TestServer(state)) {
            fillValid(server);
            server.post("/wizard/vm", with(TestServer.validVm(ROOT), "macAddress", "00:16:3e:12:34:56;touch /tmp/gate"));

            String exported = server.get("/wizard/answers.json").body();

            assertThat(exported).contains("\"he_fqdn\"").doesNotContain("he_vm_mac_addr").doesNotContain("touch /tmp/gate");
        }
    }

    private static void fillValid(TestServer server) {
        server.post("/wizard/vm", TestServer.validVm(ROOT));
        server.post("/wizard/engine", TestServer.validEngine(ADMIN));
        server.post("/wizard/storage", TestServer.validNfs());
    }

    private static Map<String, String> with(Map<String, String> form, String field, String value) {
        var copy = new HashMap<>(form);
        copy.put(field, value);
        return copy;
    }

    /** Field id → the message shown at it. */
    private static Map<String, String> fieldErrors(String html) {
        var errors = new HashMap<String, String>();
        Matcher m = FIELD_ERROR.matcher(html);
        while (m.find()) if (!m.group(2).isBlank()) errors.put(m.group(1), m.group(2));
        return errors;
    }

    private static List<Path> varsFilesHolding(Path state, String text) {
        Path runs = state.resolve("runs");
        if (!Files.isDirectory(runs)) return List.of();
        try (Stream<Path> files = Files.walk(runs)) {
            return files.filter(p -> p.getFileName().toString().equals("vars.json")).filter(p -> {
                try {
                    return Files.readString(p).contains(text);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
