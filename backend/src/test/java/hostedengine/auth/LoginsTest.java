package hostedengine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, idle sessions, single-use links, permissions and the audit log, without HTTP. */
class LoginsTest {
    @TempDir Path state;
    final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T09:00:00Z"));
    final SecureRandom random = new SecureRandom();

    Logins logins() {
        return new Logins(TestDoubleAuthenticator.withOperatorAndViewer(), new Sessions(Duration.ofMinutes(15), clock, random),
                new LoginThrottle(clock), new SingleUseLinks(clock, random), new AuditLog(state, clock));
    }

    @Test
    void throttleDelaysDoubleFromThirtySecondsToAtMostFifteenMinutes() {
        assertThat(LoginThrottle.delay(4)).isZero();
        assertThat(LoginThrottle.delay(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoginThrottle.delay(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(LoginThrottle.delay(8)).isEqualTo(Duration.ofMinutes(4));
        assertThat(LoginThrottle.delay(50)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void guessingAtRootFromElsewhereNeverKeepsRootsAdministratorOutForMoreThanTwoMinutes() {
        var throttle = new LoginThrottle(clock);
        for (int i = 0; i < 200; i++) throttle.failed("root", "198.51.100." + (i % 50));
        for (int i = 0; i < 10; i++) throttle.failed("root", "203.0.113.5");
        // one address guessing hard waits the full delay; spraying slows everyone, root's administrator at most two minutes
        assertThat(throttle.waitBefore("root", "203.0.113.5")).get().isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("root", "198.51.100.7")).get().isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.waitBefore("root", "192.0.2.1")).get().isEqualTo(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(throttle.waitBefore("root", "192.0.2.1")).isEmpty();
        // a few wrong passwords from one's own address are still free; a success clears the account's count
        throttle.succeeded("root", "192.0.2.1");
        for (int i = 0; i < 4; i++) throttle.failed("root", "192.0.2.1");
        assertThat(throttle.waitBefore("root", "192.0.2.1")).isEmpty();
    }

    @Test
    void oneAddressGuessingManyUsersIsThrottledToo() {
        var throttle = new LoginThrottle(clock);
        for (int i = 0; i < 5; i++) throttle.failed("user" + i, "192.0.2.9");
        assertThat(throttle.waitBefore("someone-else", "192.0.2.9")).contains(Duration.ofSeconds(30));
        assertThat(throttle.waitBefore("someone-else", "192.0.2.10")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsersCount() {
        var logins = logins();
        for (int i = 0; i < 4; i++) logins.login("admin", "wrong", "192.0.2.1");
        assertThat(logins.login("admin", TestDoubleAuthenticator.PASSWORD, "192.0.2.2").status()).isEqualTo(LoginResult.Status.LOGGED_IN);
        for (int i = 0; i < 4; i++) logins.login("admin", "wrong", "192.0.2.3");
        assertThat(logins.login("admin", TestDoubleAuthenticator.PASSWORD, "192.0.2.4").status()).isEqualTo(LoginResult.Status.LOGGED_IN);
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutNotBefore() {
        var logins = logins();
        Session s = logins.login("admin", TestDoubleAuthenticator.PASSWORD, "192.0.2.1").session().orElseThrow();
        clock.advance(Duration.ofMinutes(14));
        assertThat(logins.session(s.id(), "192.0.2.1")).isPresent();
        clock.advance(Duration.ofMinutes(14));
        assertThat(logins.session(s.id(), "192.0.2.1")).isPresent();
        clock.advance(Duration.ofMinutes(15));
        assertThat(logins.session(s.id(), "192.0.2.1")).isEmpty();
        assertThat(logins.session("garbage", "192.0.2.1")).isEmpty();
    }

    @Test
    void everyLoginGetsANewSessionIdAndCsrfToken() {
        var logins = logins();
        Session a = logins.login("admin", TestDoubleAuthenticator.PASSWORD, "192.0.2.1").session().orElseThrow();
        Session b = logins.login("admin", TestDoubleAuthenticator.PASSWORD, "192.0.2.1").session().orElseThrow();
        assertThat(b.id()).isNotEqualTo(a.id()).hasSize(43);
        assertThat(b.csrfToken()).isNotEqualTo(a.csrfToken()).isNotEqualTo(b.id());
        assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrfToken());
    }

    @Test
    void aSingleUseLinkWorksOnceWithinTenMinutes() {
        var logins = logins();
        String token = logins.issueSingleUseLink("admin").orElseThrow();
        assertThat(logins.redeem(token, "192.0.2.1").session()).get().extracting(s -> s.user().name()).isEqualTo("admin");
        assertThat(logins.redeem(token, "192.0.2.1").status()).isEqualTo(LoginResult.Status.REFUSED);
        String late = logins.issueSingleUseLink("admin").orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        assertThat(logins.redeem(late, "192.0.2.1").status()).isEqualTo(LoginResult.Status.REFUSED);
        assertThat(logins.issueSingleUseLink("no-such-account")).isEmpty();
    }

    @Test
    void onlyRootAndWheelMayOperate() {
        assertThat(Permission.mayOperate(new User("root", 0, Set.of("root")))).isTrue();
        assertThat(Permission.mayOperate(new User("ann", 1000, Set.of("ann", "wheel")))).isTrue();
        assertThat(Permission.mayOperate(new User("bob", 1001, Set.of("bob", "adm", "sudo")))).isFalse();
        assertThat(Permission.VIEW.grantedTo(new User("bob", 1001, Set.of()))).isTrue();
        assertThat(Permission.OPERATE.grantedTo(new User("bob", 1001, Set.of()))).isFalse();
    }

    @Test
    void theAuditLogIsPrivateJsonLinesWithoutSecrets() throws Exception {
        var logins = logins();
        logins.login("admin", "Guess-Canary-1", "192.0.2.1");
        logins.login("Guess-Canary-2", "x", "192.0.2.1");  // a password typed into the name field
        Session s = logins.login("admin", TestDoubleAuthenticator.PASSWORD, "192.0.2.1").session().orElseThrow();
        logins.logout(s.id(), "192.0.2.1");
        logins.audit().deploymentStarted("admin", "192.0.2.1", "run-1", "prepare-vm", AuditLog.Outcome.SUCCESS);
        Path log = state.resolve("audit.log");
        String text = Files.readString(log);
        assertThat(text.lines()).hasSize(5).allMatch(l -> l.startsWith("{\"time\":\"2025-06-01T09:00:00Z\",\"action\":"));
        assertThat(text).contains("\"outcome\":\"failure\"", "\"user\":\"(unknown user)\"", "\"action\":\"logout\"",
                "\"action\":\"deployment-started\"", "\"run\":\"run-1\"")
                .doesNotContain("Guess-Canary").doesNotContain(TestDoubleAuthenticator.PASSWORD)
                .doesNotContain(s.id()).doesNotContain(s.csrfToken());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThatThrownBy(() -> logins.audit().record(AuditLog.Action.CLEANUP, AuditLog.Outcome.SUCCESS, "admin", "",
                Map.of("rootPassword", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
