package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.host.LocalHostFacts;
import hostedengine.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real OpenSSH server on 127.0.0.1: first contact, pinning, facts, changed keys, refusals. */
class RemoteHostSshIntegrationTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static Sshd sshd;

    @TempDir Path state;

    @BeforeAll
    static void startSshd(@TempDir Path dir) throws Exception {
        Sshd.assumeAvailable();
        sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    static RemoteHost rootByKey(Path key, int port) {
        var form = new LinkedHashMap<String, String>(Map.of(RemoteHost.ADDRESS, "127.0.0.1",
                RemoteHost.PORT, String.valueOf(port), RemoteHost.USER, "root", RemoteHost.AUTH, "key",
                RemoteHost.KEY_FILE, key.toString()));
        return RemoteHost.parse(form, null).host();
    }

    static RemoteHost byPassword(String user, String password, int port) {
        return RemoteHost.parse(Map.of(RemoteHost.ADDRESS, "127.0.0.1", RemoteHost.PORT, String.valueOf(port),
                RemoteHost.USER, user, RemoteHost.AUTH, "password", RemoteHost.PASSWORD, password), null).host();
    }

    @Test
    void firstContactShowsTheFingerprintSshKeygenPrintsAndPinsOnlyOnceConfirmed() throws Exception {
        var target = new DeploymentTarget(state, TIMEOUT);
        var view = target.connect(rootByKey(sshd.userKey(), sshd.port()));

        assertThat(view.awaiting()).isPresent();
        assertThat(view.awaiting().get().type()).isEqualTo("ssh-ed25519");
        assertThat(view.awaiting().get().fingerprint()).isEqualTo(sshd.sshKeygenFingerprint());
        assertThat(view.ready()).isFalse();
        assertThat(view.pinned()).isEmpty();
        assertThat(Files.exists(state.resolve("known_hosts"))).isFalse();

        assertThat(target.confirm("SHA256:" + "A".repeat(43))).as("another fingerprint pins nothing").isFalse();
        assertThat(target.confirm(view.awaiting().get().fingerprint())).isTrue();

        var connected = target.view();
        assertThat(connected.ready()).isTrue();
        assertThat(connected.pinned().map(HostKey::fingerprint)).contains(sshd.sshKeygenFingerprint());
        // OpenSSH itself finds the pin in our file: Ansible's ssh will trust exactly this key.
        String found = Sshd.run("ssh-keygen", "-F", "[127.0.0.1]:" + sshd.port(), "-f", state.resolve("known_hosts").toString());
        assertThat(found).contains("ssh-ed25519");
        assertThat(Files.getPosixFilePermissions(state.resolve("known_hosts")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void factsReadOverSshAreThisMachinesFacts() throws Exception {
        var target = confirmedTarget();
        RemoteFacts facts = target.view().facts().orElseThrow();

        int localCpus = LocalHostFacts.countProcessors(Files.readString(Path.of("/proc/cpuinfo")));
        long localMemMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElseThrow();
        String localFqdn = Sshd.run("hostname", "--fqdn").strip();

        assertThat(facts.vcpus()).isEqualTo(localCpus).isPositive();
        assertThat(facts.memTotalMb()).isEqualTo(localMemMb);
        assertThat(facts.hostFqdn()).isEqualTo(localFqdn);
        assertThat(sshd.log()).contains("Accepted publickey for root");
    }

    @Test
    void aChangedHostKeyStopsTheConnectionAndNamesBothFingerprints() throws Exception {
        var target = confirmedTarget();
        String before = sshd.sshKeygenFingerprint();
        String pinnedFile = Files.readString(state.resolve("known_hosts"));

        sshd.restartWithNewHostKey();
        String after = sshd.sshKeygenFingerprint();
        var view = target.connect(rootByKey(sshd.userKey(), sshd.port()));

        assertThat(view.ready()).isFalse();
        assertThat(view.awaiting()).as("a changed key is never offered for confirmation").isEmpty();
        SshProblem problem = view.problem().orElseThrow();
        assertThat(problem.kind()).isEqualTo(SshProblem.Kind.HOST_KEY_CHANGED);
        assertThat(problem.pinned().map(HostKey::fingerprint)).contains(before);
        assertThat(problem.offered().map(HostKey::fingerprint)).contains(after);
        assertThat(Files.readString(state.resolve("known_hosts"))).isEqualTo(pinnedFile);

        // Forgetting the pin (after verifying the new key) brings back first contact with the new key.
        assertThat(target.forget().map(HostKey::fingerprint)).contains(before);
        var again = target.connect(rootByKey(sshd.userKey(), sshd.port()));
        assertThat(again.awaiting().map(HostKey::fingerprint)).contains(after);
    }

    @Test
    void aClosedPortIsReportedAsSuch() throws Exception {
        var view = new DeploymentTarget(state, TIMEOUT).connect(rootByKey(sshd.userKey(), Sshd.freePort()));
        assertThat(view.problem().map(SshProblem::kind)).contains(SshProblem.Kind.PORT_CLOSED);
        assertThat(view.ready()).isFalse();
    }

    @Test
    void aHostThatAcceptsButNeverSpeaksSshTimesOut() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            var view = new DeploymentTarget(state, Duration.ofSeconds(1)).connect(rootByKey(sshd.userKey(), silent.getLocalPort()));
            assertThat(view.problem().map(SshProblem::kind)).contains(SshProblem.Kind.TIMED_OUT);
        }
    }

    @Test
    void aNameThatDoesNotResolveIsToldAsSuch() throws Exception {
        var host = RemoteHost.parse(Map.of(RemoteHost.ADDRESS, "no-such-host.invalid", RemoteHost.PORT, "22",
                RemoteHost.USER, "root", RemoteHost.AUTH, "key", RemoteHost.KEY_FILE, sshd.userKey().toString()), null).host();
        var view = new DeploymentTarget(state, TIMEOUT).connect(host);
        assertThat(view.problem().map(SshProblem::kind)).contains(SshProblem.Kind.UNKNOWN_HOST);
    }

    @Test
    void aWrongPasswordIsALoginRefused() throws Exception {
        String user = sshd.passwordUser();
        var target = new DeploymentTarget(state, TIMEOUT);
        HostKey offered = target.connect(byPassword(user, "not-" + sshd.password(), sshd.port())).awaiting().orElseThrow();
        target.confirm(offered.fingerprint());

        var view = target.view();
        assertThat(view.problem().map(SshProblem::kind)).contains(SshProblem.Kind.LOGIN_REFUSED);
        assertThat(view.problem().get().getMessage()).doesNotContain(sshd.password());

        var right = target.connect(byPassword(user, sshd.password(), sshd.port()));
        assertThat(right.ready()).isTrue();
        assertThat(sshd.log()).contains("Accepted password for " + user);
    }

    @Test
    void aPasswordIsAlsoGivenThroughPamKeyboardInteractive(@TempDir Path dir) throws Exception {
        try (Sshd pam = Sshd.startWithPamKeyboardInteractive(dir)) {
            String user = pam.passwordUser();
            var target = new DeploymentTarget(state, TIMEOUT);
            HostKey offered = target.connect(byPassword(user, pam.password(), pam.port())).awaiting().orElseThrow();
            assertThat(target.confirm(offered.fingerprint())).isTrue();
            assertThat(target.view().ready()).as("%s", target.view().problem()).isTrue();
            assertThat(pam.log()).contains("Accepted keyboard-interactive/pam for " + user);

            target.connect(byPassword(user, "not-" + pam.password(), pam.port()));
            assertThat(target.view().problem().map(SshProblem::kind)).contains(SshProblem.Kind.LOGIN_REFUSED);
        }
    }

    @Test
    void aKeyNotInAuthorizedKeysIsALoginRefused() throws Exception {
        Path other = state.resolve("other_key");
        Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        var target = new DeploymentTarget(state, TIMEOUT);
        target.confirm(target.connect(rootByKey(other, sshd.port())).awaiting().orElseThrow().fingerprint());
        assertThat(target.view().problem().map(SshProblem::kind)).contains(SshProblem.Kind.LOGIN_REFUSED);
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedBeforeAnyConnection() throws Exception {
        Path loose = state.resolve("loose_key");
        Files.copy(sshd.userKey(), loose);
        Sshd.chmod(loose, "rw-r--r--");
        // A closed port: had we connected first, the answer would be PORT_CLOSED.
        var view = new DeploymentTarget(state, TIMEOUT).connect(rootByKey(loose, Sshd.freePort()));
        assertThat(view.problem().map(SshProblem::kind)).contains(SshProblem.Kind.KEY_FILE_PERMISSIONS);

        Sshd.chmod(loose, "rw-------");
        var fixed = new DeploymentTarget(state, TIMEOUT).connect(rootByKey(loose, sshd.port()));
        assertThat(fixed.awaiting()).isPresent();
    }

    @Test
    void aMissingOrBrokenKeyFileIsNamedAsSuch() throws Exception {
        var missing = new DeploymentTarget(state, TIMEOUT).connect(rootByKey(state.resolve("nope"), sshd.port()));
        assertThat(missing.problem().map(SshProblem::kind)).contains(SshProblem.Kind.KEY_FILE_UNREADABLE);

        Path notAKey = state.resolve("not_a_key");
        Files.writeString(notAKey, "hello\n");
        Sshd.chmod(notAKey, "rw-------");
        var broken = new DeploymentTarget(state, TIMEOUT).connect(rootByKey(notAKey, sshd.port()));
        assertThat(broken.problem().map(SshProblem::kind)).contains(SshProblem.Kind.KEY_FILE_INVALID);

        Path locked = state.resolve("locked_key");
        Sshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "a passphrase", "-f", locked.toString());
        var withPassphrase = new DeploymentTarget(state, TIMEOUT).connect(rootByKey(locked, sshd.port()));
        assertThat(withPassphrase.problem().map(SshProblem::kind)).contains(SshProblem.Kind.KEY_FILE_INVALID);
    }

    @Test
    void theChoiceSurvivesARestartButAPasswordDoesNot() throws Exception {
        var target = confirmedTarget();
        var again = new DeploymentTarget(state, TIMEOUT);
        assertThat(again.view().remote().map(RemoteHost::label)).contains("root@127.0.0.1:" + sshd.port());
        assertThat(again.get().local()).isFalse();

        String user = sshd.passwordUser();
        target.connect(byPassword(user, sshd.password(), sshd.port()));
        assertThat(Files.readString(state.resolve("remote/target.json"))).doesNotContain(sshd.password());
        var restarted = new DeploymentTarget(state, TIMEOUT);
        assertThat(restarted.view().passwordLost()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> restarted.get().checkReady())
                .isInstanceOf(hostedengine.ansible.TargetProblem.class)
                .hasFieldOrPropertyWithValue("key", "remote.passwordNeeded");
    }

    private DeploymentTarget confirmedTarget() throws Exception {
        var target = new DeploymentTarget(state, TIMEOUT);
        HostKey offered = target.connect(rootByKey(sshd.userKey(), sshd.port())).awaiting().orElseThrow();
        assertThat(target.confirm(offered.fingerprint())).isTrue();
        assertThat(target.view().ready()).as("connected: %s", target.view().problem()).isTrue();
        return target;
    }
}
