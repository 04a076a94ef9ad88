package hostedengine.backup;

import hostedengine.threads.Threads;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an engine-backup archive says about itself, read without restoring it (DAY2-TOOLS.md §1):
 * the engine version ({@code ./version}), the engine's FQDN (from the configuration inside
 * {@code ./files}), when the database was dumped (the mtime of {@code ./db/engine_backup.db}),
 * which checksum file it carries ({@code sha256sum}; 4.2 wrote {@code md5sum}) and whether it
 * holds a Data Warehouse database.
 *
 * <p>The archive may be an upload from anyone, so it is read only through GNU tar (which detects
 * gzip, xz or none by itself when reading a file) run as an argument list with a timeout and a cap
 * on what it prints. Only {@code ./files} ever reaches the disk, as a private temporary file in
 * the scratch directory that is removed in every case; the two configuration files are read from
 * it to memory. Nothing is extracted by the names the archive chooses.
 */
public record BackupArchive(String engineVersion, String engineFqdn, Instant backedUpAt, String checksumFile,
                            boolean hasDwh) {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long MAX_LISTING = 1 << 20;
    /** ./files holds the configuration and /var/lib/ovirt-engine: a few MiB on a real engine. */
    private static final long MAX_FILES = 256L << 20;
    private static final long MAX_SMALL = 64 << 10;
    private static final String PROTOCOLS_CONF = "etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf";
    private static final String SETUP_POST_CONF = "etc/ovirt-engine-setup.conf.d/20-setup-ovirt-post.conf";
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+~-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** A regular file in {@code tar --full-time --numeric-owner -tv}: size, time (UTC, see TZ below), name. */
    private static final Pattern LISTED_FILE = Pattern.compile(
            "-\\S+ +\\S+ +(\\d{1,18}) +(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(?:\\.\\d+)? (.+)");

    /** Why an archive cannot be used: a message key ({@code backup.*}) and an English detail. */
    public static final class Refused extends Exception {
        private final String messageKey;

        Refused(String messageKey, String detail) {
            super(detail, null, false, false);
            this.messageKey = messageKey;
        }

        public String messageKey() { return messageKey; }
    }

    private record Member(String name, long size, Instant modified) {}

    /** Reads {@code archive}; {@code scratchDir} (created if missing) holds one temporary file while it runs. */
    public static BackupArchive read(Path archive, Path scratchDir) throws Refused, IOException {
        String file = archive.toAbsolutePath().toString();
        Map<String, Member> members = list(file);
        Member dump = members.get("db/engine_backup.db");
        if (!members.containsKey("version") || dump == null) {
            throw new Refused("backup.notEngineBackup", "the archive has no ./version or no ./db/engine_backup.db");
        }
        String checksumFile = members.containsKey("sha256sum") ? "sha256sum" : "md5sum";
        if (!members.containsKey(checksumFile)) {
            throw new Refused("backup.notEngineBackup", "the archive has no ./sha256sum or ./md5sum");
        }
        String version = member(file, members.get("version").name());
        if (version == null || !VERSION.matcher(version.trim()).matches()) {
            throw new Refused("backup.notEngineBackup", "./version holds no version");
        }
        return new BackupArchive(version.trim(), fqdn(file, members.get("files"), scratchDir), dump.modified(),
                checksumFile, members.containsKey("db/dwh_backup.db"));
    }

    /** The archive's regular files by name without "./", the first of each name. */
    private static Map<String, Member> list(String file) throws Refused, IOException {
        var listing = new ByteArrayOutputStream();
        if (tar(MAX_LISTING, listing, "--full-time", "--numeric-owner", "-tvf", file) != 0) {
            throw new Refused("backup.notArchive", "tar cannot read it as a tar archive, plain or compressed");
        }
        var members = new LinkedHashMap<String, Member>();
        for (String line : listing.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher m = LISTED_FILE.matcher(line);
            if (!m.matches()) continue;
            String name = m.group(3).startsWith("./") ? m.group(3).substring(2) : m.group(3);
            Instant modified = LocalDateTime.parse(m.group(2).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            members.putIfAbsent(name, new Member(m.group(3), Long.parseLong(m.group(1)), modified));
        }
        return members;
    }

    /** The FQDN as engine-setup wrote it into the configuration that ./files holds. */
    private static String fqdn(String file, Member files, Path scratchDir) throws Refused, IOException {
        if (files == null) throw new Refused("backup.noFqdn", "the archive has no ./files (databases only)");
        if (files.size() > MAX_FILES) throw new Refused("backup.tooLarge", "./files is over " + MAX_FILES + " bytes");
        Files.createDirectories(scratchDir);
        Path inner = Files.createTempFile(scratchDir, "files-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(inner)) {
                if (tar(MAX_FILES, out, "--occurrence=1", "-xOf", file, files.name()) != 0) {
                    throw new Refused("backup.notEngineBackup", "./files cannot be extracted");
                }
            }
            String fqdn = setting(inner.toString(), PROTOCOLS_CONF, "ENGINE_FQDN=");
            if (fqdn == null) fqdn = setting(inner.toString(), SETUP_POST_CONF, "OVESETUP_CONFIG/fqdn=str:");
            if (fqdn == null || !isHostName(fqdn)) {
                throw new Refused("backup.noFqdn", "./files names no engine FQDN in " + PROTOCOLS_CONF + " or "
                        + SETUP_POST_CONF);
            }
            return fqdn;
        } finally {
            Files.deleteIfExists(inner);
        }
    }

    /** The value after {@code prefix} on the first line that starts with it (member with or without "./"), or null. */
    private static String setting(String filesTar, String member, String prefix) throws Refused, IOException {
        for (String name : List.of(member, "./" + member)) {
            String text = member(filesTar, name);
            for (String line : text == null ? new String[0] : text.split("\n")) {
                if (line.startsWith(prefix)) return line.substring(prefix.length()).trim().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    /** A small member's text, or null when tar finds none by that name. */
    private static String member(String tarFile, String name) throws Refused, IOException {
        var content = new ByteArrayOutputStream();
        boolean found = tar(MAX_SMALL, content, "--occurrence=1", "-xOf", tarFile, name) == 0;
        return found ? content.toString(StandardCharsets.UTF_8) : null;
    }

    /** Labels of letters, digits and inner hyphens, at least two, the last not all digits (an address). */
    static boolean isHostName(String name) {
        if (name.length() > 253 || name.indexOf('.') < 1 || name.endsWith(".")) return false;
        String[] labels = name.split("\\.");
        for (String label : labels) if (!LABEL.matcher(label).matches()) return false;
        return !labels[labels.length - 1].matches("\\d+");
    }

    /**
     * Runs tar with {@code args} and returns its exit code, its stdout copied to {@code sink} up to {@code cap}
     * bytes; over the cap or the timeout it is killed (with the gzip or xz it started) and the archive refused as
     * too large. Its complaints about a bad archive are no news to the administrator and go unread.
     */
    private static int tar(long cap, OutputStream sink, String... args) throws Refused, IOException {
        // --force-local: a colon in a file name never makes tar reach for a remote host.
        var argv = new ArrayList<>(List.of("tar", "--force-local"));
        argv.addAll(List.of(args));
        var builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("TZ", "UTC0");
        // xz would otherwise take as much memory as a crafted header asks for; real backups need ~10 MiB.
        builder.environment().put("XZ_DEFAULTS", "--memlimit-decompress=256MiB");
        Process process = builder.start();
        CompletableFuture<Long> copied = Threads.async("backup-tar-stdout", () -> copy(process, sink, cap));
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new Refused("backup.tooLarge", "tar took over " + TIMEOUT.toSeconds() + " s to read it");
            }
            if (copied.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) > cap) {
                throw new Refused("backup.tooLarge", "tar printed over " + cap + " bytes");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new IOException("interrupted while reading a backup", e);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            throw new IOException("reading a backup failed", e);
        }
    }

    /** Bytes read; a failed read ends the copy (tar's exit code tells why), a failed write is ours and thrown. */
    private static long copy(Process process, OutputStream sink, long cap) {
        byte[] buffer = new byte[64 << 10];
        long total = 0;
        try (InputStream in = process.getInputStream()) {
            for (int n = read(in, buffer); n >= 0; n = read(in, buffer)) {
                total += n;
                if (total > cap) break;
                sink.write(buffer, 0, n);
            }
        } catch (IOException e) {
            kill(process);
            throw new UncheckedIOException(e);
        }
        if (total > cap) kill(process);
        return total;
    }

    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException streamClosed) {
            return -1;
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
