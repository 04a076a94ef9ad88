package hostedengine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's state directory (runs, drafts, the generated certificate): made mode 0700
 * when missing, and proven writable at startup rather than at the first deployment.
 */
public final class StateDirectory {
    private StateDirectory() {}

    /** Creates the directory when missing and checks it is writable; returns its absolute path. */
    public static Path prepare(Path dir) throws StartupProblem {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new StartupProblem("State directory " + abs + " is not a directory; choose another with --state-dir");
        }
        if (!Files.isDirectory(abs)) {
            try {
                Files.createDirectories(abs);
                // Only the server's user may read runs and the TLS key.
                Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new StartupProblem("State directory " + abs + " cannot be created (" + reason(e)
                        + "); choose another with --state-dir", e);
            }
        }
        try {
            Path probe = Files.createTempFile(abs, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupProblem("State directory " + abs + " is not writable (" + reason(e)
                    + "); choose another with --state-dir", e);
        }
        return abs;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "Permission denied";
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
