package hostedengine.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A log's lines as a page shows them: all of them, or only those containing the search text
 * (ignoring case), each cut into plain and matching pieces so the matches can be highlighted.
 */
public final class LogSearch {
    private LogSearch() {}

    /** A piece of a line; {@code match} when it is the search text. */
    public record Piece(String text, boolean match) {}

    /** One line of the log, with its number in the text shown (from 1). */
    public record Line(int number, List<Piece> pieces) {}

    /** The lines of {@code text} that contain {@code query} (all when the query is blank). */
    public static List<Line> lines(String text, String query) {
        String q = query == null ? "" : query.strip();
        var out = new ArrayList<Line>();
        if (text.isEmpty()) return out;
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (q.isEmpty()) {
                out.add(new Line(i + 1, List.of(new Piece(line, false))));
                continue;
            }
            List<Piece> pieces = pieces(line, q);
            if (pieces.stream().anyMatch(Piece::match)) out.add(new Line(i + 1, pieces));
        }
        return out;
    }

    /** Every place of {@code q} in {@code line}, ignoring case, and the text between. */
    static List<Piece> pieces(String line, String q) {
        var out = new ArrayList<Piece>();
        int plainFrom = 0;
        int i = 0;
        while (i + q.length() <= line.length()) {
            if (line.regionMatches(true, i, q, 0, q.length())) {
                if (i > plainFrom) out.add(new Piece(line.substring(plainFrom, i), false));
                out.add(new Piece(line.substring(i, i + q.length()), true));
                i += q.length();
                plainFrom = i;
            } else {
                i++;
            }
        }
        if (plainFrom < line.length()) out.add(new Piece(line.substring(plainFrom), false));
        return out;
    }
}
