package hostedengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's notification settings through --get-shared-config / --set-shared-config of the double. */
class NotificationsTest {
    @TempDir Path dir;

    @Test
    void defaultsAreReadAsTheGuideShowsThem() {
        var reading = new Notifications(new HostedEngineDouble(dir).healthyTwoHosts().write().tool()).read();
        assertThat(reading.settings()).contains(new NotificationSettings("localhost", "25", "root@localhost", "root@localhost",
                "maintenance|start|stop|migrate|up|down"));
    }

    @Test
    void onlyChangedKeysAreWritten() {
        var d = new HostedEngineDouble(dir).healthyTwoHosts().write();
        var n = new Notifications(d.tool());
        var current = n.read().settings().orElseThrow();
        var wanted = new NotificationSettings("smtp.example.com", "25", "root@localhost", "a@example.com,b@example.com",
                current.stateTransition());
        assertThat(n.write(wanted, current).messageKey()).isEqualTo("notify.result.saved");
        @SuppressWarnings("unchecked")
        var broker = (Map<String, Object>) ((Map<String, Object>) d.read().get("shared_config")).get("broker");
        assertThat(broker).containsOnlyKeys("email.smtp-server", "email.destination-emails");
        assertThat(n.read().settings().orElseThrow()).isEqualTo(wanted);
        assertThat(n.write(wanted, wanted).messageKey()).isEqualTo("notify.result.unchanged");
    }

    @Test
    void notDeployedIsAProblem() {
        var reading = new Notifications(new HostedEngineDouble(dir).set("deployed", false).write().tool()).read();
        assertThat(reading.settings()).isEmpty();
        assertThat(reading.problemKey()).contains("notify.problem.notDeployed");
    }

    @Test
    void stateTransitionsAreNamesSeparatedByBars() {
        assertThat(new NotificationSettings("", "", "", "", "maintenance|start").stateTransitionValid()).isTrue();
        assertThat(new NotificationSettings("", "", "", "", "start; rm -rf /").stateTransitionValid()).isFalse();
        assertThat(new NotificationSettings("", "", "", "", "").stateTransitionValid()).isFalse();
    }
}
