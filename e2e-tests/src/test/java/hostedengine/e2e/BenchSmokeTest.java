package hostedengine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks are not tests, but {@code bin/bench --quick} must keep working: it runs every
 * benchmark at a tiny size against the packaged jar and writes a report with every section.
 */
class BenchSmokeTest {
    private static final List<String> SECTIONS = List.of("## 1. Runner overhead", "## 2. Event latency", "## 3. Replay",
            "## 4. Footprint", "## 5. Page weight", "## 6. Limits");
    /** A table row with at least one number in a cell: "| … | 12.3 |". */
    private static final Pattern ROW_WITH_NUMBER = Pattern.compile("(?m)^\\|.*\\|\\s*[-+]?[0-9][0-9.,]*[^|]*\\|");

    @Test
    void quickBenchRunsEveryBenchmarkAndReportsNumbers() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path results = Reports.dir().resolve("RESULTS-quick.md").toAbsolutePath();
        Path log = Reports.dir().resolve("bench-quick.log");
        Files.deleteIfExists(results);
        Process bench = new ProcessBuilder(root.resolve("bin/bench").toString(), "--quick", "--out", results.toString(),
                "--jar", Path.of(System.getProperty("wizard.jar", "../backend/target/hosted-engine-wizard-all.jar")).toAbsolutePath().toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = bench.waitFor(6, TimeUnit.MINUTES);
        if (!done) {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(done).as("bin/bench --quick ended within 6 minutes:\n%s", output).isTrue();
        assertThat(bench.exitValue()).as("bin/bench --quick exit code:\n%s", output).isZero();

        String report = Files.readString(results);
        assertThat(report).contains("## Targets").doesNotContain("FAILED");
        for (int i = 0; i < SECTIONS.size(); i++) {
            int start = report.indexOf(SECTIONS.get(i));
            assertThat(start).as("section %s in\n%s", SECTIONS.get(i), report).isNotNegative();
            int end = i + 1 < SECTIONS.size() ? report.indexOf(SECTIONS.get(i + 1)) : report.length();
            String section = report.substring(start, end);
            assertThat(ROW_WITH_NUMBER.matcher(section).find()).as("a table row with numbers in\n%s", section).isTrue();
            assertThat(section).doesNotContain("n/a");
        }
    }
}
