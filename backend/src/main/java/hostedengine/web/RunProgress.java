package hostedengine.web;

import hostedengine.deploy.ExpectedTasks;
import hostedengine.deploy.RunEvent;
import hostedengine.deploy.RunInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's progress as the page shows it, counted from its events one at a time (a long run's
 * progress needs no list of its events): tasks started per tag against the expected number, the
 * current task, and the ok / changed / failed / skipped counts. Sent when a browser connects and
 * after each batch of live events: the page shows these counts and never counts itself (run.js).
 * Used by one thread at a time.
 */
final class RunProgress {
    private final Map<String, int[]> tasks = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private String current;
    private long last;
    private boolean changed;

    RunProgress(RunInfo info) {
        for (String tag : info.tags()) tasks.put(tag, new int[] {0, ExpectedTasks.of(tag)});
        for (String k : List.of("ok", "changed", "failed", "skipped", "unreachable")) counts.put(k, 0);
    }

    private RunProgress(RunProgress other) {
        other.tasks.forEach((tag, t) -> tasks.put(tag, t.clone()));
        counts.putAll(other.counts);
        current = other.current;
        last = other.last;
        changed = other.changed;
    }

    /** A copy that counts on by itself. */
    RunProgress copy() {
        return new RunProgress(this);
    }

    /** The sequence number of the last event counted (0 for none). */
    long last() { return last; }

    void add(RunEvent e) {
        changed = true;
        last = e.seq();
        switch (e.type()) {
            case "task_start" -> {
                current = e.task();
                int[] t = tasks.get(e.tag());
                if (t != null) t[0]++;
            }
            case "ok" -> counts.merge(e.changed() ? "changed" : "ok", 1, Integer::sum);
            case "failed", "skipped", "unreachable" -> counts.merge(e.type(), 1, Integer::sum);
            default -> { }
        }
    }

    /** Whether an event came since the last {@link #takeView}. */
    boolean changed() { return changed; }

    /** The progress now, as the page shows it; marks it told. */
    View takeView() {
        changed = false;
        var tagViews = new LinkedHashMap<String, TagView>();
        tasks.forEach((tag, t) -> tagViews.put(tag, new TagView(t[0], Math.max(t[0], t[1]))));
        return new View(tagViews, current, new LinkedHashMap<>(counts), last);
    }

    /** One tag's tasks: started so far, and expected (never fewer than started). */
    record TagView(int done, int expected) {}

    /** The "progress" event's data: {tags: {tag: {done, expected}}, currentTask, counts, lastSeq}. */
    record View(Map<String, TagView> tags, String currentTask, Map<String, Integer> counts, long lastSeq) {}
}
