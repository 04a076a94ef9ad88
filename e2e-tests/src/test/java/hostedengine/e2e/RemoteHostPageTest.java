package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import hostedengine.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An administrator chooses a remote host over SSH, against a real sshd on 127.0.0.1. */
class RemoteHostPageTest {
    @RegisterExtension
    static final WizardUnderTest wizard = WizardUnderTest.inEnglish();

    static Sshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        Sshd.assumeAvailable();
        sshd = Sshd.start(Files.createTempDirectory("e2e-sshd-"));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    /** Each test starts with no host key confirmed (the pins live in the server's state directory). */
    @org.junit.jupiter.api.BeforeEach
    void noKeyConfirmedYet() throws Exception {
        Files.deleteIfExists(wizard.server().stateDir().resolve("known_hosts"));
    }

    private HostPage remoteHostPage() {
        wizard.start();
        HostPage page = HostPage.openFromHeader(wizard);
        return page.chooseRemote();
    }

    @Test
    void theFingerprintIsShownOnFirstContactAndTrustingItDeploysThere() throws Exception {
        HostPage page = remoteHostPage().fill("127.0.0.1", sshd.port(), "root").withKeyFile(sshd.userKey().toString()).connect();

        assertThat(page.state()).isEqualTo("confirm");
        assertThat(page.offeredFingerprint()).isEqualTo(sshd.sshKeygenFingerprint());
        assertNoSeriousViolation("host page, fingerprint to confirm");

        HostPage ready = page.trustOfferedKey();
        assertThat(ready.state()).isEqualTo("ready");
        assertThat(ready.deployingTo()).isEqualTo("Deploying to root@127.0.0.1:" + sshd.port() + " (" + sshd.sshKeygenFingerprint() + ")");
        assertThat(ready.remoteFacts()).startsWith("Connected: ").contains("virtual CPUs");
        assertThat(ready.backToWizard().value("engineVmFqdn")).isNotNull();
    }

    @Test
    void aChangedHostKeyBlocksWithBothFingerprintsUntilTheOldOneIsForgotten() throws Exception {
        HostPage page = remoteHostPage().fill("127.0.0.1", sshd.port(), "root").withKeyFile(sshd.userKey().toString()).connect();
        String before = page.offeredFingerprint();
        page.trustOfferedKey();
        sshd.restartWithNewHostKey();

        HostPage changed = remoteHostPage().fill("127.0.0.1", sshd.port(), "root").withKeyFile(sshd.userKey().toString()).connect();
        assertThat(changed.state()).isEqualTo("changed");
        assertThat(changed.pinnedFingerprint()).isEqualTo(before);
        assertThat(changed.changedFingerprint()).isEqualTo(sshd.sshKeygenFingerprint());
        assertThat(changed.offersConfirmation()).isFalse();
        assertThat(changed.deployingTo()).contains("not connected");
        assertNoSeriousViolation("host page, changed key");

        HostPage forgotten = changed.forgetPinnedKey();
        HostPage again = forgotten.chooseRemote().connect();
        assertThat(again.state()).isEqualTo("confirm");
        assertThat(again.offeredFingerprint()).isEqualTo(sshd.sshKeygenFingerprint());
    }

    @Test
    void aClosedPortAndALooseKeyFileAreToldAtTheirFieldsAndNothingTypedIsLost() throws Exception {
        int closed = Sshd.freePort();
        HostPage page = remoteHostPage().fill("127.0.0.1", closed, "root").withKeyFile(sshd.userKey().toString()).connect();
        assertThat(page.fieldError("sshPort")).contains("connection was refused");
        assertThat(page.value("sshPort")).isEqualTo(String.valueOf(closed));
        assertThat(page.value("sshKeyFile")).isEqualTo(sshd.userKey().toString());

        Path loose = sshd.dir().resolve("loose_key");
        Files.copy(sshd.userKey(), loose, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        HostPage refused = page.fill("127.0.0.1", sshd.port(), "root").withKeyFile(loose.toString()).connect();
        assertThat(refused.fieldError("sshKeyFile")).contains("chmod 600");
        assertNoSeriousViolation("host page, key file refused");

        HostPage badInput = refused.fill("-oProxyCommand=id", 70000, "root").connect();
        assertThat(badInput.fieldError("sshAddress")).contains("host name");
        assertThat(badInput.fieldError("sshPort")).contains("1 to 65535");
        assertThat(badInput.value("sshAddress")).isEqualTo("-oProxyCommand=id");
        assertThat(badInput.backToWizard().value("engineVmFqdn")).as("the wizard stays usable").isNotNull();
    }

    private static void assertNoSeriousViolation(String where) {
        var results = new AxeBuilder().analyze(wizard.driver());
        assertThat(results.getViolations().stream().filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + ": " + r.getNodes().stream().map(n -> n.getHtml()).toList()).toList())
                .as(where).isEmpty();
    }
}
