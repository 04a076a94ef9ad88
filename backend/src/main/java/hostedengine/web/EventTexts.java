package hostedengine.web;

import hostedengine.deploy.RunEvent;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A run event as the run stream sends it ({@code id:}, {@code event: run-event}, {@code data:} the
 * {@link RunStream.EventView} JSON), made once per event for all of the run's clients: each client's
 * delivery thread asks here, and only the first to ask encodes. A fixed ring of the latest texts keyed
 * by run id and sequence number, so memory stays bounded however many runs and events there are; a
 * client far behind the others encodes its events again, with the same bytes.
 */
final class EventTexts {
    private static final int SLOTS = 4096; // a power of two: a few seconds of the fastest run's events

    private record Entry(String runId, long seq, String text) {}

    private final AtomicReferenceArray<Entry> ring = new AtomicReferenceArray<>(SLOTS);

    String of(String runId, RunEvent e) {
        int slot = (int) ((runId.hashCode() * 31L + e.seq()) & (SLOTS - 1));
        Entry found = ring.get(slot);
        if (found != null && found.seq() == e.seq() && found.runId().equals(runId)) return found.text();
        String text = encode(e);
        ring.set(slot, new Entry(runId, e.seq(), text));
        return text;
    }

    /** The same text as {@code SseClient.sendEvent("run-event", json, id)}; the JSON holds no line break. */
    static String encode(RunEvent e) {
        return "id: " + e.seq() + "\nevent: run-event\ndata: " + RunStream.json(RunStream.EventView.of(e)) + "\n\n";
    }
}
