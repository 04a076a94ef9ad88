package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.backup.EngineBackupDoubleTest.SimulatedVm;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An uploaded backup: stored under the product's name only once it reads as an engine-backup
 * archive; refused, before a byte is read, when over the cap or when it would not leave the
 * reserve free; and in every refusal nothing is left behind, in the upload area or elsewhere.
 */
class BackupUploadsTest {
    @TempDir Path state;
    @TempDir Path elsewhere;
    BackupStore store;

    @BeforeEach
    void store() { store = new BackupStore(state); }

    private BackupUploads uploads(long cap, long free) {
        return new BackupUploads(store, cap, () -> free, Clock.systemUTC());
    }

    private static final long PLENTY = 100L << 30;

    @Test
    void anEngineBackupArchiveIsStoredUnderTheProductsNameAndListedWithItsEngine() throws Exception {
        Path archive = SimulatedVm.install(elsewhere.resolve("vm")).backup(elsewhere.resolve("upload me; rm -rf.backup"));
        byte[] bytes = Files.readAllBytes(archive);

        var outcome = uploads(1L << 30, PLENTY).store(new ByteArrayInputStream(bytes), bytes.length);

        assertThat(outcome).isInstanceOf(BackupUploads.Stored.class);
        var stored = ((BackupUploads.Stored) outcome).backup();
        assertThat(stored.name()).matches(BackupStore.NAME.pattern());
        assertThat(stored.engineFqdn()).isEqualTo("engine.example.com");
        assertThat(stored.sha256()).isEqualTo(BackupStore.sha256(archive));
        assertThat(store.list()).extracting(BackupStore.Backup::name).containsExactly(stored.name());
        assertThat(files(store.incoming())).isEmpty();
    }

    @Test
    void aFileThatIsNotAnEngineBackupIsRefusedWithTheReasonAndNothingStays() throws Exception {
        byte[] text = "ENGINE_FQDN=engine.example.com\n".getBytes();
        var notArchive = uploads(1L << 30, PLENTY).store(new ByteArrayInputStream(text), text.length);
        assertThat(notArchive).isEqualTo(new BackupUploads.Refused(422, "backup.upload.notBackup", List.of("backup.notArchive")));

        Path otherTar = elsewhere.resolve("other.tar");
        Files.writeString(elsewhere.resolve("notes.txt"), "not a backup");
        new ProcessBuilder("tar", "-C", elsewhere.toString(), "-czf", otherTar.toString(), "notes.txt").start().waitFor();
        byte[] tar = Files.readAllBytes(otherTar);
        var notEngineBackup = uploads(1L << 30, PLENTY).store(new ByteArrayInputStream(tar), tar.length);
        assertThat(notEngineBackup).isEqualTo(new BackupUploads.Refused(422, "backup.upload.notBackup", List.of("backup.notEngineBackup")));

        assertThat(store.list()).isEmpty();
        assertThat(files(store.incoming())).isEmpty();
    }

    @Test
    void overTheCapOrBeyondTheFreeSpaceIsRefusedBeforeAByteIsRead() throws Exception {
        InputStream untouchable = new InputStream() {
            @Override public int read() { throw new AssertionError("the body was read"); }
        };
        assertThat(uploads(1000, PLENTY).store(untouchable, 1001)).isInstanceOfSatisfying(BackupUploads.Refused.class,
                r -> assertThat(r.status()).isEqualTo(413));
        assertThat(uploads(1L << 30, BackupUploads.RESERVE + 500).store(untouchable, 501))
                .isInstanceOfSatisfying(BackupUploads.Refused.class, r -> {
                    assertThat(r.status()).isEqualTo(507);
                    assertThat(r.key()).isEqualTo("backup.upload.noSpace");
                });
        assertThat(uploads(1000, PLENTY).store(untouchable, -1)).isInstanceOfSatisfying(BackupUploads.Refused.class,
                r -> assertThat(r.status()).isEqualTo(411));
        assertThat(files(store.directory())).as("nothing written, not even the directories' contents").isEmpty();
    }

    @Test
    void aBodyShorterOrLongerThanDeclaredLeavesNothing() throws Exception {
        assertThat(uploads(1L << 20, PLENTY).store(new ByteArrayInputStream(new byte[10]), 1000))
                .isEqualTo(new BackupUploads.Refused(400, "backup.upload.incomplete", List.of()));
        assertThat(uploads(1L << 20, PLENTY).store(new ByteArrayInputStream(new byte[2000]), 1000))
                .isEqualTo(new BackupUploads.Refused(400, "backup.upload.incomplete", List.of()));
        assertThat(files(store.incoming())).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
