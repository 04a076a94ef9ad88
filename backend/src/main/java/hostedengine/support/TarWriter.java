package hostedengine.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tar archive in the POSIX ustar format, written entry by entry to a stream (the JDK has no
 * tar writer, and the bundle must not need a library for it). Each entry is a regular file of
 * mode 0600 owned by root; its name is split into ustar's prefix and name fields when longer
 * than 100 bytes. {@link #finish()} writes the two empty blocks that end an archive.
 */
public final class TarWriter {
    private static final int BLOCK = 512;
    private final OutputStream out;

    public TarWriter(OutputStream out) { this.out = out; }

    /** One regular file. */
    public void add(String name, byte[] content, long modifiedEpochSeconds) throws IOException {
        out.write(header(name, content.length, modifiedEpochSeconds));
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    /** The end of the archive. */
    public void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    static byte[] header(String name, long size, long mtime) {
        byte[] h = new byte[BLOCK];
        byte[] full = name.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[0];
        byte[] shortName = full;
        if (full.length > 100) {
            // ustar keeps up to 155 bytes of directories in "prefix" and the rest (100) in "name".
            int split = -1;
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                if (name.substring(i + 1).getBytes(StandardCharsets.UTF_8).length <= 100) {
                    split = i;
                    break;
                }
            }
            if (split <= 0) throw new IllegalArgumentException("name too long for ustar: " + name);
            prefix = name.substring(0, split).getBytes(StandardCharsets.UTF_8);
            shortName = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (prefix.length > 155) throw new IllegalArgumentException("name too long for ustar: " + name);
        }
        put(h, 0, shortName);
        octal(h, 100, 8, 0600);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 265, "root".getBytes(StandardCharsets.US_ASCII));
        put(h, 297, "root".getBytes(StandardCharsets.US_ASCII));
        put(h, 345, prefix);
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        // Six octal digits, NUL, space: as GNU and BSD tar write it.
        byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        put(h, 148, digits);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** An octal number of {@code length - 1} digits and a NUL. */
    private static void octal(byte[] h, int at, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) throw new IllegalArgumentException("value too large for ustar: " + value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        put(h, at, padded.getBytes(StandardCharsets.US_ASCII));
        h[at + length - 1] = 0;
    }

    private static void put(byte[] h, int at, byte[] bytes) { System.arraycopy(bytes, 0, h, at, bytes.length); }
}
