package hostedengine.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deployment host's backup directory, {@code <state>/backups} (owner only): the archives
 * {@code engine-backup} made, each with what an administrator needs to pick one (the engine's
 * name and version read from the archive, when it was made, size, SHA-256). Only names the
 * product made are ever read or served ({@link #NAME}); a copy under way sits in
 * {@code .incoming/} and is never listed. What was read from an archive is kept beside it
 * ({@code <name>.json}) and read again only when the archive changed.
 */
public final class BackupStore {
    /** The names the product gives: engine-backup's own default pattern, in UTC. Nothing else is listed or served. */
    public static final Pattern NAME = Pattern.compile("ovirt-engine-backup-[0-9]{14}\\.backup");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many backups are kept when nobody chose: every one. */
    public static final int KEEP_ALL = 0;
    public static final int MAX_KEEP = 1000;

    /**
     * One backup as the list shows it.
     *
     * @param problem null for a readable engine-backup archive; else why it is not one (a message key)
     */
    public record Backup(String name, String engineFqdn, String engineVersion, Instant backedUpAt, long size,
                         String sha256, String problem) {
        public boolean good() { return problem == null; }
    }

    private final Path dir;
    private final Path scratch;

    /** @param stateDir the server's state directory; the backups live in its {@code backups/} */
    public BackupStore(Path stateDir) {
        this.dir = stateDir.resolve("backups");
        this.scratch = dir.resolve(".scratch");
    }

    public Path directory() { return dir; }

    /** Where a copy under way is written; moved beside the others only once whole. */
    public Path incoming() { return dir.resolve(".incoming"); }

    /** Makes the directories, owner only. */
    public void prepare() throws IOException {
        for (Path d : List.of(dir, incoming(), scratch)) {
            if (!Files.isDirectory(d)) {
                Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** A new backup's name, from the time it is started: never from anything a user typed. */
    public static String newName(Instant now) { return "ovirt-engine-backup-" + STAMP.format(now) + ".backup"; }

    /** Every backup, newest first. */
    public synchronized List<Backup> list() {
        List<Backup> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isRegularFile(f)) all.add(read(f));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
        all.sort(Comparator.comparing(Backup::name).reversed());
        return all;
    }

    /** The archive of the backup called {@code name}, if it is one of ours and still there. */
    public Optional<Path> file(String name) {
        if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
        Path f = dir.resolve(name);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** Deletes a backup and what was read from it; false when there is no such backup. */
    public synchronized boolean delete(String name) throws IOException {
        Optional<Path> f = file(name);
        if (f.isEmpty()) return false;
        Files.deleteIfExists(sidecar(f.get()));
        return Files.deleteIfExists(f.get());
    }

    /** How many good backups are kept (the newest); {@link #KEEP_ALL} keeps every one. */
    public synchronized int retention() {
        try {
            Map<?, ?> m = JSON.readValue(dir.resolve("retention.json").toFile(), Map.class);
            return m.get("keep") instanceof Integer n && n >= 0 && n <= MAX_KEEP ? n : KEEP_ALL;
        } catch (IOException e) {
            return KEEP_ALL;
        }
    }

    /** Sets how many backups are kept and deletes the older ones at once; returns their names. */
    public synchronized List<String> setRetention(int keep) throws IOException {
        if (keep < 0 || keep > MAX_KEEP) throw new IllegalArgumentException("keep " + keep);
        prepare();
        PrivateFiles.writeAtomically(dir.resolve("retention.json"), JSON.writeValueAsBytes(Map.of("keep", keep)));
        return prune();
    }

    /**
     * Deletes the oldest good backups beyond the retention. An archive that cannot be read is
     * never deleted by this: the administrator sees it and decides.
     */
    public synchronized List<String> prune() throws IOException {
        int keep = retention();
        if (keep == KEEP_ALL) return List.of();
        List<String> deleted = new ArrayList<>();
        List<Backup> good = list().stream().filter(Backup::good).toList();
        for (Backup b : good.subList(Math.min(keep, good.size()), good.size())) {
            if (delete(b.name())) deleted.add(b.name());
        }
        return deleted;
    }

    /** Free bytes where the backups are kept. */
    public long freeBytes() throws IOException {
        Path at = Files.isDirectory(dir) ? dir : dir.getParent();
        return Files.getFileStore(at).getUsableSpace();
    }

    private Backup read(Path f) throws IOException {
        long size = Files.size(f);
        long modified = Files.getLastModifiedTime(f).toMillis();
        Path side = sidecar(f);
        try {
            Map<?, ?> m = JSON.readValue(side.toFile(), Map.class);
            if (m.get("size") instanceof Number s && s.longValue() == size
                    && m.get("modified") instanceof Number t && t.longValue() == modified) {
                return new Backup(f.getFileName().toString(), (String) m.get("fqdn"), (String) m.get("version"),
                        m.get("time") == null ? null : Instant.parse((String) m.get("time")), size,
                        (String) m.get("sha256"), (String) m.get("problem"));
            }
        } catch (IOException | RuntimeException stale) {
            // No record yet, or one from another copy of the file: read the archive again.
        }
        Backup b = examine(f, size);
        var m = new LinkedHashMap<String, Object>();
        m.put("size", size);
        m.put("modified", modified);
        m.put("fqdn", b.engineFqdn());
        m.put("version", b.engineVersion());
        m.put("time", b.backedUpAt() == null ? null : b.backedUpAt().toString());
        m.put("sha256", b.sha256());
        m.put("problem", b.problem());
        PrivateFiles.writeAtomically(side, JSON.writeValueAsBytes(m));
        return b;
    }

    private Backup examine(Path f, long size) throws IOException {
        String name = f.getFileName().toString();
        String sha256 = sha256(f);
        prepare();
        try {
            BackupArchive a = BackupArchive.read(f, scratch);
            return new Backup(name, a.engineFqdn(), a.engineVersion(), a.backedUpAt(), size, sha256, null);
        } catch (BackupArchive.Refused r) {
            return new Backup(name, null, null, null, size, sha256, r.messageKey());
        }
    }

    /** The archive's SHA-256, as {@code sha256sum} prints it. */
    public static String sha256(Path f) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path sidecar(Path f) { return f.resolveSibling(f.getFileName() + ".json"); }
}
