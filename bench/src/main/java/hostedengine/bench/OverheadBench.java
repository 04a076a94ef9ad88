package hostedengine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * 1. Runner overhead: the same generated playbook of short tasks, with Prepare VM's two tags,
 * run (a) by plain ansible-playbook with our callback, exactly the commands and environment
 * the server uses; (b) by ansible-runner (its own event callback); (c) through the server,
 * from POST /wizard/prepare/run to the last event at a connected SSE client.
 */
final class OverheadBench {
    /** One timed run, with the callback's timestamps: when each tag's first and last events were written. */
    record Sample(long nanos, Instant start, List<Instant[]> tagSpans, Instant end) {}

    private final Sizes sizes;
    private final WizardServer server;
    private final BenchRole role;
    private final Path work;
    final List<Sample> a = new ArrayList<>();
    final List<Sample> b = new ArrayList<>();
    final List<Sample> c = new ArrayList<>();
    private Path varsFile;

    OverheadBench(Sizes sizes, WizardServer server, BenchRole role, Path work) throws IOException {
        this.sizes = sizes;
        this.server = server;
        this.role = role;
        this.work = Files.createDirectories(work.resolve("overhead"));
    }

    void run() throws Exception {
        // Warm-up (not counted): a small run of each, so no way pays for a cold page cache alone.
        int small = sizes.quick() ? 4 : 20;
        role.tasks(small);
        Bench.progress("overhead: warm-up");
        runC(small);
        if (!sizes.quick()) {
            runA(small);
            runB();
        }
        role.tasks(sizes.tasks());
        for (int rep = 0; rep < sizes.overheadReps(); rep++) {
            // Rotate the order, so a slow spell of a shared machine does not always hit the same way.
            for (int k = 0; k < 3; k++) {
                int way = (rep + k) % 3;
                Bench.progress("overhead: repetition " + (rep + 1) + "/" + sizes.overheadReps() + ", " + "abc".charAt(way)
                        + " (" + sizes.tasks() + " tasks)");
                switch (way) {
                    case 0 -> a.add(runA(sizes.tasks()));
                    case 1 -> b.add(runB());
                    default -> c.add(runC(sizes.tasks()));
                }
            }
        }
    }

    /** (a) ansible-playbook, tag after tag, as TagLauncher starts it (less setsid and run-phase). */
    private Sample runA(int tasks) throws Exception {
        Path dir = work.resolve("a");
        Tools.deleteTree(dir);
        Files.createDirectories(dir);
        Path playbooks = server.playbooks();
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        List<Path> events = new ArrayList<>();
        for (int i = 0; i < BenchRole.PREPARE_VM_TAGS.size(); i++) {
            String tag = BenchRole.PREPARE_VM_TAGS.get(i);
            Path file = dir.resolve((i + 1) + "-" + tag + ".jsonl");
            events.add(file);
            var env = new LinkedHashMap<String, String>();
            env.put("PYTHONUNBUFFERED", "1");
            env.put("ANSIBLE_STDOUT_CALLBACK", "wizard_events");
            env.put("ANSIBLE_CALLBACKS_ENABLED", "wizard_events");
            env.put("ANSIBLE_CALLBACK_PLUGINS", playbooks.resolve("callback_plugins").toString());
            env.put("ANSIBLE_ROLES_PATH", playbooks.resolve("roles").toString());
            env.put("ANSIBLE_NOCOLOR", "1");
            env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
            env.put("ANSIBLE_FORCE_COLOR", "0");
            env.put("WIZARD_EVENTS_FILE", file.toString());
            int rc = Tools.runLogged(List.of("ansible-playbook", "-i", "localhost,", "-c", "local",
                            playbooks.resolve("hosted_engine.yml").toString(), "--tags=" + tag, "--skip-tags=always",
                            "-e", "@" + varsFile, "-e", "ansible_shell_executable=/bin/bash"),
                    env, dir, dir.resolve("ansible-" + tag + ".log"), Duration.ofMinutes(20));
            if (rc != 0) throw new IOException("(a) ansible-playbook --tags=" + tag + " exited " + rc + "; see " + dir);
        }
        long nanos = System.nanoTime() - t0;
        Instant end = Instant.now();
        long lines = 0;
        for (Path f : events) lines += Tools.lines(f);
        if (lines != BenchRole.expectedEvents(tasks)) {
            throw new IOException("(a) wrote " + lines + " events, not " + BenchRole.expectedEvents(tasks));
        }
        return new Sample(nanos, start, spans(events), end);
    }

    /** (b) ansible-runner, tag after tag, with the same playbook, role and variables. */
    private Sample runB() throws Exception {
        Path dir = work.resolve("b");
        Tools.deleteTree(dir);
        Files.createDirectories(dir);
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        for (String tag : BenchRole.PREPARE_VM_TAGS) {
            int rc = Tools.runLogged(List.of("ansible-runner", "run", dir.resolve("private").toString(),
                            "--project-dir", server.playbooks().toString(), "-p", "hosted_engine.yml",
                            "--cmdline=-i localhost, -c local --tags=" + tag + " --skip-tags=always -e @" + varsFile
                                    + " -e ansible_shell_executable=/bin/bash"),
                    Map.of(), dir, dir.resolve("runner-" + tag + ".log"), Duration.ofMinutes(20));
            if (rc != 0) throw new IOException("(b) ansible-runner --tags=" + tag + " exited " + rc + "; see " + dir);
        }
        long nanos = System.nanoTime() - t0;
        Instant end = Instant.now();
        try (Stream<Path> s = Files.walk(dir.resolve("private/artifacts"))) {
            if (s.noneMatch(p -> p.getParent().getFileName().toString().equals("job_events"))) {
                throw new IOException("(b) ansible-runner wrote no job events; see " + dir);
            }
        }
        return new Sample(nanos, start, List.of(), end);
    }

    /** (c) the server: POST to start Prepare VM, a client on the run's SSE stream from event 0, until the run ends. */
    private Sample runC(int tasks) throws Exception {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        String id = server.startPrepareVm();
        var collector = new RunCollector(0);
        try (var stream = new SseStream(server.http(), server.base().resolve(URI.create("/api/runs/" + id + "/events?since=0")), collector)) {
            if (!collector.awaitEnd(1200)) throw new IOException("(c) run " + id + " did not end within 20 minutes");
        }
        if (collector.error != null) throw new IOException("(c) the event stream of " + id + " failed", collector.error);
        long nanos = collector.lastEventNanos - t0;
        JsonNode run = server.run(id);
        long expected = BenchRole.expectedEvents(tasks);
        if (!"SUCCESSFUL".equals(run.path("status").asText()) || collector.events != expected
                || collector.missing != 0 || collector.repeated != 0) {
            throw new IOException("(c) run " + id + " ended " + run.path("status").asText() + " with " + collector.events
                    + " events delivered (expected " + expected + ", " + collector.missing + " missing, "
                    + collector.repeated + " repeated): " + run);
        }
        List<Path> events = new ArrayList<>();
        for (int i = 0; i < BenchRole.PREPARE_VM_TAGS.size(); i++) {
            events.add(server.runDir(id).resolve((i + 1) + "-" + BenchRole.PREPARE_VM_TAGS.get(i)).resolve("events.jsonl"));
        }
        if (varsFile == null) {
            // (a) and (b) get the very variables the server gave Ansible (no secrets are in this file).
            varsFile = work.resolve("vars.json");
            Files.copy(server.runDir(id).resolve("1-" + BenchRole.PREPARE_VM_TAGS.get(0)).resolve("vars.json"), varsFile);
        }
        return new Sample(nanos, start, spans(events), start.plusNanos(nanos));
    }

    /** The first and last event times the callback wrote in each file. */
    private static List<Instant[]> spans(List<Path> files) throws IOException {
        List<Instant[]> out = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            out.add(new Instant[] {time(lines.get(0)), time(lines.get(lines.size() - 1))});
        }
        return out;
    }

    private static Instant time(String line) throws IOException {
        return Instant.parse(WizardServer.JSON.readTree(line).path("time").asText());
    }

    static Stats.Summary seconds(List<Sample> samples) {
        return Stats.Summary.of(samples.stream().map(s -> Stats.s(s.nanos())).toList());
    }

    /** c/a and c/b, each repetition's c over the same repetition's a or b. */
    static Stats.Summary ratio(List<Sample> num, List<Sample> den) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(num.size(), den.size()); i++) r.add((double) num.get(i).nanos() / den.get(i).nanos());
        return Stats.Summary.of(r);
    }

    /** Where a run's time goes, from the callback's timestamps: start, tag 1, switch, tag 2, end. */
    static List<Stats.Summary> breakdown(List<Sample> samples) {
        List<List<Double>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Sample s : samples) {
            if (s.tagSpans().size() != 2) continue;
            Instant[] t1 = s.tagSpans().get(0);
            Instant[] t2 = s.tagSpans().get(1);
            parts.get(0).add(secondsBetween(s.start(), t1[0]));
            parts.get(1).add(secondsBetween(t1[0], t1[1]));
            parts.get(2).add(secondsBetween(t1[1], t2[0]));
            parts.get(3).add(secondsBetween(t2[0], t2[1]));
            parts.get(4).add(secondsBetween(t2[1], s.end()));
        }
        return parts.stream().map(Stats.Summary::of).toList();
    }

    private static double secondsBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
