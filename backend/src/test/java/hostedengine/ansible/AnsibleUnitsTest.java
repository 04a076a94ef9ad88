package hostedengine.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnsibleUnitsTest {

    @Test
    void commandIsAnArgumentListWithVariablesOnlyFromFiles() {
        List<String> args = new PlaybookCommand(Path.of("/usr/bin/ansible-playbook"), Path.of("/pb/hosted_engine.yml"))
                .appendTag("bootstrap_local_vm").appendSkipTag("always")
                .appendVarsFile(Path.of("/runs/r/2-bootstrap_local_vm/vars.json"))
                .appendVarsFile(Path.of("/runs/r/2-bootstrap_local_vm/secrets-1/secrets.json"))
                .appendShellExecutable("/bin/bash")
                .build();
        assertThat(args).containsExactly("/usr/bin/ansible-playbook", "-i", "localhost,", "-c", "local",
                "/pb/hosted_engine.yml", "--tags=bootstrap_local_vm", "--skip-tags=always",
                "-e", "@/runs/r/2-bootstrap_local_vm/vars.json",
                "-e", "@/runs/r/2-bootstrap_local_vm/secrets-1/secrets.json",
                "-e", "ansible_shell_executable=/bin/bash");
    }

    @Test
    void varsFileMarksEveryStringUnsafeAndIsPrivate(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("vars.json");
        VarsFile.write(file, Map.of("he_fqdn", "{{ 7*6 }}", "he_vcpus", 4, "he_list", List.of("a")));
        String json = Files.readString(file);
        assertThat(json).contains("\"__ansible_unsafe\" : \"{{ 7*6 }}\"").contains("\"he_vcpus\" : 4")
                .contains("\"__ansible_unsafe\" : \"a\"");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(tmp.resolve("vars.json.tmp")).doesNotExist();
    }

    @Test
    void corruptOrCutLinesBecomeReadableEvents() {
        AnsibleEvent cut = EventLine.parse(7, "{\"event\": \"ok\", \"task\": \"Wai");
        assertThat(cut.type()).isEqualTo(AnsibleEvent.CORRUPT);
        assertThat(cut.seq()).isEqualTo(7);
        assertThat(cut.message()).isEqualTo("event 7 is not a complete JSON object (the line may have been cut off)");
        assertThat(EventLine.parse(8, "[1,2]").type()).isEqualTo(AnsibleEvent.CORRUPT);
        assertThat(EventLine.parse(9, "").message()).isEqualTo("event 9 is an empty line");
        assertThat(EventLine.parse(10, "{\"no\":\"type\"}").message()).isEqualTo("event 10 has no event type");
        AnsibleEvent ok = EventLine.parse(11, "{\"event\":\"failed\",\"task\":\"T\",\"msg\":\"boom\",\"otopi\":{\"otopi_x\":1}}");
        assertThat(ok.type()).isEqualTo("failed");
        assertThat(ok.isFailure()).isTrue();
        assertThat(ok.otopi()).containsEntry("otopi_x", 1);
    }

    @Test
    void redactorMasksSecretsAndPrivateKeysEverywhere() {
        Redactor r = Redactor.of(List.of("s3cr\"et", "pw"));
        assertThat(r.redact("a s3cr\"et b pw")).isEqualTo("a ******** b ********");
        assertThat(r.redact("{\"x\":\"s3cr\\\"et\"}")).isEqualTo("{\"x\":\"********\"}");
        assertThat(r.redactValue(Map.of("k", List.of("pw!")))).isEqualTo(Map.of("k", List.of("********!")));
        String key = "x -----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY----- y";
        assertThat(Redactor.keysOnly().redact(key)).isEqualTo("x ******** y");
    }

    @Test
    void exitCodesHaveReadableNames() {
        assertThat(ExitCodes.key(2)).isEqualTo("ansible.exit.hostFailed");
        assertThat(ExitCodes.describe(4)).isEqualTo("The host was unreachable, or a playbook could not be parsed");
        assertThat(ExitCodes.key(99)).isEqualTo("ansible.exit.interrupted");
        assertThat(ExitCodes.describe(137)).isEqualTo("Ansible was killed by signal 9");
    }
}
