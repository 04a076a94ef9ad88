package hostedengine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the administrator types about a remote host, and where it goes (inventory, known_hosts). */
class RemoteHostTest {
    @TempDir Path state;

    static Map<String, String> form(String address, String port, String user, String auth, String keyFile, String password) {
        var m = new HashMap<String, String>();
        m.put(RemoteHost.ADDRESS, address);
        m.put(RemoteHost.PORT, port);
        m.put(RemoteHost.USER, user);
        m.put(RemoteHost.AUTH, auth);
        m.put(RemoteHost.KEY_FILE, keyFile);
        m.put(RemoteHost.PASSWORD, password);
        return m;
    }

    static RemoteHost.Parsed key(String address, String port, String user, String keyFile) {
        return RemoteHost.parse(form(address, port, user, "key", keyFile, ""), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hv1.example.com", "HV1.Example.COM", "192.0.2.10", "2001:db8::10", "hv-1", "hv1.example.com."})
    void namesAndAddressLiteralsAreAccepted(String address) {
        var parsed = key(address, "22", "root", "/root/.ssh/id_ed25519");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.host().address()).isEqualTo(address.toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-oProxyCommand=id", "hv1 example.com", "{{ lookup('pipe','id') }}", "hv1;id", "hv1\nexample.com",
            "256.1.1.1", "a..b", "-hv1.example.com", "hv1-.example.com", "hv_1.example.com", "[::1]", "::g", "$(id)"})
    void anythingElseIsRefusedAtTheAddressField(String address) {
        var parsed = key(address, "22", "root", "/root/.ssh/id_ed25519");
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.problems()).extracting(RemoteHost.Problem::field).containsExactly(RemoteHost.ADDRESS);
        assertThat(parsed.problems().get(0).key()).isEqualTo("remote.field.addressInvalid");
    }

    @Test
    void surroundingBlanksOfAPastedValueAreDropped() {
        var parsed = key(" hv1.example.com\n", " 22 ", " root ", " /root/.ssh/id_ed25519\n");
        assertThat(parsed.host().label()).isEqualTo("root@hv1.example.com");
        assertThat(parsed.host().auth()).isEqualTo(new RemoteHost.KeyFile(Path.of("/root/.ssh/id_ed25519")));
    }

    @Test
    void anEmptyAddressIsRequiredNotInvalid() {
        assertThat(key("  ", "22", "root", "/k").problems()).extracting(RemoteHost.Problem::key)
                .containsExactly("remote.field.addressRequired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "22a", "-1", "99999999999", "2 2"})
    void portsOutsideOneTo65535AreRefused(String port) {
        assertThat(key("hv1", port, "root", "/k").problems()).extracting(RemoteHost.Problem::field).containsExactly(RemoteHost.PORT);
    }

    @Test
    void anEmptyPortMeans22AndTheLabelShowsOnlyOtherPorts() {
        assertThat(key("hv1.example.com", "", "root", "/k").host().port()).isEqualTo(22);
        assertThat(key("hv1.example.com", "", "root", "/k").host().label()).isEqualTo("root@hv1.example.com");
        assertThat(key("2001:db8::10", "2222", "admin", "/k").host().label()).isEqualTo("admin@[2001:db8::10]:2222");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Root", "1root", "root;id", "-oUser", "root admin", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void userNamesOutsideTheWhitelistAreRefused(String user) {
        assertThat(key("hv1", "22", user, "/k").problems()).extracting(RemoteHost.Problem::field).containsExactly(RemoteHost.USER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_rsa", "/root/.ssh/../x", "/path with space", "/a$(id)", "/k\n/x", "~/.ssh/id_rsa", "/a{{b}}"})
    void keyFilePathsMustBeAbsoluteAndPlain(String path) {
        assertThat(key("hv1", "22", "root", path).problems()).extracting(RemoteHost.Problem::key)
                .containsExactly("remote.field.keyFileInvalid");
    }

    @Test
    void aPasswordIsRequiredKeptWhenLeftEmptyAndNeverPrinted() {
        var none = RemoteHost.parse(form("hv1", "22", "root", "password", "", ""), null);
        assertThat(none.problems()).extracting(RemoteHost.Problem::key).containsExactly("remote.field.passwordRequired");

        var kept = RemoteHost.parse(form("hv1", "22", "root", "password", "", ""), "s3cret-pw");
        assertThat(kept.host().auth()).isEqualTo(new RemoteHost.Password("s3cret-pw"));
        assertThat(kept.host().toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void theInventoryNamesTheHostAndPinsItsKeyButNeverHoldsThePassword() throws Exception {
        var pins = new PinnedHostKeys(state);
        var withPassword = RemoteHost.parse(form("hv1.example.com", "2222", "root", "password", "", "Pw-{{ 7*6 }}"), null).host();
        var target = RemoteAnsibleTarget.write(withPassword, pins, state, java.time.Duration.ofSeconds(1));

        String inventory = Files.readString(target.inventory());
        assertThat(inventory).doesNotContain("Pw-").contains("\"ansible_port\" : 2222")
                .contains("StrictHostKeyChecking=yes").contains("UserKnownHostsFile=" + state.resolve("known_hosts"));
        assertThat(target.inventoryArguments()).containsExactly("-i", target.inventory().toString());
        assertThat(String.join(" ", target.inventoryArguments()) + target.environment()).doesNotContain("Pw-");
        assertThat(target.secrets()).containsExactly(Map.entry("ansible_password", "Pw-{{ 7*6 }}"));
        Map<?, ?> parsed = new ObjectMapper().readValue(inventory, Map.class);
        assertThat(parsed.containsKey("all")).isTrue();

        var withKey = key("hv1.example.com", "22", "root", "/root/.ssh/id_ed25519").host();
        String keyInventory = Files.readString(RemoteAnsibleTarget.write(withKey, pins, state, java.time.Duration.ofSeconds(1)).inventory());
        assertThat(keyInventory).contains("\"ansible_ssh_private_key_file\" : \"/root/.ssh/id_ed25519\"").contains("IdentitiesOnly=yes");
    }

    @Test
    void pinsAreKeptPerHostAndPortInOpenSshFormat() throws Exception {
        var pins = new PinnedHostKeys(state);
        HostKey a = ed25519((byte) 1);
        HostKey b = ed25519((byte) 2);
        pins.pin("hv1.example.com", 22, a);
        pins.pin("hv1.example.com", 2222, b);
        assertThat(Files.readAllLines(pins.file())).containsExactly(
                "hv1.example.com ssh-ed25519 " + a.base64(), "[hv1.example.com]:2222 ssh-ed25519 " + b.base64());

        pins.pin("hv1.example.com", 22, b);
        assertThat(pins.pinned("hv1.example.com", 22)).contains(b);
        assertThat(pins.forget("hv1.example.com", 22)).isTrue();
        assertThat(pins.pinned("hv1.example.com", 22)).isEmpty();
        assertThat(pins.pinned("hv1.example.com", 2222)).contains(b);
        assertThat(pins.forget("hv1.example.com", 22)).isFalse();
    }

    @Test
    void theFingerprintIsSha256OfTheKeyInUnpaddedBase64() throws Exception {
        HostKey key = ed25519((byte) 7);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(key.base64()));
        assertThat(key.fingerprint()).isEqualTo("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest))
                .doesNotEndWith("=");
    }

    static HostKey ed25519(byte fill) {
        byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var blob = java.nio.ByteBuffer.allocate(4 + type.length + 4 + 32);
        blob.putInt(type.length).put(type).putInt(32);
        for (int i = 0; i < 32; i++) blob.put(fill);
        return HostKey.of(blob.array());
    }
}
