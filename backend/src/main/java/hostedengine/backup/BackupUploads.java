package hostedengine.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A backup uploaded from the browser (guide 4.1: the backup of an engine being migrated, made
 * elsewhere): judged by its declared length before a byte is read (the cap, and the free space
 * with a reserve left over), streamed into the incoming directory as a private part file, then
 * judged as an engine-backup archive, and only then moved beside the others under a name the
 * product makes. Whatever fails, the part file is removed: nothing partial stays, and nothing is
 * ever written outside {@code <state>/backups/.incoming} before the archive was judged.
 */
public final class BackupUploads {
    /** The largest upload accepted; an engine database of many years runs to a few GiB. */
    public static final long DEFAULT_CAP = 32L << 30;
    /** What must stay free beside an upload, so the host's state directory never fills. */
    public static final long RESERVE = 1L << 30;

    /** What came of an upload. */
    public sealed interface Outcome permits Stored, Refused {}

    public record Stored(BackupStore.Backup backup) implements Outcome {}

    /** Refused: the HTTP status that says why, a message key and its arguments. */
    public record Refused(int status, String key, List<String> args) implements Outcome {
        public Refused { args = List.copyOf(args); }
    }

    private final BackupStore store;
    private final long cap;
    private final LongSupplier freeBytes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param freeBytes the free space where the backups are kept (tests give less) */
    public BackupUploads(BackupStore store, long cap, LongSupplier freeBytes, Clock clock) {
        this.store = store;
        this.cap = cap;
        this.freeBytes = freeBytes;
        this.clock = clock;
    }

    public static BackupUploads of(BackupStore store) {
        return new BackupUploads(store, DEFAULT_CAP, () -> {
            try {
                return store.freeBytes();
            } catch (IOException e) {
                return 0;
            }
        }, Clock.systemUTC());
    }

    public long cap() { return cap; }

    /** Stores the body of {@code declared} bytes, or says why not; the body is not read when refused before. */
    public Outcome store(InputStream body, long declared) {
        if (declared < 0) return new Refused(411, "request.lengthRequired", List.of());
        if (declared == 0) return new Refused(422, "backup.upload.empty", List.of());
        if (declared > cap) return new Refused(413, "backup.upload.tooLarge", List.of(gib(cap)));
        long free = freeBytes.getAsLong();
        if (declared > free - RESERVE) return new Refused(507, "backup.upload.noSpace", List.of(gib(declared), gib(free)));
        Path part;
        try {
            store.prepare();
            part = store.incoming().resolve("upload-" + HexFormat.of().formatHex(bytes(8)) + ".part");
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            return new Refused(500, "backup.upload.writeFailed", List.of(String.valueOf(e.getMessage())));
        }
        try {
            return judged(part, copy(body, part, declared));
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // A part file that cannot be removed is in the incoming directory, never listed.
            }
        }
    }

    private Outcome judged(Path part, Refused copyProblem) {
        if (copyProblem != null) return copyProblem;
        BackupArchive archive;
        try {
            archive = BackupArchive.read(part, store.incoming());
        } catch (BackupArchive.Refused r) {
            return new Refused(422, "backup.upload.notBackup", List.of(r.messageKey()));
        } catch (IOException e) {
            return new Refused(500, "backup.upload.writeFailed", List.of(String.valueOf(e.getMessage())));
        }
        try {
            Path target = freeName(archive.backedUpAt());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            String name = target.getFileName().toString();
            return store.list().stream().filter(b -> b.name().equals(name)).findFirst()
                    .<Outcome>map(Stored::new)
                    .orElseGet(() -> new Refused(500, "backup.upload.writeFailed", List.of(name)));
        } catch (IOException e) {
            return new Refused(500, "backup.upload.writeFailed", List.of(String.valueOf(e.getMessage())));
        }
    }

    /** Exactly {@code declared} bytes into {@code part}; a shorter or longer body, or a full disk, refuses. */
    private static Refused copy(InputStream body, Path part, long declared) {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = body.read(buffer, 0, (int) Math.min(buffer.length, declared - written + 1))) > 0) {
                written += n;
                if (written > declared) return new Refused(400, "backup.upload.incomplete", List.of());
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A disk that filled, or a client that went away mid-body.
            return written < declared && isFull(e) ? new Refused(507, "backup.upload.diskFull", List.of())
                    : new Refused(400, "backup.upload.incomplete", List.of());
        }
        return written == declared ? null : new Refused(400, "backup.upload.incomplete", List.of());
    }

    private static boolean isFull(IOException e) {
        return String.valueOf(e.getMessage()).contains("No space left on device");
    }

    /** The product's name for the backup: its own time when free, else the time of the upload (seconds on until free). */
    private Path freeName(Instant backedUpAt) {
        Instant at = backedUpAt == null ? clock.instant() : backedUpAt;
        for (int i = 0; ; i++) {
            Path p = store.directory().resolve(BackupStore.newName(at.plusSeconds(i)));
            if (!Files.exists(p)) return p;
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }
}
