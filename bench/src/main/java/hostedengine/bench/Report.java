package hostedengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The results as Markdown: a head (machine, date, sizes), the targets met or missed and by how
 * much, then one section per benchmark with its table and notes.
 */
final class Report {
    /** One target: what was asked, what was measured, and whether it holds. */
    record Target(String what, String goal, String measured, boolean met, String by, String why) {}

    private final List<String> head = new ArrayList<>();
    /** Target name (its beginning) → the figure the previous report gave. */
    private final java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
    private String beforeTitle = "Before";

    /** The previous figures, for a "before" column: {@code title} says where they come from. */
    void before(String title, java.util.Map<String, String> figures) {
        beforeTitle = title;
        before.putAll(figures);
    }

    private String beforeOf(Target t) {
        return before.entrySet().stream().filter(e -> t.what().startsWith(e.getKey())).map(java.util.Map.Entry::getValue)
                .findFirst().orElse("—");
    }
    private final List<Target> targets = new ArrayList<>();
    private final List<StringBuilder> sections = new ArrayList<>();
    private StringBuilder current;

    void head(String line) { head.add(line); }

    void target(Target t) { targets.add(t); }

    void section(String title) {
        current = new StringBuilder();
        current.append("## ").append(title).append("\n\n");
        sections.add(current);
    }

    void para(String text) { current.append(text).append("\n\n"); }

    void table(List<String> header, List<List<String>> rows) {
        current.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) current.append(i == 0 ? "---|" : "---:|");
        current.append('\n');
        for (List<String> row : rows) current.append("| ").append(String.join(" | ", row)).append(" |\n");
        current.append('\n');
    }

    String markdown() {
        var out = new StringBuilder("# Benchmarks\n\n");
        out.append("Written by `bin/bench`");
        out.append(" (see `bench/README.md` for what each figure measures and how). Figures are the median")
                .append(" with the spread (min–max) and the number of repetitions in brackets.\n\n");
        for (String h : head) out.append(h).append('\n');
        out.append("\n## Targets\n\n| Target | Goal | ").append(beforeTitle)
                .append(" | Measured | Met | By how much |\n|---|---|---|---|---|---|\n");
        for (Target t : targets) {
            out.append("| ").append(t.what()).append(" | ").append(t.goal()).append(" | ").append(beforeOf(t))
                    .append(" | ").append(t.measured())
                    .append(" | ").append(t.met() ? "yes" : "**no**").append(" | ").append(t.met() ? "" : t.by())
                    .append(" |\n");
        }
        out.append('\n');
        List<Target> missed = targets.stream().filter(t -> !t.met()).toList();
        if (!missed.isEmpty()) {
            out.append("Why the missed targets are missed:\n\n");
            for (Target t : missed) {
            if (!t.why().isBlank()) out.append("- **").append(t.what()).append("**: ").append(t.why()).append('\n');
        }
            out.append('\n');
        }
        for (StringBuilder s : sections) out.append(s);
        return out.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown());
    }
}
