package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.deploy.Phase;
import hostedengine.deploy.RunInfo;
import hostedengine.messages.Messages;
import hostedengine.remote.RemoteHost;
import hostedengine.remote.SshProblem;
import hostedengine.testing.Await;
import hostedengine.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment host page over real HTTP, against a real sshd on 127.0.0.1. */
class HostPageHttpTest {
    static Sshd sshd;
    @TempDir Path state;
    TestServer server;
    private final Messages messages = new Messages();

    @BeforeAll
    static void startSshd(@TempDir Path dir) throws Exception {
        if (Sshd.available()) sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @BeforeEach
    void start() { server = new TestServer(state); }

    @AfterEach
    void stop() { server.close(); }

    Map<String, String> remote(String address, String port, String user, String auth, String keyFile, String password) {
        var form = new HashMap<String, String>();
        form.put("target", "remote");
        form.put(RemoteHost.ADDRESS, address);
        form.put(RemoteHost.PORT, port);
        form.put(RemoteHost.USER, user);
        form.put(RemoteHost.AUTH, auth);
        form.put(RemoteHost.KEY_FILE, keyFile);
        form.put(RemoteHost.PASSWORD, password);
        return form;
    }

    Map<String, String> rootByKey(int port) { return remote("127.0.0.1", String.valueOf(port), "root", "key", sshd.userKey().toString(), ""); }

    @Test
    void everyPageSaysDeploymentsGoToThisHostUntilAnotherIsChosen() {
        String vm = server.get("/wizard/vm").body();
        assertThat(text(vm, "deploy-target-text")).isEqualTo("Deploying to this host");
        assertThat(vm).contains("href=\"/host\"");
        String ja = server.get("/host", "Accept-Language", "ja").body();
        assertThat(attr(ja, "target-status", "data-state")).isEqualTo("local");
        assertThat(text(ja, "deploy-target-text")).isEqualTo("このホストにデプロイします");
    }

    @Test
    void aRunOnThisHostNamesNoRemoteHost() throws Exception {
        RunInfo run = awaitEnd(server.runs.start(Phase.NETWORK_INTERFACES, "user:admin", Map.of(), Map.of()));
        assertThat(server.get("/runs/" + run.id()).body()).doesNotContain("id=\"run-host\"");
    }

    @Test
    void badInputIsToldAtEachFieldInTheUsersLanguageAndWhatWasTypedStays() {
        var r = server.post("/host", remote("-oProxyCommand=id", "70000", "Root", "password", "", "Typed-Pw-1"), "Accept-Language", "ja");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(text(r.body(), "sshAddress-error")).isEqualTo(messages.text(Locale.JAPANESE, "remote.field.addressInvalid"));
        assertThat(text(r.body(), "sshPort-error")).isEqualTo(messages.text(Locale.JAPANESE, "remote.field.portInvalid"));
        assertThat(text(r.body(), "sshUser-error")).isEqualTo(messages.text(Locale.JAPANESE, "remote.field.userInvalid"));
        assertThat(r.body()).contains("value=\"-oProxyCommand=id\"").contains("value=\"70000\"").contains("value=\"Root\"")
                .doesNotContain("Typed-Pw-1");
        assertThat(server.deploymentTarget.view().local()).as("nothing was chosen").isTrue();
        assertThat(server.get("/wizard/vm").statusCode()).isEqualTo(200);
    }

    @Test
    void firstContactShowsTheFingerprintAndOnlyConfirmingPinsIt() throws Exception {
        Sshd.assumeAvailable();
        assertThat(server.post("/host", rootByKey(sshd.port())).statusCode()).isEqualTo(303);

        String page = server.get("/host").body();
        assertThat(attr(page, "target-status", "data-state")).isEqualTo("confirm");
        assertThat(text(page, "offered-fingerprint")).isEqualTo(sshd.sshKeygenFingerprint());
        assertThat(text(page, "deploy-target-text")).contains("not connected");
        assertThat(Files.exists(state.resolve("known_hosts"))).isFalse();

        server.post("/host/confirm", Map.of("fingerprint", sshd.sshKeygenFingerprint()));
        String ready = server.get("/wizard/vm").body();
        assertThat(text(ready, "deploy-target-text"))
                .isEqualTo("Deploying to root@127.0.0.1:" + sshd.port() + " (" + sshd.sshKeygenFingerprint() + ")");
        assertThat(attr(server.get("/host").body(), "target-status", "data-state")).isEqualTo("ready");
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"host-key-pinned\"")
                .contains(sshd.sshKeygenFingerprint());
    }

    @Test
    void aChangedKeyBlocksRunsAndShowsBothFingerprintsUntilTheOldOneIsForgotten() throws Exception {
        Sshd.assumeAvailable();
        server.post("/host", rootByKey(sshd.port()));
        String before = sshd.sshKeygenFingerprint();
        server.post("/host/confirm", Map.of("fingerprint", before));
        sshd.restartWithNewHostKey();
        String after = sshd.sshKeygenFingerprint();

        RunInfo run = awaitEnd(server.runs.start(Phase.NETWORK_INTERFACES, "user:admin", Map.of(), Map.of()));
        assertThat(run.messageKey()).isEqualTo("remote.problem.HOST_KEY_CHANGED");
        String runPage = server.get("/runs/" + run.id()).body();
        assertThat(runPage).contains("CHANGED since it was confirmed").contains(before).contains(after);
        assertThat(text(runPage, "run-host")).isEqualTo("On root@127.0.0.1:" + sshd.port());

        server.post("/host", rootByKey(sshd.port()));
        String page = server.get("/host").body();
        assertThat(attr(page, "target-status", "data-state")).isEqualTo("changed");
        assertThat(text(page, "pinned-fingerprint")).isEqualTo(before);
        assertThat(text(page, "changed-fingerprint")).isEqualTo(after);
        assertThat(page).doesNotContain("id=\"confirm-host-key\"");

        server.post("/host/forget", Map.of());
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"host-key-forgotten\"").contains(before);
        server.post("/host", rootByKey(sshd.port()));
        assertThat(text(server.get("/host").body(), "offered-fingerprint")).isEqualTo(after);
    }

    @Test
    void aClosedPortAWrongPasswordAndALooseKeyFileAreEachToldAtTheirField() throws Exception {
        Sshd.assumeAvailable();
        server.post("/host", rootByKey(Sshd.freePort()));
        assertThat(text(server.get("/host").body(), "sshPort-error")).isEqualTo(escaped("remote.problem.PORT_CLOSED"));
        assertThat(server.get("/wizard/vm").statusCode()).as("the wizard stays usable").isEqualTo(200);

        Path loose = state.resolve("loose_key");
        Files.copy(sshd.userKey(), loose);
        Sshd.chmod(loose, "rw-r--r--");
        server.post("/host", remote("127.0.0.1", String.valueOf(sshd.port()), "root", "key", loose.toString(), ""));
        assertThat(text(server.get("/host").body(), "sshKeyFile-error")).isEqualTo(escaped("remote.problem.KEY_FILE_PERMISSIONS"));

        String user = sshd.passwordUser();
        server.post("/host", remote("127.0.0.1", String.valueOf(sshd.port()), user, "password", "", "wrong-" + sshd.password()));
        server.post("/host/confirm", Map.of("fingerprint", sshd.sshKeygenFingerprint()));
        String page = server.get("/host").body();
        assertThat(text(page, "sshPassword-error")).isEqualTo(escaped("remote.problem.LOGIN_REFUSED"));
        assertThat(page).doesNotContain(sshd.password());
        assertThat(Files.readString(state.resolve("audit.log"))).doesNotContain(sshd.password());
    }

    @Test
    void aPostWithoutAChoiceChangesNothing() throws Exception {
        Sshd.assumeAvailable();
        server.post("/host", rootByKey(sshd.port()));
        var r = server.post("/host", Map.of(RemoteHost.ADDRESS, "hv1.example.com"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(server.deploymentTarget.view().remote().map(RemoteHost::label)).contains("root@127.0.0.1:" + sshd.port());
    }

    @Test
    void onlyOperatorsMayChooseTheHost() {
        server.newBrowser();
        server.login(hostedengine.auth.TestDoubleAuthenticator.VIEWER, hostedengine.auth.TestDoubleAuthenticator.PASSWORD);
        var r = server.post("/host", Map.of("target", "local"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void everyRemoteHostMessageIsInBothLanguages() {
        var keys = new TreeSet<String>();
        for (SshProblem.Kind kind : SshProblem.Kind.values()) keys.add("remote.problem." + kind.name());
        keys.add("remote.passwordNeeded");
        keys.add("remote.sshpassMissing");
        for (var form : java.util.List.of(remote("", "0", "", "key", "", ""), remote("a b", "x", "A", "key", "rel", ""),
                remote("h", "22", "root", "password", "", ""), remote("h", "22", "root", "password", "", "x\ny"),
                remote("h", "22", "root", "other", "", ""))) {
            RemoteHost.parse(form, null).problems().forEach(p -> keys.add(p.key()));
        }
        assertThat(keys).hasSizeGreaterThan(20);
        for (Locale locale : Messages.SUPPORTED) {
            for (String key : keys) assertThat(messages.has(locale, key)).as(locale + " " + key).isTrue();
        }
    }

    private String escaped(String key) {
        return messages.text(Locale.ENGLISH, key).replace("'", "&#39;");
    }

    private RunInfo awaitEnd(String id) throws InterruptedException {
        return Await.value("run " + id + " ends", () -> server.runs.get(id).filter(i -> i.status().isFinal()), Duration.ofSeconds(60));
    }

    /** The text of the element with this id (no nested elements). */
    static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(m.find()).as("element #" + id).isTrue();
        return m.group(1).strip();
    }

    static String attr(String html, String id, String attribute) {
        Matcher m = Pattern.compile("<[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(m.find()).as("element #" + id).isTrue();
        Matcher a = Pattern.compile(Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(m.group());
        assertThat(a.find()).as(attribute + " of #" + id).isTrue();
        return a.group(1);
    }
}
