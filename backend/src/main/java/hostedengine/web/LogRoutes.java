package hostedengine.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.support.HostLog;
import hostedengine.support.HostLogs;
import hostedengine.support.LogSearch;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment host's logs (guide 3.1): {@code /logs} shows the tail of one log of the fixed
 * list, searched on the server, and {@code /api/logs/follow} hands the agent's and broker's new
 * lines to the page's script. Anyone logged in may read them, as the status page.
 */
final class LogRoutes {
    /** The most a search box may hold; longer text is cut. */
    static final int MAX_QUERY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pages pages;
    private final HostLogs logs;

    LogRoutes(Pages pages, HostLogs logs) {
        this.pages = pages;
        this.logs = logs;
    }

    void page(Context ctx) {
        HostLog log = HostLog.byId(String.valueOf(ctx.queryParam("log"))).orElse(HostLog.AGENT);
        String query = query(ctx);
        var model = new LinkedHashMap<String, Object>();
        model.put("logs", Arrays.asList(HostLog.values()));
        model.put("log", log);
        model.put("query", query);
        model.put("simulatedLogs", logs.simulated());
        model.put("remoteHost", logs.remoteLabel().orElse(null));
        model.put("tailBytes", HostLogs.TAIL_BYTES);
        try {
            HostLogs.Tail tail = logs.tail(log, HostLogs.TAIL_BYTES);
            List<LogSearch.Line> lines = LogSearch.lines(tail.text(), query);
            model.put("tail", tail);
            model.put("lines", lines);
            model.put("allLines", query.isEmpty() ? lines.size() : LogSearch.lines(tail.text(), "").size());
        } catch (HostLogs.Unavailable e) {
            model.put("unavailable", e.getMessage());
        }
        pages.render(ctx, "logs", model);
    }

    /** New lines of the agent's or broker's log since {@code offset}, as JSON. */
    void follow(Context ctx) throws Exception {
        var log = HostLog.byId(String.valueOf(ctx.queryParam("log"))).filter(HostLog::followable);
        if (log.isEmpty()) {
            ctx.status(404).contentType("application/json").result(JSON.writeValueAsString(Map.of("error", "not a followed log")));
            return;
        }
        long offset = parseOffset(ctx.queryParam("offset"));
        ctx.header("Cache-Control", "no-store");
        try {
            HostLogs.Chunk chunk = logs.since(log.get(), offset);
            var answer = new LinkedHashMap<String, Object>();
            answer.put("offset", chunk.offset());
            answer.put("exists", chunk.exists());
            answer.put("restarted", chunk.restarted());
            answer.put("text", chunk.text());
            ctx.contentType("application/json").result(JSON.writeValueAsString(answer));
        } catch (HostLogs.Unavailable e) {
            ctx.status(503).contentType("application/json").result(JSON.writeValueAsString(Map.of("error", e.getMessage())));
        }
    }

    private static String query(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null) return "";
        q = q.strip();
        return q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
    }

    private static long parseOffset(String text) {
        try {
            return text == null ? 0 : Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
