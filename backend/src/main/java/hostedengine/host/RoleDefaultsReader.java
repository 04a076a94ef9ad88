package hostedengine.host;

import hostedengine.wizard.RoleDefaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the installed {@code ovirt.ovirt.hosted_engine_setup} role and reads the numbers the
 * wizard must agree with it on from its defaults/main.yml. Falls back to
 * {@link RoleDefaults#builtIn()} when the role is missing or its file cannot be read.
 */
public final class RoleDefaultsReader {
    static final Path ROLE_IN_COLLECTIONS =
            Path.of("ansible_collections", "ovirt", "ovirt", "roles", "hosted_engine_setup");

    /** Top-level scalars only: "key: 123", optionally quoted, optionally with a comment. */
    private static final Pattern SCALAR =
            Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*):\\s*['\"]?(-?\\d+)['\"]?\\s*(#.*)?$");

    private RoleDefaultsReader() {}

    /** The installed role's defaults, or the built-in figures when the role is absent. */
    public static RoleDefaults read() {
        return roleDirectory()
                .map(dir -> read(dir.resolve("defaults").resolve("main.yml")))
                .orElseGet(RoleDefaults::builtIn);
    }

    /** Reads one defaults/main.yml; any key missing from it keeps its built-in value. */
    public static RoleDefaults read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | UncheckedIOException e) {
            return RoleDefaults.builtIn();
        }
        return parse(text, file.toString());
    }

    /** Pure: the numbers from the text of a defaults/main.yml, built-in values for keys it lacks. */
    static RoleDefaults parse(String yaml, String source) {
        Map<String, Integer> values = new HashMap<>();
        for (String line : yaml.split("\n")) {
            Matcher m = SCALAR.matcher(line.stripTrailing());
            if (m.matches()) {
                try {
                    values.put(m.group(1), Integer.parseInt(m.group(2)));
                } catch (NumberFormatException tooBig) {
                    // not one of ours: our keys are small integers
                }
            }
        }
        RoleDefaults b = RoleDefaults.builtIn();
        return new RoleDefaults(
                values.getOrDefault("he_minimal_mem_size_MB", b.minimalMemMb()),
                values.getOrDefault("he_reserved_memory_MB", b.reservedMemoryMb()),
                values.getOrDefault("he_avail_memory_grace_MB", b.memoryGraceMb()),
                values.getOrDefault("he_minimal_disk_size_GB", b.minimalDiskGb()),
                values.getOrDefault("he_disk_size_GB", b.defaultDiskGb()),
                source);
    }

    /** The installed role's directory, searched where ansible-galaxy and the distributions put it. */
    public static Optional<Path> roleDirectory() {
        return collectionRoots(System.getenv(), Path.of(System.getProperty("user.home"))).stream()
                .map(root -> root.resolve(ROLE_IN_COLLECTIONS))
                .filter(dir -> Files.isRegularFile(dir.resolve("defaults").resolve("main.yml")))
                .findFirst();
    }

    /** The directories that may hold ansible_collections/, in the order Ansible prefers them. */
    static List<Path> collectionRoots(Map<String, String> env, Path home) {
        var roots = new LinkedHashSet<Path>();
        // ANSIBLE_COLLECTIONS_PATHS is the older spelling; ansible-core 2.14 still reads both.
        for (String variable : List.of("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_COLLECTIONS_PATHS")) {
            String value = env.get(variable);
            if (value == null) continue;
            for (String entry : value.split(":")) {
                if (entry.isBlank()) continue;
                Path p = entry.startsWith("~/") ? home.resolve(entry.substring(2)) : Path.of(entry);
                roots.add(p);
                // An entry may name the ansible_collections directory itself.
                if (p.getFileName() != null && p.getFileName().toString().equals("ansible_collections")
                        && p.getParent() != null) {
                    roots.add(p.getParent());
                }
            }
        }
        roots.add(home.resolve(".ansible").resolve("collections"));
        roots.add(Path.of("/usr/share/ansible/collections"));
        roots.add(Path.of("/usr/lib/python3/dist-packages"));
        roots.addAll(pythonSitePackages(Path.of("/usr/lib")));
        roots.addAll(pythonSitePackages(Path.of("/usr/lib64")));
        return new ArrayList<>(roots);
    }

    private static List<Path> pythonSitePackages(Path lib) {
        try (Stream<Path> dirs = Files.list(lib)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("python3"))
                    .map(d -> d.resolve("site-packages"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
