package hostedengine.failures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The failure table ({@code hostedengine/failures/failure-table.json}): a failed task's name and
 * message, and the role tag it failed in, to the row that explains it. The first row that matches
 * wins, so a row for a specific message comes before the general one for the same task.
 */
public final class FailureTable {
    static final String RESOURCE = "hostedengine/failures/failure-table.json";

    /** A row and how it is recognized. */
    private record Row(FailureAdvice advice, Pattern task, Pattern message, Pattern tag) {
        boolean matches(String tagName, String taskName, String text) {
            if (tag != null && (tagName == null || !tag.matcher(tagName).matches())) return false;
            return task.matcher(taskName).matches() && (message == null || message.matcher(text).find());
        }
    }

    private final List<Row> rows;

    private FailureTable(List<Row> rows) { this.rows = List.copyOf(rows); }

    /** The table shipped with the product. */
    public static FailureTable load() {
        try (InputStream in = FailureTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static FailureTable parse(JsonNode root) {
        var rows = new ArrayList<Row>();
        for (JsonNode r : root.path("rows")) {
            String id = r.path("id").asText();
            var guide = new ArrayList<String>();
            r.path("guide").forEach(g -> guide.add(g.asText()));
            var advice = new FailureAdvice(id, guide, r.path("advice").asBoolean(true), r.path("reason").asText(null),
                    r.path("seeEarlier").asBoolean(false));
            String message = r.path("message").asText("");
            String tag = r.path("tag").asText("");
            rows.add(new Row(advice, Pattern.compile(r.path("task").asText()),
                    message.isEmpty() ? null : Pattern.compile(message, Pattern.CASE_INSENSITIVE | Pattern.DOTALL),
                    tag.isEmpty() ? null : Pattern.compile(tag)));
        }
        return new FailureTable(rows);
    }

    /**
     * The row for a failure.
     *
     * @param tag     the role tag that failed ({@code bootstrap_local_vm}, …), or null when not known
     * @param task    the failed task's name as the events name it, with or without the role's prefix
     * @param message what the task said (the {@code fail} task's msg, the module's error)
     * @return the row that explains it (maybe one that is deliberately not advised), or empty when none does
     */
    public Optional<FailureAdvice> match(String tag, String task, String message) {
        if (task == null || task.isBlank()) return Optional.empty();
        String bare = bareName(task.strip());
        String text = message == null ? "" : message;
        return rows.stream().filter(r -> r.matches(tag, bare, text)).map(Row::advice).findFirst();
    }

    /** As {@link #match}, only rows that explain: a deliberately unexplained row counts as none. */
    public Optional<FailureAdvice> explain(String tag, String task, String message) {
        return match(tag, task, message).filter(FailureAdvice::advised);
    }

    /** A failure a run recorded: the role tag, the task, what it said. */
    public record Failed(String tag, String task, String message) {}

    /**
     * The explanation of a failed run from its failures in order (those the playbook ignored left
     * out), the last being the one that ended it. When the last is a summary the role prints in a
     * block's rescue ({@code seeEarlier}), the first earlier failure with an explanation of its own
     * explains the run: the real cause, not "please check the logs".
     */
    public Optional<FailureAdvice> explainRun(List<Failed> failures) {
        if (failures.isEmpty()) return Optional.empty();
        Failed last = failures.get(failures.size() - 1);
        Optional<FailureAdvice> row = match(last.tag(), last.task(), last.message());
        if (row.isPresent() && row.get().seeEarlier()) {
            for (Failed earlier : failures.subList(0, failures.size() - 1)) {
                var own = explain(earlier.tag(), earlier.task(), earlier.message());
                if (own.isPresent() && !own.get().seeEarlier()) return own;
            }
        }
        return row.filter(FailureAdvice::advised);
    }

    /** Every row, in the table's order. */
    public List<FailureAdvice> rows() { return rows.stream().map(Row::advice).toList(); }

    /** "ovirt.ovirt.hosted_engine_setup : Check address resolution" → "Check address resolution". */
    static String bareName(String name) {
        int i = name.indexOf(" : ");
        return i >= 0 && !name.substring(0, i).contains(" ") ? name.substring(i + 3) : name;
    }
}
