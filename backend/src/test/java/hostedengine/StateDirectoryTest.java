package hostedengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateDirectoryTest {

    @Test
    void missingDirectoryIsCreatedPrivate(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a/b/state");
        assertThat(StateDirectory.prepare(dir)).isEqualTo(dir);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(dir)) {
            assertThat(files).as("the write probe is removed").isEmpty();
        }
    }

    @Test
    void existingWritableDirectoryIsAccepted(@TempDir Path tmp) throws Exception {
        assertThat(StateDirectory.prepare(tmp)).isEqualTo(tmp);
    }

    @Test
    void aFileInTheWayIsNamed(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("state"), "x");
        assertThatThrownBy(() -> StateDirectory.prepare(file))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("State directory " + file + " is not a directory; choose another with --state-dir");
        assertThatThrownBy(() -> StateDirectory.prepare(file.resolve("sub")))
                .hasMessageStartingWith("State directory " + file.resolve("sub") + " cannot be created (")
                .hasMessageEndingWith("); choose another with --state-dir");
    }

    @Test
    void readOnlyDirectoryIsNotWritable(@TempDir Path tmp) throws IOException {
        // root ignores permission bits, but nobody creates files in /proc
        Path dir = isRoot() ? Path.of("/proc/self") : Files.createDirectory(tmp.resolve("ro"));
        if (!isRoot()) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        String expectedReason = isRoot() ? "" : "(Permission denied)";
        assertThatThrownBy(() -> StateDirectory.prepare(dir))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("State directory " + dir + " is not writable (")
                .hasMessageContaining(expectedReason)
                .hasMessageEndingWith("); choose another with --state-dir");
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
