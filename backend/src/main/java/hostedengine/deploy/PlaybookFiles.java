package hostedengine.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts the playbooks the server carries (trigger playbook, callback, wrapper, simulator
 * role) into a real directory Ansible can read: {@code <state>/playbooks}. Unpacked afresh
 * at every start, so an upgraded server never runs an older copy.
 */
public final class PlaybookFiles {
    private static final String PREFIX = "playbooks/";

    private PlaybookFiles() {}

    public static Path unpack(Path stateDir) {
        Path target = stateDir.resolve("playbooks");
        try {
            URI source = PlaybookFiles.class.getClassLoader().getResource("playbooks/hosted_engine.yml").toURI();
            if ("jar".equals(source.getScheme())) {
                copyFromJar(Path.of(jarFile(source)), target);
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

    /** The jar in {@code jar:file:/…/x.jar!/playbooks/…}. */
    private static URI jarFile(URI entry) throws URISyntaxException {
        String spec = entry.getRawSchemeSpecificPart();
        return new URI(spec.substring(0, spec.indexOf("!/")));
    }

    /**
     * Copies the jar's {@code playbooks/} entries. Through {@link ZipFile}, which shares the central
     * directory the class loader already read, not a zip file system, which indexes all of the jar's
     * ~22,000 entries again (half a second of the server's start).
     */
    private static void copyFromJar(Path jar, Path to) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (!name.startsWith(PREFIX) || name.contains("..")) continue;
                Path dest = to.resolve(name.substring(PREFIX.length()));
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                } else if (!name.endsWith(".pyc")) {
                    Files.createDirectories(dest.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
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
