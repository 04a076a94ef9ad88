package hostedengine.deploy;

import hostedengine.ansible.AnsibleEvent;
import hostedengine.ansible.EventLine;
import hostedengine.ansible.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a run's events back from its {@code <n>-<tag>/events.jsonl} files, numbered as the
 * follower numbers them: the n-th complete line across the tag directories is event n. A cut
 * last line counts only once its tag has ended (its {@code rc} is there, a later tag began, or the run ended).
 */
final class EventFiles {
    private static final Pattern TAG_DIR = Pattern.compile("(\\d+)-([A-Za-z0-9_]+)");

    private EventFiles() {}

    static List<RunEvent> read(Path runDir, Redactor redactor, long afterSeq, int limit, boolean runEnded) {
        List<RunEvent> out = new ArrayList<>();
        long seq = 0;
        List<Path> dirs = tagDirs(runDir);
        for (int d = 0; d < dirs.size(); d++) {
            Path dir = dirs.get(d);
            String tag = tagOf(dir);
            boolean tagEnded = runEnded || d < dirs.size() - 1 || RunFiles.rc(dir).isPresent();
            List<String> lines = lines(dir, tagEnded);
            for (String line : lines) {
                seq++;
                if (seq > afterSeq) {
                    out.add(toRunEvent(EventLine.parse(seq, line), tag, redactor));
                    if (out.size() >= limit) return out;
                }
            }
        }
        return out;
    }

    /**
     * Hands the events after {@code afterSeq} up to {@code upToSeq}, in order, to {@code sink} until it
     * answers false: the same events as {@link #read}, in one pass over the files. Lines before
     * {@code afterSeq} are only counted, never parsed, so a late viewer of a long run costs one read,
     * not one per page.
     */
    static void forEach(Path runDir, Redactor redactor, long afterSeq, long upToSeq, boolean runEnded,
                        Predicate<RunEvent> sink) {
        long[] seq = {0};
        List<Path> dirs = tagDirs(runDir);
        for (int d = 0; d < dirs.size() && seq[0] < upToSeq; d++) {
            Path dir = dirs.get(d);
            boolean tagEnded = runEnded || d < dirs.size() - 1 || RunFiles.rc(dir).isPresent();
            if (!forEachInTag(dir, tagEnded, redactor, afterSeq, upToSeq, seq, sink)) return;
        }
    }

    /** One tag's file; {@code seq[0]} counts on across tags. False when the sink or {@code upToSeq} says stop. */
    private static boolean forEachInTag(Path dir, boolean tagEnded, Redactor redactor, long afterSeq, long upToSeq,
                                        long[] seq, Predicate<RunEvent> sink) {
        String tag = tagOf(dir);
        var line = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(dir.resolve("events.jsonl"))) {
            for (int n; (n = in.read(buf)) > 0; ) {
                int start = 0;
                for (int k = 0; k < n; k++) {
                    if (buf[k] != '\n') continue;
                    seq[0]++;
                    if (seq[0] > afterSeq) {
                        line.write(buf, start, k - start);
                        if (!sink.test(toRunEvent(EventLine.parse(seq[0], line.toString(StandardCharsets.UTF_8)), tag, redactor))) {
                            return false;
                        }
                    }
                    line.reset();
                    if (seq[0] >= upToSeq) return false;
                    start = k + 1;
                }
                // the start of a line that goes on in the next read (kept even when skipped: it may be a cut last line)
                line.write(buf, start, n - start);
            }
        } catch (IOException e) {
            return true; // a tag without events yet
        }
        if (tagEnded && line.size() > 0) {
            seq[0]++;
            if (seq[0] > afterSeq
                    && !sink.test(toRunEvent(EventLine.parse(seq[0], line.toString(StandardCharsets.UTF_8)), tag, redactor))) {
                return false;
            }
            return seq[0] < upToSeq;
        }
        return true;
    }

    static List<Path> tagDirs(Path runDir) {
        try (Stream<Path> s = Files.list(runDir)) {
            return s.filter(Files::isDirectory).filter(p -> TAG_DIR.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(EventFiles::indexOf)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static int indexOf(Path dir) {
        Matcher m = TAG_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    static String tagOf(Path dir) {
        Matcher m = TAG_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? m.group(2) : dir.getFileName().toString();
    }

    private static List<String> lines(Path dir, boolean ended) {
        try {
            String text = Files.readString(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            String lastPart = lines.remove(lines.size() - 1);
            if (ended && !lastPart.isEmpty()) lines.add(lastPart);
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    static RunEvent toRunEvent(AnsibleEvent e, String tag, Redactor redactor) {
        return new RunEvent(e.seq(), tag, e.type(), e.time(), redactor.redact(e.task()), e.host(), e.changed(),
                redactor.redact(e.message()), (Map<String, Object>) redactor.redactValue(e.data()));
    }
}
