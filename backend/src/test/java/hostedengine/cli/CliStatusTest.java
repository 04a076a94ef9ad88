package hostedengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.engine.HostedEngineDouble;
import hostedengine.messages.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hosted-engine-wizard status against the hosted-engine test double. */
class CliStatusTest {
    @TempDir Path tmp;
    private final Messages messages = new Messages();

    private CliUnderTest cli(HostedEngineDouble tool) {
        return new CliUnderTest(tmp.resolve("state")).withTool(tool.write().tool());
    }

    @Test
    void aHealthyEngineIsATableOfHostsWithWhatItMeansAndExitsZero() {
        var cli = cli(new HostedEngineDouble(tmp).healthyTwoHosts());

        int code = cli.run("status");

        assertThat(code).isZero();
        List<String> lines = cli.printed().lines().toList();
        assertThat(lines.get(0)).contains("Host", "Score", "Health", "Local maintenance");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("host1.example.com", "3400", "up", "good", "EngineUp"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("host2.example.com", "down", "bad", "EngineDown"));
        assertThat(cli.printed()).contains("The engine VM runs on: host1.example.com",
                messages.text(Locale.ENGLISH, "status.diagnosis.engineUp.explanation"));
    }

    @Test
    void globalMaintenanceAndAFailedLivelinessCheckExitOneWithTheGuidesAdvice() {
        var cli = cli(new HostedEngineDouble(tmp).host(1, "host1.example.com", HostedEngineDouble.LIVELINESS)
                .set("vm_host_id", 1).set("global_maintenance", true));

        int code = cli.run("status");

        assertThat(code).isEqualTo(Cli.FAILED);
        assertThat(cli.printed()).contains(messages.text(Locale.ENGLISH, "status.globalMaintenanceBanner"),
                messages.text(Locale.ENGLISH, "status.diagnosis.livelinessFailed.steps"));
    }

    @Test
    void notDeployedExitsTwoAndSaysSo() {
        var cli = cli(new HostedEngineDouble(tmp).set("deployed", false));

        int code = cli.run(Map.of("LANG", "ja_JP.UTF-8"), "status");

        assertThat(code).isEqualTo(Cli.REFUSED);
        assertThat(cli.printed()).contains(messages.text(Locale.JAPANESE, "status.problem.notDeployed"));
    }

    @Test
    void jsonIsForScriptsWithTheSameFactsAndExitCode() throws Exception {
        var cli = cli(new HostedEngineDouble(tmp).healthyTwoHosts());

        int code = cli.run("status", "--json");

        assertThat(code).isZero();
        Map<?, ?> json = new ObjectMapper().readValue(cli.printed(), Map.class);
        assertThat(json.get("exitCode")).isEqualTo(0);
        assertThat(json.get("engineHost")).isEqualTo("host1.example.com");
        assertThat(json.get("diagnosis")).isEqualTo("engineUp");
        assertThat((List<?>) json.get("hosts")).hasSize(2);
    }
}
