package hostedengine.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The run directory layout (DESIGN.md, "Runs, files and events"):
 * {@code runs/<run-id>/run.json} and {@code runs/<run-id>/<n>-<tag>/{vars.json, command.json,
 * events.jsonl, ansible.log, rc, pid}}.
 */
final class RunFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path runsDir;

    RunFiles(Path stateDir) { this.runsDir = stateDir.resolve("runs"); }

    Path runsDir() { return runsDir; }

    /** How a run id names its kind: {@code host-facts} in {@code 20261206-001200-host-facts-a1b2c3}. */
    static String idPart(Phase phase) { return phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

    Path runDir(String id) { return runsDir.resolve(id); }

    /** {@code <n>-<tag>}, n counting from 1. */
    Path tagDir(String id, int index, String tag) { return runDir(id).resolve((index + 1) + "-" + tag); }

    Path events(Path tagDir) { return tagDir.resolve("events.jsonl"); }

    void writeInfo(RunInfo info) throws IOException {
        PrivateFiles.writeAtomically(runDir(info.id()).resolve("run.json"), JSON.writeValueAsBytes(info));
    }

    Optional<RunInfo> readInfo(String id) {
        try {
            return Optional.of(JSON.readValue(runDir(id).resolve("run.json").toFile(), RunInfo.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    List<String> ids() {
        if (!Files.isDirectory(runsDir)) return List.of();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The exit code the wrapper wrote, if it has. */
    static OptionalInt rc(Path tagDir) {
        try {
            String text = Files.readString(tagDir.resolve("rc"), StandardCharsets.UTF_8).trim();
            return OptionalInt.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The wrapper's process group id, if it has written it ("PID PGID"). */
    static OptionalInt pgid(Path tagDir) {
        try {
            String[] parts = Files.readString(tagDir.resolve("pid"), StandardCharsets.UTF_8).trim().split("\\s+");
            return OptionalInt.of(Integer.parseInt(parts[parts.length - 1]));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The last few lines of ansible.log, for a run that failed before any task did. */
    static String logTail(Path tagDir, int lines) {
        try {
            List<String> all = Files.readAllLines(tagDir.resolve("ansible.log"), StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            for (String l : all) if (!l.isBlank()) kept.add(l.strip());
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
