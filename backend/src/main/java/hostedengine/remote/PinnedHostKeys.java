package hostedengine.remote;

import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host keys the administrator confirmed, in OpenSSH's {@code known_hosts} format at
 * {@code <state>/known_hosts}, so our JSch calls and Ansible's {@code ssh}
 * ({@code UserKnownHostsFile=…, StrictHostKeyChecking=yes}) trust exactly the same keys.
 * One key per host and port; written to a temporary file and renamed, mode 0600.
 */
public final class PinnedHostKeys {
    private final Path file;

    public PinnedHostKeys(Path stateDir) { this.file = stateDir.resolve("known_hosts"); }

    public Path file() { return file; }

    /** OpenSSH's host pattern: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String pattern(String address, int port) {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    public synchronized Optional<HostKey> pinned(String address, int port) {
        String pattern = pattern(address, port);
        for (String line : lines()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals(pattern)) {
                try {
                    return Optional.of(HostKey.parse(f[1], f[2]));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Pins {@code key} for the host, replacing any key pinned before. */
    public synchronized void pin(String address, int port, HostKey key) throws IOException {
        List<String> kept = without(pattern(address, port));
        kept.add(pattern(address, port) + " " + key.type() + " " + key.base64());
        write(kept);
    }

    /** Forgets the host's key; the next contact shows the fingerprint for confirmation again. */
    public synchronized boolean forget(String address, int port) throws IOException {
        List<String> all = lines();
        List<String> kept = without(pattern(address, port));
        if (kept.size() == all.size()) return false;
        write(kept);
        return true;
    }

    private List<String> without(String pattern) {
        List<String> kept = new ArrayList<>();
        for (String line : lines()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 0 && f[0].equals(pattern)) continue;
            kept.add(line);
        }
        return kept;
    }

    private List<String> lines() {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String l : lines) text.append(l).append('\n');
        PrivateFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
