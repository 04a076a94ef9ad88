package hostedengine.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts the playbooks the server carries (trigger playbook, callback, wrapper, simulator
 * role) into a real directory Ansible can read: {@code <state>/playbooks}. Unpacked afresh
 * at every start, so an upgraded server never runs an older copy.
 */
public final class PlaybookFiles {
    private PlaybookFiles() {}

    public static Path unpack(Path stateDir) {
        Path target = stateDir.resolve("playbooks");
        try {
            URI source = PlaybookFiles.class.getClassLoader().getResource("playbooks/hosted_engine.yml").toURI();
            if ("jar".equals(source.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(source, Map.of())) {
                    copyTree(jar.getPath("/playbooks"), target);
                }
            } else {
                copyTree(Path.of(source).getParent(), target);
            }
            Path wrapper = target.resolve("bin/run-phase");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the playbooks into " + target, e);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the playbooks are missing from the server's classpath", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().endsWith(".pyc")) {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
