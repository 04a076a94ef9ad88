package hostedengine.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends events to a run's {@code events.jsonl} as our callback does: one JSON object per
 * line, each line one write. Each line's task is {@code bench-N}, so a client knows which line
 * it got and when that line was written.
 */
final class EventAppender implements AutoCloseable {
    private static final String PAD = "x".repeat(80);
    private final FileChannel channel;

    EventAppender(Path eventsFile) throws IOException {
        this.channel = FileChannel.open(eventsFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Line {@code n}, in one write. */
    void append(long n) throws IOException {
        write(line(n));
    }

    /** Lines {@code from} … {@code from + count - 1} in one write (to fill a run fast). */
    void appendMany(long from, int count) throws IOException {
        var text = new StringBuilder(count * 260);
        for (int i = 0; i < count; i++) text.append(line(from + i));
        write(text.toString());
    }

    private void write(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) channel.write(buf);
    }

    /** About the size of a real event line of the callback (~270 bytes). */
    static String line(long n) {
        return "{\"event\": \"ok\", \"time\": \"" + Instant.now() + "\", \"task\": \"bench-" + n
                + "\", \"task_path\": \"bench/tasks/main.yml:1\", \"host\": \"localhost\", \"tag\": \"initial_clean\", "
                + "\"msg\": \"bench event " + n + " " + PAD + "\", \"changed\": false, \"otopi\": {}}\n";
    }

    /** The N of a {@code run-event}'s data whose task is {@code bench-N}, or -1. */
    static long benchNumber(String data) {
        int at = data.indexOf("\"task\":\"bench-");
        if (at < 0) return -1;
        long n = 0;
        for (int i = at + 14; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c < '0' || c > '9') return n;
            n = n * 10 + (c - '0');
        }
        return -1;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
