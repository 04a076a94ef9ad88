package hostedengine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir Path dir;

    @Test
    void aFileIsReplacedWholeReadableByTheServerOnlyAndNoTemporaryFileStays() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "old");
        PrivateFiles.writeAtomically(file, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aWriteThatCannotHappenLeavesTheOldFileAsItWas() throws IOException {
        Path file = dir.resolve("draft.json");
        Files.writeString(file, "whole");
        Files.createDirectories(dir.resolve("draft.json.tmp/blocked"));
        assertThatThrownBy(() -> PrivateFiles.writeAtomically(file, "half".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(file).hasContent("whole");
    }

    @Test
    void anOwnersFileIsNamedWithoutTheOwnersText() {
        Path a = PrivateFiles.ofOwner(dir, "user:../../etc/passwd", ".json");
        assertThat(a.getParent()).isEqualTo(dir);
        assertThat(a.getFileName().toString()).matches("[0-9a-f]{64}\\.json");
        assertThat(PrivateFiles.ofOwner(dir, "user:../../etc/passwd", ".json")).isEqualTo(a);
        assertThat(PrivateFiles.ofOwner(dir, "user:root", ".json")).isNotEqualTo(a);
    }
}
