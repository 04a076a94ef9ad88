package hostedengine.auth;

import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use login links for the console: on a headless host the operator who started
 * the server opens {@code https://HOST:PORT/login/once/<token>} and is logged in as that
 * user. A token works once, for {@value #VALID_MINUTES} minutes, and only its digest is kept.
 *
 * <p>The server issues one at start (in memory). {@code hosted-engine-wizard login-link}, run by
 * root beside a server started as a service, files one in {@code <state>/login-links/} (a
 * directory only root reads): the token's digest as the file name, the account and the time it
 * ends inside. The server redeems such a file by deleting it, so it too works once.
 */
public final class SingleUseLinks {
    static final long VALID_MINUTES = 10;
    public static final Duration VALIDITY = Duration.ofMinutes(VALID_MINUTES);
    public static final String DIRECTORY = "login-links";
    /** The running server's address ({@code https://host:port}), for the command line's link. */
    static final String ADDRESS_FILE = "address";

    private record Grant(User user, Instant until) {}

    private final Clock clock;
    private final SecureRandom random;
    private final Path filed;
    private final Map<String, Grant> byDigest = new ConcurrentHashMap<>();

    public SingleUseLinks(Clock clock, SecureRandom random) { this(clock, random, null); }

    /** Links of the server's own, and those filed in {@code stateDir}/login-links by the command line. */
    public SingleUseLinks(Clock clock, SecureRandom random, Path stateDir) {
        this.clock = clock;
        this.random = random;
        this.filed = stateDir == null ? null : stateDir.resolve(DIRECTORY);
    }

    /** A new token that logs in as {@code user} once within the validity. */
    String issue(User user) {
        String token = Tokens.random(random);
        Instant now = clock.instant();
        byDigest.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
        byDigest.put(Tokens.digest(token), new Grant(user, now.plus(VALIDITY)));
        return token;
    }

    /** The user of a valid, unused token; the token is spent whether or not it was still valid. */
    Optional<User> redeem(String token) {
        if (!Tokens.wellFormed(token)) return Optional.empty();
        Grant grant = byDigest.remove(Tokens.digest(token));
        if (grant == null || !clock.instant().isBefore(grant.until())) return Optional.empty();
        return Optional.of(grant.user());
    }

    /**
     * The account of a valid token filed by the command line; the file goes whether or not it was
     * still valid, and one that cannot be deleted is never honoured (it could be used twice).
     */
    Optional<String> redeemFiled(String token) {
        if (filed == null || !Tokens.wellFormed(token)) return Optional.empty();
        Path file = filed.resolve(Tokens.digest(token));
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
            Files.delete(file);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return validAt(content, clock.instant()) ? Optional.of(content.split("\n")[0].strip()) : Optional.empty();
    }

    /** A filed grant ({@code account}, then the instant it ends) still valid at {@code now}; false when malformed. */
    private static boolean validAt(String content, Instant now) {
        String[] lines = content.split("\n");
        try {
            return lines.length >= 2 && now.isBefore(Instant.parse(lines[1].strip()));
        } catch (DateTimeParseException bad) {
            return false;
        }
    }

    /**
     * Files a new token for {@code account} in {@code stateDir} (for the command line, as root),
     * clearing expired ones; the token is returned, never written.
     */
    public static String file(Path stateDir, String account, Clock clock, SecureRandom random) throws IOException {
        Path dir = stateDir.resolve(DIRECTORY);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Instant now = clock.instant();
        try (var old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                try {
                    if (!validAt(Files.readString(p), now)) Files.deleteIfExists(p);
                } catch (IOException unreadable) {
                    Files.deleteIfExists(p);
                }
            }
        }
        String token = Tokens.random(random);
        PrivateFiles.writeAtomically(dir.resolve(Tokens.digest(token)),
                (account + "\n" + now.plus(VALIDITY) + "\n").getBytes(StandardCharsets.UTF_8));
        return token;
    }

    /** Records where the server listens, so {@code login-link} can print a whole address. */
    public static void writeAddress(Path stateDir, String address) throws IOException {
        PrivateFiles.writeAtomically(stateDir.resolve(ADDRESS_FILE), (address + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The address the server last recorded, if any. */
    public static Optional<String> readAddress(Path stateDir) {
        try {
            Path file = stateDir.resolve(ADDRESS_FILE);
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}
