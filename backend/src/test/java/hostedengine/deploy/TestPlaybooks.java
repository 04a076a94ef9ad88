package hostedengine.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** A playbooks directory for tests: our callback and wrapper, with the small test role. */
public final class TestPlaybooks {
    private TestPlaybooks() {}

    static RunSettings settings(Path tmp) throws IOException {
        Path dir = tmp.resolve("playbooks");
        copyTree(Path.of("../playbooks"), dir);
        copyTree(Path.of("src/test/playbooks"), dir);
        dir.resolve("bin/run-phase").toFile().setExecutable(true);
        return new RunSettings(Path.of("/usr/bin/ansible-playbook"), dir, "wizard_test_role", false, 1.0, Map.of());
    }

    /** Copies a directory tree (file modes kept, Python's byte-code left out). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!p.toString().endsWith(".pyc")) Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
