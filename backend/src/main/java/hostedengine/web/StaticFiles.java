package hostedengine.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The directories the server's static files are served from. Javalin serves a classpath
 * directory by mounting the jar as a zip file system, four times per directory, and keeps each
 * mount: with the jar's ~22,000 entries that held about 45 MB of heap for good and took part of
 * a second of every start. So a directory that is in a jar is copied out into
 * {@code <state>/web} when the jar differs from the one copied last (its path, size and time),
 * and served from there; one on the file system (a build's classes directory) is served where
 * it is. Only the files the pages use are copied: of the Bootstrap webjar's 11 MB, one style sheet.
 */
final class StaticFiles {
    private StaticFiles() {}

    /** The directory holding the classpath directory {@code name} (e.g. "static"), every file of it. */
    static Path directory(String name, Path stateDir) {
        return directory(name, stateDir, path -> true);
    }

    /**
     * The directory holding the files of the classpath directory {@code name} that {@code served}
     * accepts (by their path below it, e.g. "bootstrap/5.3.3/css/bootstrap.min.css").
     */
    static Path directory(String name, Path stateDir, java.util.function.Predicate<String> served) {
        URL url = StaticFiles.class.getClassLoader().getResource(name);
        if (url == null) throw new IllegalStateException(name + " is missing from the server's classpath");
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) return Path.of(uri);
            if (!"jar".equals(uri.getScheme())) throw new IllegalStateException("cannot serve " + uri);
            String spec = uri.getRawSchemeSpecificPart();
            Path jar = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
            Path target = stateDir.resolve("web").resolve(name);
            copyOut(jar, name.endsWith("/") ? name : name + "/", target, served);
            return target;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot serve " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the static files " + name + " into " + stateDir, e);
        }
    }

    static void copyOut(Path jar, String prefix, Path to, java.util.function.Predicate<String> served) throws IOException {
        // The same jar (path, size, time) was copied out by an earlier start: nothing to do, and
        // the start is the quicker for it. The stamp is written last, so a copy cut short is redone.
        Path stamp = to.resolveSibling(to.getFileName() + ".copied-from");
        String from = jar.toAbsolutePath() + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis() + "\n";
        if (Files.isDirectory(to) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(from)) return;
        Files.deleteIfExists(stamp);
        if (Files.isDirectory(to)) { // what an older server copied out goes (a file it no longer has, too)
            try (var old = Files.walk(to)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(to);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (!name.startsWith(prefix) || name.contains("..") || e.isDirectory()) continue;
                String below = name.substring(prefix.length());
                if (!served.test(below)) continue;
                Path dest = to.resolve(below);
                Files.createDirectories(dest.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(stamp, from);
    }
}
