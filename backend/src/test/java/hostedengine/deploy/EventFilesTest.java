package hostedengine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.ansible.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One pass over a run's files gives exactly the events that reading page by page gives. */
class EventFilesTest {
    @TempDir Path run;

    private static String line(int n) {
        return "{\"event\": \"ok\", \"task\": \"task " + n + "\", \"msg\": \"" + "m".repeat(n % 7) + "\", \"otopi\": {}}";
    }

    /** Tag 1 ended with 3 events; tag 2 runs, with 2 whole lines and a cut third one. */
    private void twoTags() throws Exception {
        Path one = Files.createDirectories(run.resolve("1-initial_clean"));
        Files.writeString(one.resolve("events.jsonl"), line(1) + "\n" + line(2) + "\n" + line(3) + "\n");
        Files.writeString(one.resolve("rc"), "0\n");
        Path two = Files.createDirectories(run.resolve("2-bootstrap_local_vm"));
        Files.writeString(two.resolve("events.jsonl"), line(4) + "\n" + line(5) + "\n" + line(6).substring(0, 20));
    }

    private List<RunEvent> onePass(long after, long upTo, boolean ended) {
        List<RunEvent> out = new ArrayList<>();
        EventFiles.forEach(run, Redactor.keysOnly(), after, upTo, ended, e -> out.add(e));
        return out;
    }

    @Test
    void onePassMatchesPagesFromEveryStartAndEnd() throws Exception {
        twoTags();
        for (boolean ended : new boolean[] {false, true}) {
            List<RunEvent> all = EventFiles.read(run, Redactor.keysOnly(), 0, 100, ended);
            assertThat(all).hasSize(ended ? 6 : 5); // the cut line counts only once the run has ended
            for (int after = 0; after <= all.size(); after++) {
                for (int upTo = after; upTo <= all.size() + 1; upTo++) {
                    final int limit = upTo;
                    List<RunEvent> expected = EventFiles.read(run, Redactor.keysOnly(), after, 100, ended).stream()
                            .filter(e -> e.seq() <= limit).toList();
                    assertThat(onePass(after, upTo, ended)).as("after %d up to %d, ended %s", after, upTo, ended)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void numbersGoOnAcrossTagsAndTheSinkCanStop() throws Exception {
        twoTags();
        assertThat(onePass(2, 100, false)).extracting(RunEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(onePass(2, 100, false)).extracting(RunEvent::tag)
                .containsExactly("initial_clean", "bootstrap_local_vm", "bootstrap_local_vm");
        List<Long> seen = new ArrayList<>();
        EventFiles.forEach(run, Redactor.keysOnly(), 0, 100, true, e -> {
            seen.add(e.seq());
            return seen.size() < 2;
        });
        assertThat(seen).containsExactly(1L, 2L);
    }

    @Test
    void aLineLongerThanOneReadIsWhole() throws Exception {
        Path one = Files.createDirectories(run.resolve("1-initial_clean"));
        String longMessage = "x".repeat(200_000);
        Files.writeString(one.resolve("events.jsonl"), line(1) + "\n{\"event\": \"ok\", \"msg\": \"" + longMessage + "\"}\n" + line(3) + "\n");
        assertThat(onePass(0, 100, true)).extracting(RunEvent::message).containsExactly("m", longMessage, "mmm");
        assertThat(onePass(2, 100, true)).extracting(RunEvent::seq).containsExactly(3L);
    }
}
