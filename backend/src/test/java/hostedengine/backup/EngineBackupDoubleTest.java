package hostedengine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.testing.Required;
import hostedengine.threads.Threads;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's engine-backup test double on a simulated engine VM, judged by what an
 * administrator sees: the lines it prints, its exit code, the archive and the log it leaves.
 */
class EngineBackupDoubleTest {
    static final String DB_LINE = "- Engine database 'engine'";

    @TempDir Path dir;
    private SimulatedVm vm;
    private Path backups;

    @BeforeEach
    void engineVm() throws IOException {
        vm = SimulatedVm.install(dir.resolve("vm"));
        backups = Files.createDirectories(dir.resolve("backups"));
    }

    @Test
    void backupPrintsTheRealToolsLinesInOrderAndSucceeds() {
        Path file = backups.resolve("engine.backup");
        Path log = dir.resolve("backup.log");
        var result = vm.run("--mode=backup", "--file=" + file, "--log=" + log);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).containsExactly(
                "Start of engine-backup with mode 'backup'", "scope: all", "archive file: " + file, "log file: " + log,
                "Backing up:", "Notifying engine", "- Files", DB_LINE, "Packing into file '" + file + "'",
                "Notifying engine", "Done.");
        assertThat(result.stderr()).isEmpty();
        assertThat(file).isRegularFile();
    }

    @Test
    void theArchiveHoldsTheRealMembersAndTheEngineFqdnInItsFiles() throws IOException {
        Path file = vm.backup(backups.resolve("engine.backup"));
        assertThat(tar(null, "-tzf", file.toString()).split("\n")).contains("./files", "./db/engine_backup.db",
                "./version", "./os_version", "./config", "./sha256sum");
        assertThat(tar(null, "-xOf", file.toString(), "./version")).isEqualTo("4.5.6-1.el9\n");
        Path filesTar = dir.resolve("files.tar");
        tar(filesTar, "-xOf", file.toString(), "./files");
        assertThat(tar(null, "-xOf", filesTar.toString(), "etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf"))
                .contains("ENGINE_FQDN=engine.example.com\n");
    }

    @Test
    void verifyAcceptsAFreshBackup() {
        Path file = vm.backup(backups.resolve("engine.backup"));
        var result = vm.run("--mode=verify", "--file=" + file, "--log=" + dir.resolve("verify.log"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).containsSubsequence("Start of engine-backup with mode 'verify'", "Verifying:",
                "- Unpacking file '" + file + "'", DB_LINE, "Done.");
    }

    @Test
    void verifyRefusesABackupWithOneChangedByte() throws IOException {
        Path file = vm.backup(backups.resolve("engine.backup"));
        changeOneByteOf(file, "./version");
        var result = vm.run("--mode=verify", "--file=" + file, "--log=" + dir.resolve("verify.log"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("FATAL: Checksum verification failed\n");
        assertThat(result.stdout()).doesNotContain("Done.");
    }

    @Test
    void aFailureAtTheEngineDatabaseStopsThereAndLeavesNoArchive() throws IOException {
        vm.settings(Map.of("fail", Map.of("mode", "backup", "at", DB_LINE, "message", "Database engine backup failed")));
        Path log = dir.resolve("backup.log");
        var result = vm.run("--file=" + backups.resolve("engine.backup"), "--log=" + log);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("FATAL: Database engine backup failed\n");
        assertThat(result.stdout()).contains(DB_LINE).doesNotContain("Done.")
                .noneMatch(line -> line.startsWith("Packing into file"));
        try (var left = Files.list(backups)) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.readString(log)).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\d+: "
                + "FATAL: Database engine backup failed\n");
    }

    @Test
    void theLogIsPrivateAndHoldsEveryLinePrinted() throws IOException {
        Path log = dir.resolve("backup.log");
        vm.run("--file=" + backups.resolve("engine.backup"), "--log=" + log);
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(log)).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\d+: "
                + "OUTPUT: Start of engine-backup with mode 'backup'\n").contains(": OUTPUT: Done.\n");
    }

    @Test
    void restoringABackupEndsAskingForEngineSetup() {
        Path file = vm.backup(backups.resolve("engine.backup"));
        var result = vm.run("--mode=restore", "--file=" + file, "--log=" + dir.resolve("restore.log"),
                "--provision-all-databases", "--restore-permissions");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).containsSubsequence("Preparing to restore:", "- Unpacking file '" + file + "'",
                "Restoring:", "- Files", "Provisioning PostgreSQL users/databases:", "- user 'engine', database 'engine'",
                "Restoring:", DB_LINE, "  - Resetting HA VM status", "You should now run engine-setup.", "Done.");
        assertThat(vm.root().resolve("var/lib/engine-backup-double/restored.json")).content(StandardCharsets.UTF_8)
                .contains("\"engine_fqdn\": \"engine.example.com\"");
    }

    @Test
    void helpExitsZeroWithTheUsage() {
        var result = vm.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).first().isEqualTo("engine-backup: back up and restore ovirt-engine environment");
    }

    @Test
    void anUnknownOptionExitsOneWithTheToolsMessage() {
        var result = vm.run("--mode=backup", "--no-such-option");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("FATAL: Unknown option '--no-such-option'. Please see '--help' for details.\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** Changes the first byte of {@code member}'s content inside a gzip'd tar, leaving the tar readable. */
    private static void changeOneByteOf(Path archive, String member) throws IOException {
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            tar = in.readAllBytes();
        }
        byte[] name = (member + "\0").getBytes(StandardCharsets.US_ASCII);
        int header = 0;
        while (!Arrays.equals(tar, header, header + name.length, name, 0, name.length)) header += 512;
        tar[header + 512] ^= 1;
        try (var out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(tar);
        }
    }

    /** GNU tar as an administrator runs it; its output, or into {@code into} when given. */
    static String tar(Path into, String... args) {
        var argv = new ArrayList<>(List.of("tar"));
        argv.addAll(List.of(args));
        var builder = new ProcessBuilder(argv);
        if (into != null) builder.redirectOutput(into.toFile());
        var result = SimulatedVm.await(builder);
        assertThat(result.exitCode()).as("tar %s: %s", argv, result.stderr()).isZero();
        return String.join("\n", result.stdout()) + (result.stdout().isEmpty() ? "" : "\n");
    }

    record Result(int exitCode, List<String> stdout, String stderr) {}

    /**
     * A simulated engine VM: a directory with the double installed as {@code usr/bin/engine-backup}
     * and the two files engine-setup writes the engine's FQDN into.
     */
    record SimulatedVm(Path root) {
        static final Path DOUBLE = findDouble();
        private static final ObjectMapper JSON = new ObjectMapper();

        /** The double installed in {@code root}, engine-setup's files written, no settings (the double's defaults). */
        static SimulatedVm install(Path root) {
            Required.executable(Path.of("/usr/bin/python3"), "python3");
            Required.tool(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                    "GNU tar", "tar");
            try {
                Path bin = Files.createDirectories(root.resolve("usr/bin"));
                Files.copy(DOUBLE, bin.resolve("engine-backup"), StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new SimulatedVm(root).file("etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf", """
                        ENGINE_FQDN=engine.example.com
                        ENGINE_PROXY_ENABLED=true
                        ENGINE_PROXY_HTTP_PORT=80
                        ENGINE_PROXY_HTTPS_PORT=443
                        ENGINE_AJP_ENABLED=true
                        ENGINE_AJP_PORT=8702
                        """).file("etc/ovirt-engine-setup.conf.d/20-setup-ovirt-post.conf", """
                        [environment:default]
                        OVESETUP_CORE/generatePostInstall=bool:True
                        OVESETUP_CONFIG/fqdn=str:engine.example.com
                        """);
        }

        /** Writes the double's settings (etc/engine-backup-double.json). */
        SimulatedVm settings(Map<String, Object> settings) {
            try {
                return file("etc/engine-backup-double.json", JSON.writeValueAsString(settings));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes a file of the engine VM, {@code relative} to its root. */
        SimulatedVm file(String relative, String content) {
            try {
                Path file = root.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A backup that succeeded, with the given extra options (e.g. --small-size). */
        Path backup(Path file, String... options) {
            var args = new ArrayList<>(List.of("--mode=backup", "--file=" + file, "--log=" + file + ".log"));
            args.addAll(List.of(options));
            var result = run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            return file;
        }

        Result run(String... args) {
            var argv = new ArrayList<>(List.of(root.resolve("usr/bin/engine-backup").toString()));
            argv.addAll(List.of(args));
            var builder = new ProcessBuilder(argv);
            builder.environment().put("ENGINE_BACKUP_DOUBLE_SPEED", "1000");
            builder.environment().put("TMPDIR", root.getParent().toString());
            return await(builder);
        }

        static Result await(ProcessBuilder builder) {
            try {
                Process p = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                CompletableFuture<String> out = Threads.async("test-stdout", () -> text(p.getInputStream()));
                CompletableFuture<String> err = Threads.async("test-stderr", () -> text(p.getErrorStream()));
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended within a minute: %s", builder.command()).isTrue();
                String stdout = out.get();
                return new Result(p.exitValue(), stdout.isEmpty() ? List.of() : stdout.lines().toList(), err.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String text(InputStream in) {
            try (in; var buffer = new ByteArrayOutputStream()) {
                in.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        private static Path findDouble() {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolve("playbooks/roles/hosted_engine_simulator/files/engine-backup");
                if (Files.isExecutable(candidate)) return candidate;
            }
            throw new IllegalStateException("the engine-backup test double was not found above " + Path.of("").toAbsolutePath());
        }
    }
}
