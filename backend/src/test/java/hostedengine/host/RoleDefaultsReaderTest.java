package hostedengine.host;

import hostedengine.testing.Required;
import hostedengine.wizard.RoleDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoleDefaultsReaderTest {

    @Test
    void readsTheInstalledRolesDefaults() throws IOException {
        var dir = RoleDefaultsReader.roleDirectory();
        Required.tool(dir.isPresent(), "the ovirt.ovirt collection", "ansible");
        Path file = dir.get().resolve("defaults/main.yml");
        String yaml = Files.readString(file);

        RoleDefaults d = RoleDefaultsReader.read();

        assertThat(d.source()).isEqualTo(file.toString());
        assertThat(yaml).contains("he_minimal_mem_size_MB: " + d.minimalMemMb());
        assertThat(yaml).contains("he_reserved_memory_MB: " + d.reservedMemoryMb());
        assertThat(yaml).contains("he_avail_memory_grace_MB: " + d.memoryGraceMb());
        assertThat(yaml).contains("he_minimal_disk_size_GB: " + d.minimalDiskGb());
        assertThat(yaml).contains("he_disk_size_GB: " + d.defaultDiskGb());
    }

    @Test
    void installedCollectionIsTheOneFieldsMdDescribes() {
        Required.tool(RoleDefaultsReader.roleDirectory().isPresent(), "the ovirt.ovirt collection", "ansible");
        RoleDefaults d = RoleDefaultsReader.read();
        assertThat(d).usingRecursiveComparison().ignoringFields("source").isEqualTo(RoleDefaults.builtIn());
    }

    @Test
    void readsTopLevelScalarsOnly() {
        String yaml = """
                ---
                # a comment
                he_minimal_mem_size_MB: 8192
                he_reserved_memory_MB: '1024'
                he_avail_memory_grace_MB: "300"  # trailing comment
                he_some_list:
                  he_minimal_disk_size_GB: 1
                he_minimal_disk_size_GB: 70
                he_disk_size_GB: 80
                he_mem_size_MB: max
                """;
        assertThat(RoleDefaultsReader.parse(yaml, "x"))
                .isEqualTo(new RoleDefaults(8192, 1024, 300, 70, 80, "x"));
    }

    @Test
    void missingKeysKeepBuiltInValues() {
        RoleDefaults d = RoleDefaultsReader.parse("he_disk_size_GB: 99\n", "x");
        assertThat(d.defaultDiskGb()).isEqualTo(99);
        assertThat(d.minimalMemMb()).isEqualTo(RoleDefaults.builtIn().minimalMemMb());
    }

    @Test
    void unreadableFileFallsBackToBuiltIn(@TempDir Path tmp) {
        assertThat(RoleDefaultsReader.read(tmp.resolve("absent.yml"))).isEqualTo(RoleDefaults.builtIn());
    }

    @Test
    void collectionPathsFromTheEnvironmentComeFirst(@TempDir Path home) {
        var roots = RoleDefaultsReader.collectionRoots(
                Map.of("ANSIBLE_COLLECTIONS_PATH", "/opt/a:~/b", "ANSIBLE_COLLECTIONS_PATHS", "/opt/c/ansible_collections"),
                home);
        assertThat(roots).startsWith(Path.of("/opt/a"), home.resolve("b"), Path.of("/opt/c/ansible_collections"),
                Path.of("/opt/c"), home.resolve(".ansible/collections"));
        assertThat(roots).contains(Path.of("/usr/share/ansible/collections"), Path.of("/usr/lib/python3/dist-packages"));
    }
}
