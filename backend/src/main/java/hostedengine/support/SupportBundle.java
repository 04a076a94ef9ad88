package hostedengine.support;

import hostedengine.ansible.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One support bundle: text files with the reason each is there, written as a gzip'd tar one
 * file at a time (only one file, at most {@link #MAX_FILE_BYTES}, is in memory at once). Every
 * file passes the redactor on its way in; a larger file keeps its tail. {@code MANIFEST.txt},
 * the last file, lists each file, why it is there, its size and whether it was cut.
 */
public final class SupportBundle {
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    public static final String MANIFEST = "MANIFEST.txt";

    /** A file's content as read: its bytes (the tail when {@code cut}) and the whole size. */
    public record Content(byte[] bytes, long fullSize, boolean cut) {
        public static Content of(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            if (b.length <= MAX_FILE_BYTES) return new Content(b, b.length, false);
            return new Content(java.util.Arrays.copyOfRange(b, b.length - MAX_FILE_BYTES, b.length), b.length, true);
        }
    }

    /** Reads a file's content when its turn comes. */
    @FunctionalInterface
    public interface Source {
        Content read() throws IOException;
    }

    private record Entry(String name, String why, Source source) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Redactor redactor;
    private final String root;

    /** @param root the directory every file of the archive is in, e.g. {@code hosted-engine-support-20250601T090000Z} */
    public SupportBundle(String root, Redactor redactor) {
        this.root = root;
        this.redactor = redactor;
    }

    public SupportBundle add(String name, String why, Source source) {
        entries.add(new Entry(name, why, source));
        return this;
    }

    public SupportBundle addText(String name, String why, String text) { return add(name, why, () -> Content.of(text)); }

    /** A file of the state directory (or of the host), its last {@link #MAX_FILE_BYTES} when larger. */
    public SupportBundle addFile(String name, String why, Path file) { return add(name, why, () -> tail(file)); }

    /** Writes the archive, gzip'd, to {@code out} (not closed). */
    public void write(OutputStream out, Instant now) throws IOException {
        var gzip = new GZIPOutputStream(out, 64 * 1024);
        var tar = new TarWriter(gzip);
        long mtime = now.getEpochSecond();
        var manifest = new StringBuilder("Hosted Engine Wizard support bundle, made " + now + "\n"
                + "Every file was masked (passwords known to the wizard, private keys) before it was added.\n"
                + "Files larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB keep their last part only.\n\n");
        for (Entry e : entries) {
            Content content;
            try {
                content = e.source().read();
            } catch (IOException | RuntimeException failed) {
                content = Content.of("could not be read: " + failed.getMessage() + "\n");
            }
            byte[] masked = redactor.redact(new String(content.bytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            tar.add(root + "/" + e.name(), masked, mtime);
            manifest.append(e.name()).append('\n')
                    .append("  why: ").append(e.why()).append('\n')
                    .append("  size: ").append(masked.length).append(" bytes");
            if (content.cut()) manifest.append(" (the last part of ").append(content.fullSize()).append(" bytes)");
            manifest.append("\n\n");
        }
        manifest.append(MANIFEST).append("\n  why: this list\n");
        tar.add(root + "/" + MANIFEST, redactor.redact(manifest.toString()).getBytes(StandardCharsets.UTF_8), mtime);
        tar.finish();
        gzip.finish();
        gzip.flush();
    }

    /** The whole file, or its last {@link #MAX_FILE_BYTES}. */
    static Content tail(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            long from = Math.max(0, size - MAX_FILE_BYTES);
            ch.position(from);
            try (InputStream in = Channels.newInputStream(ch)) {
                return new Content(in.readNBytes(MAX_FILE_BYTES), size, from > 0);
            }
        }
    }
}
