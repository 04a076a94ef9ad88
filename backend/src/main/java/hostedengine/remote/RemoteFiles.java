package hostedengine.remote;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading files of a remote host over SFTP: size and time of a path, a directory's entries,
 * and a bounded range of bytes. Paths are handed to the SFTP server as they are, never to a
 * shell. Opened by {@link SshConnection#files}.
 */
public final class RemoteFiles implements AutoCloseable {
    private final ChannelSftp sftp;

    RemoteFiles(ChannelSftp sftp) { this.sftp = sftp; }

    /** What {@code stat} tells of a path. */
    public record Attributes(boolean directory, long size, long modifiedEpochSeconds) {}

    /** One entry of a directory (neither "." nor ".."). */
    public record Entry(String name, Attributes attributes) {}

    /** The path's attributes, following links; empty when it does not exist. */
    public Optional<Attributes> stat(String path) throws IOException {
        try {
            return Optional.of(of(sftp.stat(path)));
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) return Optional.empty();
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The entries of a directory; empty when it does not exist. */
    public List<Entry> list(String directory) throws IOException {
        var out = new ArrayList<Entry>();
        try {
            for (Object o : sftp.ls(directory)) {
                var e = (ChannelSftp.LsEntry) o;
                if (e.getFilename().equals(".") || e.getFilename().equals("..")) continue;
                out.add(new Entry(e.getFilename(), of(e.getAttrs())));
            }
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) return List.of();
            throw new IOException(directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** At most {@code max} bytes of the file from {@code offset} on. */
    public byte[] read(String path, long offset, int max) throws IOException {
        try (InputStream in = sftp.get(path, (com.jcraft.jsch.SftpProgressMonitor) null, offset)) {
            return in.readNBytes(max);
        } catch (SftpException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    private static Attributes of(SftpATTRS a) {
        return new Attributes(a.isDir(), a.getSize(), a.getMTime() & 0xffffffffL);
    }

    @Override public void close() { sftp.disconnect(); }
}
