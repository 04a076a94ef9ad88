package hostedengine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small process and file helpers. */
final class Tools {
    private Tools() {}

    /** Runs a command to its end and returns what it printed (stdout and stderr); throws unless it exits 0. */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + timeout);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.strip());
        return text;
    }

    /** The first line a command prints, or {@code fallback} when it cannot run. */
    static String firstLine(List<String> command, String fallback) {
        try {
            String out = run(command, Duration.ofSeconds(30)).strip();
            return out.isEmpty() ? fallback : out.lines().findFirst().orElse(fallback).strip();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return fallback;
        }
    }

    /** Runs a command with its output to a file and this environment; returns the exit code. */
    static int runLogged(List<String> command, Map<String, String> env, Path dir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("ANSIBLE_") || k.startsWith("WIZARD_") || k.startsWith("HOSTED_ENGINE_WIZARD_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + timeout);
        }
        return p.exitValue();
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a leftover temporary directory is not worth failing the benchmarks for
        }
    }

    static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }

    /** Bytes of the regular files under {@code dir} (unreadable ones left out). */
    static long treeBytes(Path dir) {
        long[] sum = new long[1];
        try {
            java.nio.file.Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                    if (a.isRegularFile()) sum[0] += a.size();
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what was counted
        }
        return sum[0];
    }
}
