package hostedengine.preflight;

import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory each user chose for the appliance when /var/tmp has less than 5 GB free: it
 * becomes {@code he_local_vm_dir_path}. Kept per owner in memory and in
 * {@code <state>/preflight/<sha256(owner)>.txt}, so a restart loses nothing.
 */
public final class LocalVmDirChoices {
    public static final String DEFAULT = "/var/tmp";
    private final Path dir;
    private final Map<String, String> chosen = new ConcurrentHashMap<>();

    public LocalVmDirChoices(Path stateDir) { this.dir = stateDir.resolve("preflight"); }

    public String get(String owner) {
        return chosen.computeIfAbsent(owner, o -> {
            try {
                String text = Files.readString(file(o), StandardCharsets.UTF_8).strip();
                return valid(text) ? text : DEFAULT;
            } catch (IOException e) {
                return DEFAULT;
            }
        });
    }

    /** Keeps the choice; the caller has checked it with {@link #valid}. */
    public void set(String owner, String path) throws IOException {
        if (!valid(path)) throw new IllegalArgumentException("not an acceptable directory: " + path);
        Files.createDirectories(dir);
        Files.writeString(file(owner), path, StandardCharsets.UTF_8);
        chosen.put(owner, path);
    }

    /**
     * The path rule: absolute, letters, digits, '.', '_', '-' and '/', no "." or ".." segment, at
     * most 255 characters. The value reaches the role's shell tasks, so nothing else passes.
     */
    public static boolean valid(String path) {
        return path != null && path.length() <= 255 && path.matches("/[A-Za-z0-9._/-]*")
                && !path.matches(".*(^|/)\\.{1,2}(/.*|$)") && !path.contains("//");
    }

    /** The rule's finding as a message key, or empty when the path passes. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) return Optional.of("preflight.localVmDir.required");
        return valid(path.strip()) ? Optional.empty() : Optional.of("preflight.localVmDir.invalid");
    }

    private Path file(String owner) { return PrivateFiles.ofOwner(dir, owner, ".txt"); }
}
