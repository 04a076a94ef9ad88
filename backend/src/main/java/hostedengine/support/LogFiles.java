package hostedengine.support;

import hostedengine.remote.RemoteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deployment host's files, as far as reading logs needs them: this host's file system, or
 * the remote host's over SFTP. Paths are absolute and come from {@link HostLog} only.
 */
public interface LogFiles extends AutoCloseable {
    /** Size and time of a path; empty when it does not exist. */
    Optional<RemoteFiles.Attributes> stat(String path) throws IOException;

    /** A directory's entries; empty when it does not exist. */
    List<RemoteFiles.Entry> list(String directory) throws IOException;

    /** At most {@code max} bytes from {@code offset} on. */
    byte[] read(String path, long offset, int max) throws IOException;

    @Override void close();

    /** This host's files, every path taken below {@code root} ("/" on a host; the simulator's directory in simulation). */
    static LogFiles local(Path root) {
        return new LogFiles() {
            private Path at(String path) { return root.resolve(path.replaceFirst("^/+", "")); }

            @Override public Optional<RemoteFiles.Attributes> stat(String path) throws IOException {
                try {
                    var a = Files.readAttributes(at(path), BasicFileAttributes.class);
                    return Optional.of(new RemoteFiles.Attributes(a.isDirectory(), a.size(), a.lastModifiedTime().toMillis() / 1000));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
            }

            @Override public List<RemoteFiles.Entry> list(String directory) throws IOException {
                Path dir = at(directory);
                if (!Files.isDirectory(dir)) return List.of();
                var out = new ArrayList<RemoteFiles.Entry>();
                try (Stream<Path> entries = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) entries::iterator) {
                        stat(directory + "/" + p.getFileName()).ifPresent(a -> out.add(new RemoteFiles.Entry(p.getFileName().toString(), a)));
                    }
                }
                return out;
            }

            @Override public byte[] read(String path, long offset, int max) throws IOException {
                try (SeekableByteChannel ch = Files.newByteChannel(at(path))) {
                    ch.position(offset);
                    try (InputStream in = Channels.newInputStream(ch)) {
                        return in.readNBytes(max);
                    }
                }
            }

            @Override public void close() { }
        };
    }

    /** The remote host's files over SFTP, every path taken below {@code root}; closing closes the SFTP channel. */
    static LogFiles remote(RemoteFiles files, String root, AutoCloseable connection) {
        String prefix = root.replaceFirst("/+$", "");
        return new LogFiles() {
            @Override public Optional<RemoteFiles.Attributes> stat(String path) throws IOException { return files.stat(prefix + path); }

            @Override public List<RemoteFiles.Entry> list(String directory) throws IOException { return files.list(prefix + directory); }

            @Override public byte[] read(String path, long offset, int max) throws IOException { return files.read(prefix + path, offset, max); }

            @Override public void close() {
                files.close();
                try {
                    connection.close();
                } catch (Exception ignored) {
                    // Closing an SSH session does not fail in a way the reader could act on.
                }
            }
        };
    }
}
