package hostedengine.engineops;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.engineapi.EngineEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine task's {@code events.jsonl}, line for line as the Ansible callback writes it
 * ({@code playbook_start}, {@code task_start}, {@code ok}, {@code failed}, {@code stats}), plus
 * {@code engine_event}: one entry of the engine's audit log about the host, in the engine's words.
 * Each line is one write, flushed, with every secret masked before it is written; a short human
 * line goes to standard output (the step's {@code ansible.log}).
 */
final class TaskLog {
    static final String MASK = "********";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream events;
    private final PrintStream human;
    private final String tag;
    private final String host;
    private final List<String> secrets;
    private String task;
    private int ok;
    private int changed;
    private int failed;

    TaskLog(Path eventsFile, PrintStream human, String tag, String host, List<String> secrets) throws IOException {
        this.events = Files.newOutputStream(eventsFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        this.human = human;
        this.tag = tag;
        this.host = host;
        // Longest first, so a secret that holds another is masked whole.
        this.secrets = new ArrayList<>(secrets.stream().filter(s -> s != null && !s.isEmpty()).toList());
        this.secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    void start(String name) { emit("playbook_start", null, Map.of("playbook", name), "ENGINE TASK [" + name + "]"); }

    void task(String name) {
        task = name;
        emit("task_start", name, Map.of(), "TASK [" + name + "]");
    }

    void ok(String message, boolean change) {
        if (change) changed++;
        else ok++;
        emit("ok", task, Map.of("msg", message, "changed", change), (change ? "changed: [" : "ok: [") + host + "] " + message);
    }

    void failed(String message) {
        failed++;
        emit("failed", task, Map.of("msg", message, "changed", false), "failed: [" + host + "] " + message);
    }

    void engineEvent(EngineEvent e) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("msg", e.description());
        fields.put("code", e.code());
        fields.put("severity", e.severity());
        fields.put("engine_time", e.time().toString());
        emit("engine_event", task, fields, "  engine: " + e.description());
    }

    void stats() {
        emit("stats", null, Map.of("stats", Map.of(host, Map.of("ok", ok + changed, "changed", changed, "failures", failed))),
                "STATS [" + host + "] ok=" + (ok + changed) + " changed=" + changed + " failed=" + failed);
    }

    private void emit(String type, String taskName, Map<String, Object> fields, String humanLine) {
        var record = new LinkedHashMap<String, Object>();
        record.put("event", type);
        record.put("time", Instant.now().toString());
        record.put("task", taskName);
        record.put("task_path", null);
        record.put("host", host);
        record.put("tag", tag);
        fields.forEach((k, v) -> record.put(k, v instanceof String s ? mask(s) : v));
        record.put("otopi", Map.of());
        try {
            // One write per line: a reader never sees half an event.
            events.write((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
            events.flush();
        } catch (IOException e) {
            human.println("could not write the events file: " + e.getMessage());
        }
        human.println(mask(humanLine));
        human.flush();
    }

    String mask(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) out = out.replace(s, MASK);
        return out;
    }
}
