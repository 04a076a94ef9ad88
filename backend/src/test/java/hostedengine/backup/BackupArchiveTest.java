package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import hostedengine.backup.EngineBackupDoubleTest.SimulatedVm;
import hostedengine.support.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the wizard reads from an engine-backup archive on the deployment host, and what it refuses. */
class BackupArchiveTest {
    private static final String PROTOCOLS = "etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf";
    private static final String SETUP_POST = "etc/ovirt-engine-setup.conf.d/20-setup-ovirt-post.conf";
    private static final long MTIME = Instant.parse("2024-03-01T10:15:30Z").getEpochSecond();

    @TempDir Path dir;
    private SimulatedVm vm;
    private Path backups;
    private Path scratch;

    @BeforeEach
    void engineVm() throws IOException {
        vm = SimulatedVm.install(dir.resolve("vm"));
        backups = Files.createDirectories(dir.resolve("backups"));
        scratch = Files.createDirectories(dir.resolve("scratch"));
    }

    @AfterEach
    void theScratchDirectoryIsLeftEmpty() throws IOException {
        try (var left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aBackupOfTheEngineVmReadsBackItsFqdnVersionAndTime() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = vm.backup(backups.resolve("engine.backup"));
        BackupArchive archive = BackupArchive.read(file, scratch);
        assertThat(archive.engineFqdn()).isEqualTo("engine.example.com");
        assertThat(archive.engineVersion()).isEqualTo("4.5.6-1.el9");
        assertThat(archive.backedUpAt()).isBetween(before, Instant.now());
        assertThat(archive.checksumFile()).isEqualTo("sha256sum");
        assertThat(archive.hasDwh()).isFalse();
    }

    @Test
    void aSmallSizeBackupCompressedWithXzReadsTheSame() throws Exception {
        Path file = vm.backup(backups.resolve("engine.backup"), "--small-size");
        assertThat(Files.readAllBytes(file)).startsWith(0xFD, '7', 'z', 'X', 'Z', 0);
        BackupArchive archive = BackupArchive.read(file, scratch);
        assertThat(archive.engineFqdn()).isEqualTo("engine.example.com");
        assertThat(archive.engineVersion()).isEqualTo("4.5.6-1.el9");
    }

    @Test
    void aBackupWithTheDataWarehouseSaysSo() throws Exception {
        vm.settings(Map.of("dwh", true));
        assertThat(BackupArchive.read(vm.backup(backups.resolve("engine.backup")), scratch).hasDwh()).isTrue();
    }

    @Test
    void theFqdnComesFromEngineSetupsAnswersWhenTheEngineConfigurationHasNone() throws Exception {
        vm.file(PROTOCOLS, "ENGINE_PROXY_ENABLED=true\n").file(SETUP_POST, "OVESETUP_CONFIG/fqdn=str:manager.lab.example\n");
        assertThat(BackupArchive.read(vm.backup(backups.resolve("engine.backup")), scratch).engineFqdn())
                .isEqualTo("manager.lab.example");
    }

    @Test
    void aFourTwoArchiveWithMd5sumAndNamesWithoutDotSlashIsRead() throws Exception {
        var members = engineBackup(filesTar(Map.of(PROTOCOLS, "ENGINE_FQDN=old.example.com\n")));
        members.remove("./sha256sum");
        members.put("./md5sum", "d41d8cd98f00b204e9800998ecf8427e  version\n".getBytes(StandardCharsets.UTF_8));
        var withoutDotSlash = new LinkedHashMap<String, byte[]>();
        members.forEach((name, content) -> withoutDotSlash.put(name.substring(2), content));
        BackupArchive archive = BackupArchive.read(gzipTar("old.backup", withoutDotSlash), scratch);
        assertThat(archive.checksumFile()).isEqualTo("md5sum");
        assertThat(archive.engineFqdn()).isEqualTo("old.example.com");
        assertThat(archive.backedUpAt()).isEqualTo(Instant.ofEpochSecond(MTIME));
    }

    @Test
    void aTextFileIsNotAnArchive() throws IOException {
        Path file = Files.writeString(backups.resolve("notes.backup"), "engine backup taken on Monday\n");
        assertThat(refusal(file).messageKey()).isEqualTo("backup.notArchive");
    }

    @Test
    void aGzipOfRandomBytesIsNotAnArchive() throws IOException {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);
        Path file = backups.resolve("noise.backup");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(noise);
        }
        assertThat(refusal(file).messageKey()).isEqualTo("backup.notArchive");
    }

    @Test
    void aTarWithoutTheVersionIsNoEngineBackup() throws IOException {
        var members = engineBackup(filesTar(Map.of(PROTOCOLS, "ENGINE_FQDN=engine.example.com\n")));
        members.remove("./version");
        assertThat(refusal(gzipTar("no-version.backup", members)).messageKey()).isEqualTo("backup.notEngineBackup");
    }

    @Test
    void aTarWithoutTheEngineDatabaseIsNoEngineBackup() throws IOException {
        var members = engineBackup(filesTar(Map.of(PROTOCOLS, "ENGINE_FQDN=engine.example.com\n")));
        members.remove("./db/engine_backup.db");
        assertThat(refusal(gzipTar("no-db.backup", members)).messageKey()).isEqualTo("backup.notEngineBackup");
    }

    @Test
    void filesWithoutEitherFqdnFileAreRefused() throws IOException {
        var members = engineBackup(filesTar(Map.of("etc/ovirt-engine/engine.conf.d/10-setup-database.conf",
                "ENGINE_DB_HOST=localhost\n")));
        BackupArchive.Refused refused = refusal(gzipTar("no-fqdn.backup", members));
        assertThat(refused.messageKey()).isEqualTo("backup.noFqdn");
        assertThat(refused.getMessage()).contains(PROTOCOLS, SETUP_POST);
    }

    @Test
    void anFqdnThatIsNoHostNameIsRefused() throws IOException {
        var members = engineBackup(filesTar(Map.of(PROTOCOLS, "ENGINE_FQDN=$(reboot).example.com\n")));
        assertThat(refusal(gzipTar("odd-fqdn.backup", members)).messageKey()).isEqualTo("backup.noFqdn");
    }

    @Test
    void membersWithAbsoluteOrParentNamesAreNeverWritten() throws Exception {
        var members = new LinkedHashMap<String, byte[]>();
        members.put("../../escaped-by-parent", "x".getBytes(StandardCharsets.UTF_8));
        members.put(dir.resolve("escaped-by-absolute-name").toString(), "x".getBytes(StandardCharsets.UTF_8));
        members.putAll(engineBackup(filesTar(Map.of(PROTOCOLS, "ENGINE_FQDN=engine.example.com\n",
                "../outside-files", "x"))));
        assertThat(BackupArchive.read(gzipTar("crafted.backup", members), scratch).engineFqdn())
                .isEqualTo("engine.example.com");
        assertThat(dir.resolve("escaped-by-absolute-name")).doesNotExist();
        assertThat(dir.resolve("outside-files")).doesNotExist();
        assertThat(dir.getParent().resolve("escaped-by-parent")).doesNotExist();
    }

    private BackupArchive.Refused refusal(Path file) {
        return catchThrowableOfType(BackupArchive.Refused.class, () -> BackupArchive.read(file, scratch));
    }

    /** The members of a backup as engine-backup names them, around the given ./files. */
    private static Map<String, byte[]> engineBackup(byte[] files) {
        var members = new LinkedHashMap<String, byte[]>();
        members.put("./files", files);
        members.put("./db/engine_backup.db", "PGDMP".getBytes(StandardCharsets.UTF_8));
        members.put("./version", "4.5.6\n".getBytes(StandardCharsets.UTF_8));
        members.put("./sha256sum", "0  version\n".getBytes(StandardCharsets.UTF_8));
        return members;
    }

    private static byte[] filesTar(Map<String, String> files) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var tar = new TarWriter(bytes);
        for (var f : files.entrySet()) tar.add(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8), MTIME);
        tar.finish();
        return bytes.toByteArray();
    }

    private Path gzipTar(String name, Map<String, byte[]> members) throws IOException {
        Path file = backups.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            var tar = new TarWriter(out);
            for (var m : members.entrySet()) tar.add(m.getKey(), m.getValue(), MTIME);
            tar.finish();
        }
        return file;
    }
}
