package hostedengine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hostedengine.engine.Diagnosis;
import hostedengine.engine.EngineStatus;
import hostedengine.engine.HostStatus;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.StatusProblem;
import hostedengine.engine.VmStatus;
import hostedengine.deploy.PausedRuns;
import hostedengine.host.HostMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code hosted-engine-wizard status}: {@code hosted-engine --vm-status --json} read by the
 * same {@link VmStatus} and {@link Diagnosis} as the status page, as a table with what the
 * engine's state means, or as JSON. Exit 0 when the engine is up and healthy, 1 on any other
 * state or an unreadable status, 2 when not deployed or the tool is missing.
 */
final class StatusCommand {
    private final Cli.Terminal terminal;
    private final CliText text;
    private final Cli.Wiring wiring;

    StatusCommand(Cli.Terminal terminal, CliText text, Cli.Wiring wiring) {
        this.terminal = terminal;
        this.text = text;
        this.wiring = wiring;
    }

    int run(StatusOptions options) throws CliProblem {
        if (options.help()) {
            terminal.out().print(StatusOptions.usage());
            return Cli.OK;
        }
        HostMode mode = wiring.mode(options.simulate());
        Path state = wiring.stateDir(options.stateDir());
        hostedengine.engine.EngineHost tool = wiring.deploymentHostTool(state, mode).resolve();
        VmStatus.Reading reading = VmStatus.read(tool.run("--vm-status", "--json"));
        hostedengine.engine.TargetHost on = tool.where();
        Optional<Diagnosis> diagnosis = reading.status().map(Diagnosis::of)
                .orElseGet(() -> reading.problem().flatMap(Diagnosis::of));
        int code = exitCode(reading, diagnosis);
        Optional<PausedRuns.PausedRun> paused = new PausedRuns(state).current();
        if (options.json()) printJson(reading, diagnosis, code, paused);
        else {
            // Which host this is, when it is not this one.
            if (!on.local()) terminal.out().println(text.get("day2.on.remote", on.label()));
            paused.ifPresent(this::printPaused);
            printTable(reading, diagnosis);
        }
        return code;
    }

    private static int exitCode(VmStatus.Reading reading, Optional<Diagnosis> diagnosis) {
        if (reading.problem().filter(p -> p == StatusProblem.NOT_DEPLOYED || p == StatusProblem.TOOL_MISSING).isPresent()) {
            return Cli.REFUSED;
        }
        return diagnosis.filter(d -> d == Diagnosis.ENGINE_UP).isPresent() && reading.status().isPresent() ? Cli.OK : Cli.FAILED;
    }

    private void printTable(VmStatus.Reading reading, Optional<Diagnosis> diagnosis) {
        PrintStream out = terminal.out();
        if (reading.problem().isPresent()) {
            out.println(text.get(reading.problem().get().messageKey()));
            if (!reading.output().isBlank()) out.println(reading.output().strip());
        }
        reading.status().ifPresent(status -> {
            if (status.globalMaintenance()) out.println("!! " + text.get("status.globalMaintenanceBanner"));
            List<String> columns = List.of("hostname", "hostId", "score", "vm", "health", "localMaintenance", "liveData", "agentState");
            List<List<String>> rows = new ArrayList<>();
            rows.add(columns.stream().map(c -> text.get("status.host." + c)).toList());
            for (HostStatus h : status.hosts()) {
                rows.add(List.of(h.hostname(), String.valueOf(h.hostId()), String.valueOf(h.score()), h.engine().vm(),
                        h.engine().health(), yesNo(h.localMaintenance()), yesNo(h.liveData()), h.agentState()));
            }
            printAligned(out, rows);
            out.println(text.get("status.engineRunsOn") + ": "
                    + status.engineHost().map(HostStatus::hostname).orElse(text.get("status.engineNowhere")));
        });
        diagnosis.ifPresent(d -> {
            out.println(text.get(d.explanationKey()));
            out.println(text.get(d.stepsKey()));
        });
    }

    /** A deployment waiting on the role's pause comes first: nothing else moves until someone continues it. */
    private void printPaused(PausedRuns.PausedRun paused) {
        PrintStream out = terminal.out();
        out.println("!! " + text.get("cli.pause.title", paused.runId()));
        if (paused.pause().message() != null) out.println(text.get("cli.pause.message", paused.pause().message()));
        out.println(text.get("cli.pause.timesOut", paused.pause().timesOutAt()));
        out.println(text.get("cli.pause.how", paused.runId()));
    }

    private String yesNo(boolean b) { return text.get(b ? "status.yes" : "status.no"); }

    private static void printAligned(PrintStream out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private void printJson(VmStatus.Reading reading, Optional<Diagnosis> diagnosis, int code,
                           Optional<PausedRuns.PausedRun> paused) throws CliProblem {
        var json = new StatusJson(code, reading.problem().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).orElse(null),
                reading.status().map(VmStatus::globalMaintenance).orElse(null),
                reading.status().flatMap(VmStatus::engineHost).map(HostStatus::hostname).orElse(null),
                reading.status().map(s -> s.hosts().stream().map(HostJson::of).toList()).orElse(List.of()),
                diagnosis.map(Diagnosis::id).orElse(null),
                diagnosis.map(d -> text.get(d.explanationKey()) + " " + text.get(d.stepsKey())).orElse(null),
                paused.map(p -> new PausedJson(p.runId(), p.pause().message(), p.pause().timesOutAt())).orElse(null));
        try {
            terminal.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliProblem("the status could not be written as JSON: " + e.getMessage());
        }
    }

    /** {@code status --json}: what scripts read, in this order. */
    record StatusJson(int exitCode, String problem, Boolean globalMaintenance, String engineHost, List<HostJson> hosts,
                      String diagnosis, String advice, PausedJson paused) {}

    /** One host of {@code status --json}. */
    record HostJson(String hostname, int hostId, int score, EngineStatus engineStatus, boolean localMaintenance,
                    boolean liveData, String agentState) {
        static HostJson of(HostStatus h) {
            return new HostJson(h.hostname(), h.hostId(), h.score(), h.engine(), h.localMaintenance(), h.liveData(),
                    h.agentState());
        }
    }

    /** The role's pause, when a deployment waits on it. */
    record PausedJson(String run, String message, String timesOutAt) {}
}
