package hostedengine.ansible;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ansible-playbook} argument list, one {@code appendX} step per option and a pure
 * {@link #build()}. Variables only ever come from files ({@code -e @file}): never
 * {@code -e key=value}, which is split on spaces, typed by guesswork and visible in {@code ps}.
 */
public final class PlaybookCommand {
    private final Path executable;
    private final Path playbook;
    private AnsibleTarget target = AnsibleTarget.LOCAL;
    private final List<String> tags = new ArrayList<>();
    private final List<String> skipTags = new ArrayList<>();
    private final List<Path> varFiles = new ArrayList<>();
    private String shellExecutable;
    private int verbosity;

    public PlaybookCommand(Path executable, Path playbook) {
        this.executable = Objects.requireNonNull(executable);
        this.playbook = Objects.requireNonNull(playbook);
    }

    /** The host to work on; this host ({@code -i localhost, -c local}) unless told otherwise. */
    public PlaybookCommand appendTarget(AnsibleTarget target) { this.target = Objects.requireNonNull(target); return this; }

    public PlaybookCommand appendTag(String tag) { tags.add(requireWord(tag)); return this; }

    public PlaybookCommand appendSkipTag(String tag) { skipTags.add(requireWord(tag)); return this; }

    public PlaybookCommand appendVarsFile(Path file) { varFiles.add(Objects.requireNonNull(file)); return this; }

    /**
     * The role's {@code filter_team_devices.yml} uses {@code set -euo pipefail}; Debian's
     * {@code /bin/sh} is dash (ENVIRONMENT.md). A fixed path, not user data.
     */
    public PlaybookCommand appendShellExecutable(String path) { this.shellExecutable = requireWord(path); return this; }

    public PlaybookCommand appendVerbosity(int level) { this.verbosity = Math.max(0, Math.min(level, 4)); return this; }

    public List<String> build() {
        List<String> args = new ArrayList<>();
        args.add(executable.toString());
        args.addAll(target.inventoryArguments());
        args.add(playbook.toString());
        if (!tags.isEmpty()) args.add("--tags=" + String.join(",", tags));
        if (!skipTags.isEmpty()) args.add("--skip-tags=" + String.join(",", skipTags));
        for (Path file : varFiles) {
            args.add("-e");
            args.add("@" + file);
        }
        if (shellExecutable != null) {
            args.add("-e");
            args.add("ansible_shell_executable=" + shellExecutable);
        }
        if (verbosity > 0) args.add("-" + "v".repeat(verbosity));
        return List.copyOf(args);
    }

    private static String requireWord(String value) {
        if (value == null || !value.matches("[A-Za-z0-9_./-]+")) {
            throw new IllegalArgumentException("not a plain word: " + value);
        }
        return value;
    }
}
