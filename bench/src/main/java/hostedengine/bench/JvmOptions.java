package hostedengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's JVM options as packaging/jvm.options lists them (one per line, '#' comments),
 * read as the launcher reads them, so the bench's server starts as bin/run's does.
 */
final class JvmOptions {
    private JvmOptions() {}

    static final Path FILE = Path.of("packaging/jvm.options");

    static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .flatMap(l -> java.util.Arrays.stream(l.split("\\s+"))).toList();
    }

    /** As the report shows them: {@code -XX:+UseSerialGC -Xmx128m …}, or "the JVM's defaults". */
    static String shown(List<String> flags) {
        return flags.isEmpty() ? "the JVM's defaults" : String.join(" ", flags);
    }
}
