package hostedengine.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.testing.Required;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret is hidden in every form output gives it, by the server's {@link Redactor} and by the
 * callback before it writes; and the callback stops a run whose secrets it cannot read.
 */
class SecretFormsTest {
    /** Quotes, a backslash, a space, non-ASCII, and characters URL and shell encodings treat apart. */
    private static final String SECRET = "Pa ss'w\"ö*~rd\\9$x";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRedactorHidesEveryFormOfASecret() throws Exception {
        Redactor r = Redactor.of(List.of(SECRET));
        String quoted = JSON.writeValueAsString(SECRET);
        String json = quoted.substring(1, quoted.length() - 1);
        List<String> shown = List.of(
                SECRET,
                json,
                "Pa ss'w\\\"\\u00f6*~rd\\\\9$x",
                "'Pa ss'\"'\"'w\"ö*~rd\\9$x'",
                "'Pa ss'\\''w\"ö*~rd\\9$x'",
                "Pa\\ ss\\'w\\\"\\ö\\*\\~rd\\\\9\\$x",
                URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
                "Pa%20ss%27w%22%C3%B6%2A~rd%5C9%24x",
                "Pa+ss%27w%22%C3%B6%2A~rd%5C9%24x",
                "Pa ss'w\"ö*\n~rd\\9$x",
                "Pa ss'w\"ö*\r\n    ~rd\\9$x",
                json.substring(0, 8) + "\\n" + json.substring(8));
        for (String form : shown) {
            String line = "before " + form + " after";
            assertThat(r.redact(line)).as(form).isEqualTo("before " + Redactor.MASK + " after");
        }
        // Ordinary text is left alone, and a line break only matters inside the secret.
        assertThat(r.redact("Pa ss\nport")).isEqualTo("Pa ss\nport");
    }

    @Test
    void theCallbackAndTheServerKnowTheSameForms() throws Exception {
        Required.executable(Path.of("/usr/bin/ansible-playbook"), "ansible");
        String script = "import importlib.util, json, sys\n"
                + "spec = importlib.util.spec_from_file_location('cb', sys.argv[1])\n"
                + "cb = importlib.util.module_from_spec(spec); spec.loader.exec_module(cb)\n"
                + "print(json.dumps(cb._forms(sys.argv[2])))\n";
        // The Python that runs Ansible (its shebang), which can import the callback's modules.
        String python = Files.readAllLines(Path.of("/usr/bin/ansible-playbook")).get(0).substring(2).strip().split(" ")[0];
        Process p = new ProcessBuilder(python, "-c", script,
                Path.of("../playbooks/callback_plugins/wizard_events.py").toAbsolutePath().toString(), SECRET)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> forms = JSON.readValue(out, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
        assertThat(forms).containsExactlyInAnyOrderElementsOf(Redactor.forms(SECRET));
    }

    @Test
    void theCallbackHidesTheFormsAnsibleWritesAndStopsARunItCannotMask(@TempDir Path tmp) throws Exception {
        Path ansible = Path.of("/usr/bin/ansible-playbook");
        Required.executable(ansible, "ansible");
        Path playbook = tmp.resolve("forms.yml");
        // Each task prints the password as a module or filter would hand it back.
        Files.writeString(playbook, """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: As typed
                      ansible.builtin.debug: {msg: "{{ he_admin_password }}"}
                    - name: JSON
                      ansible.builtin.debug: {msg: "{{ {'p': he_admin_password} | to_json }}"}
                    - name: Shell-quoted
                      ansible.builtin.command: echo {{ he_admin_password | quote }}
                    - name: URL-encoded
                      ansible.builtin.debug: {msg: "{{ he_admin_password | urlencode }}"}
                    - name: Split across a line
                      ansible.builtin.debug: {msg: "{{ he_admin_password[:6] }}\\n{{ he_admin_password[6:] }}"}
                    - name: Failing with it
                      ansible.builtin.fail: {msg: "bad {{ he_admin_password | quote }}"}
                """);
        Path secrets = tmp.resolve("secrets.json");
        Files.writeString(secrets, JSON.writeValueAsString(Map.of("he_admin_password", SECRET)));

        Result masked = run(tmp.resolve("masked"), playbook, secrets, "he_admin_password");
        assertThat(masked.rc).isEqualTo(2);
        assertThat(masked.events).contains(Redactor.MASK).contains("Failing with it");
        for (String text : List.of(masked.events, masked.stdout)) {
            assertThat(text).doesNotContain(SECRET).doesNotContain("ss'w").doesNotContain("%C3%B6")
                    .doesNotContain("\\u00f6*~rd").doesNotContain("rd\\\\9$x");
        }

        // The server says a secret is coming, and it never arrives: no task runs, the run says why.
        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, "{}");
        Result refused = run(tmp.resolve("refused"), playbook, empty, "he_admin_password,he_appliance_password");
        assertThat(refused.rc).isEqualTo(ExitCodes.MASKING_REFUSED);
        assertThat(refused.events).doesNotContain("\"task_start\"").contains("Load the values to mask")
                .contains("he_admin_password, he_appliance_password").contains("Nothing was done on the host");
        assertThat(ExitCodes.key(refused.rc)).isEqualTo("ansible.exit.maskingRefused");
    }

    private record Result(int rc, String events, String stdout) {}

    private static Result run(Path dir, Path playbook, Path vars, String secretNames)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path events = dir.resolve("events.jsonl");
        List<String> argv = new ArrayList<>(List.of("/usr/bin/ansible-playbook", "-i", "localhost,", "-c", "local",
                playbook.toString(), "-e", "@" + vars));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).directory(dir.toFile());
        var env = pb.environment();
        env.put("ANSIBLE_STDOUT_CALLBACK", "wizard_events");
        env.put("ANSIBLE_CALLBACK_PLUGINS", Path.of("../playbooks/callback_plugins").toAbsolutePath().toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        env.put("ANSIBLE_LOCALHOST_WARNING", "0");
        env.put("WIZARD_EVENTS_FILE", events.toString());
        env.put("WIZARD_SECRET_VARS", secretNames);
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String written = Files.exists(events) ? Files.readString(events) : "";
        return new Result(p.exitValue(), written, stdout);
    }
}
