package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What memory holds for a user goes with their last session: the wizard asks for the passwords again. */
class SessionEndHttpTest {
    private static final String SET = "id=\"rootPassword-set\">";
    @TempDir Path state;
    private TestServer server;

    @BeforeEach
    void start() { server = new TestServer(state); }

    @AfterEach
    void stop() { server.close(); }

    private String rootPasswordState() {
        String html = server.get("/wizard/vm").body();
        int at = html.indexOf(SET);
        assertThat(at).as("the VM step shows whether the root password is set").isPositive();
        return html.substring(at + SET.length(), html.indexOf("</div>", at)).strip();
    }

    @Test
    void passwordsTypedIntoTheWizardAreForgottenAtLogoutButTheOtherAnswersStay() {
        server.post("/wizard/vm", TestServer.validVm("Root-pw-typed-1"));
        assertThat(rootPasswordState()).isNotEmpty();

        server.post("/logout", Map.of());
        server.login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
        assertThat(rootPasswordState()).as("asked again").isEmpty();
        assertThat(server.get("/wizard/vm").body()).contains("manager.example.com");
    }

    @Test
    void anIdleSessionThatExpiresTakesThePasswordsWithIt() throws Exception {
        server.post("/wizard/vm", TestServer.validVm("Root-pw-typed-2"));
        server.clock.advance(Duration.ofMinutes(16));
        server.login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD);
        assertThat(rootPasswordState()).isEmpty();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"session-expired\"");
    }
}
