package hostedengine.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Deleting the role's pause lock file: the only file Continue ever deletes. The role makes it
 * with {@code ansible.builtin.tempfile} on the controller (tasks/pause_execution.yml), so it is
 * a regular file directly in a temporary directory, named {@code …_he_setup_lock}. Any other
 * path (a run.json edited by hand, a symlink put in its place) is refused.
 */
final class RoleLockFile {
    private RoleLockFile() {}

    /** Deletes {@code path} if it passes every rule; the outcome says what happened. */
    static ContinueOutcome delete(String path) {
        Optional<String> problem = problem(path);
        if (problem.isPresent()) return ContinueOutcome.of(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK, problem.get());
        Path file = Path.of(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return ContinueOutcome.of(ContinueOutcome.Kind.LOCK_ALREADY_GONE, path + " was already deleted");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK, path + " is not a regular file");
        }
        try {
            Files.delete(file);
            return ContinueOutcome.of(ContinueOutcome.Kind.CONTINUED, "deleted " + path);
        } catch (NoSuchFileException e) {
            return ContinueOutcome.of(ContinueOutcome.Kind.LOCK_ALREADY_GONE, path + " was already deleted");
        } catch (IOException e) {
            return ContinueOutcome.of(ContinueOutcome.Kind.NOT_THE_ROLES_LOCK, "could not delete " + path + ": " + e);
        }
    }

    /** Why {@code path} cannot be the role's lock file, or empty when it can. Does not look at the file itself. */
    static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) return Optional.of("no lock file");
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return Optional.of("not a path: " + path);
        }
        if (!p.isAbsolute()) return Optional.of(path + " is not an absolute path");
        for (Path part : p) {
            if (part.toString().equals("..") || part.toString().equals(".")) return Optional.of(path + " contains " + part);
        }
        if (!p.getFileName().toString().endsWith(PauseTracker.LOCK_SUFFIX)) {
            return Optional.of(path + " does not end with " + PauseTracker.LOCK_SUFFIX);
        }
        if (!temporaryDirectories().contains(p.getParent())) {
            return Optional.of(path + " is not in a temporary directory " + temporaryDirectories());
        }
        return Optional.empty();
    }

    /** Where Python's tempfile (the module's default) puts files: $TMPDIR, /tmp, /var/tmp, /usr/tmp. */
    static Set<Path> temporaryDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        String tmpdir = System.getenv("TMPDIR");
        if (tmpdir != null && !tmpdir.isBlank() && tmpdir.startsWith("/")) dirs.add(Path.of(tmpdir).normalize());
        dirs.add(Path.of("/tmp"));
        dirs.add(Path.of("/var/tmp"));
        dirs.add(Path.of("/usr/tmp"));
        return dirs;
    }
}
