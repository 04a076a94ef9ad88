package hostedengine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.Redactor;
import hostedengine.engine.EngineHost;
import hostedengine.engine.ToolOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What goes into a support bundle, and from where: the answers and pre-flight results the page
 * hands over, every run's files from the state directory (or one run's), the host facts, the
 * engine's status through {@code hosted-engine --vm-status --json}, the tails of the deployment
 * host's logs, the versions of the product, Ansible, the ovirt.ovirt collection and the OS, and
 * the audit log. Secrets reach Ansible only through a FIFO and are masked by the callback; the
 * bundle masks again every value the caller knows as secret, in every form {@link Redactor} knows.
 */
public final class SupportBundles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files of a run directory that say nothing to a reader (locks, process ids). */
    private static final List<String> SKIPPED = List.of("owner.lock", "deployment.lock", "pid");

    private final Path stateDir;
    private final HostLogs logs;
    private final EngineHost tool;
    private final Optional<Path> roleDirectory;
    private final Path osRelease;

    /**
     * @param roleDirectory the installed hosted_engine_setup role (its collection's MANIFEST.json gives the version)
     * @param osRelease     /etc/os-release
     */
    public SupportBundles(Path stateDir, HostLogs logs, EngineHost tool, Optional<Path> roleDirectory, Path osRelease) {
        this.stateDir = stateDir;
        this.logs = logs;
        this.tool = tool;
        this.roleDirectory = roleDirectory;
        this.osRelease = osRelease;
    }

    /**
     * What the page adds: the answers as the answer-file export writes them, the pre-flight
     * checks as JSON, the secrets the wizard knows (to mask), and the run the bundle is for.
     */
    public record Request(Optional<String> runId, String answersJson, String preflightJson, Collection<String> secrets) {}

    /** The bundle's file name, which is also the directory inside it. */
    public static String name(Optional<String> runId, Instant now) {
        return "hosted-engine-support-" + runId.map(id -> id + "-").orElse("") + STAMP.format(now);
    }

    public void write(OutputStream out, Request request, Instant now) throws IOException {
        var bundle = new SupportBundle(name(request.runId(), now), Redactor.of(request.secrets()));
        bundle.addText("answers/hosted-engine-answers.json",
                "the answers of the user who made the bundle, as the answer-file export writes them (never a password)",
                request.answersJson());
        bundle.addText("preflight/checks.json", "the pre-flight checks of Prepare VM for those answers, as last read",
                request.preflightJson());
        addRuns(bundle, request.runId());
        addDirectory(bundle, stateDir.resolve("facts"), "facts/", "the host's facts read through Ansible (cached per host)");
        bundle.add("engine/vm-status.txt", "hosted-engine --vm-status --json when the bundle was made", this::vmStatus);
        addLogs(bundle);
        bundle.add("versions.txt", "versions of the product, ansible-core, the ovirt.ovirt collection and the OS", () ->
                SupportBundle.Content.of(versions()));
        Path audit = stateDir.resolve("audit.log");
        if (Files.isRegularFile(audit)) bundle.addFile("audit.log", "the audit log: who did what, when (no secrets)", audit);
        bundle.write(out, now);
    }

    private void addRuns(SupportBundle bundle, Optional<String> only) throws IOException {
        Path runs = stateDir.resolve("runs");
        if (!Files.isDirectory(runs)) return;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = s.filter(Files::isDirectory)
                    .filter(d -> only.isEmpty() || d.getFileName().toString().equals(only.get()))
                    .sorted().toList();
        }
        for (Path dir : dirs) {
            String id = dir.getFileName().toString();
            String why = "run " + id + ": " + describe(dir.resolve("run.json"))
                    + " (state, variables without passwords, command, numbered events, Ansible's log; masked)";
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir, 2)) {
                // Regular files only: the secrets FIFO, were it still there, is never opened.
                files = s.filter(Files::isRegularFile)
                        .filter(f -> !SKIPPED.contains(f.getFileName().toString()))
                        .sorted().toList();
            }
            for (Path f : files) bundle.addFile("runs/" + id + "/" + dir.relativize(f), why, f);
        }
    }

    private static String describe(Path runJson) {
        try {
            JsonNode run = JSON.readTree(runJson.toFile());
            return run.path("phase").asText("?") + ", " + run.path("status").asText("?") + ", started " + run.path("created").asText("?");
        } catch (IOException | RuntimeException e) {
            return "no run.json";
        }
    }

    private static void addDirectory(SupportBundle bundle, Path dir, String prefix, String why) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                bundle.addFile(prefix + f.getFileName(), why, f);
            }
        }
    }

    private SupportBundle.Content vmStatus() {
        // The deployment host chosen (this one, or the remote one over SSH), asked once.
        EngineHost host = tool.resolve();
        ToolOutput out = host.run("--vm-status", "--json");
        String on = "on " + host.where().label() + "\n";
        String text;
        if (out.notConnected()) text = on + "not asked: the deployment host cannot be used now (" + out.stderr().strip() + ")\n";
        else if (out.missing()) text = on + "hosted-engine is not installed (" + host.toolPath() + "): nothing is deployed there yet\n";
        else if (out.timedOut()) text = on + "hosted-engine --vm-status --json did not answer in time and was stopped\n";
        else text = on + "exit code " + out.exitCode() + "\n" + out.stdout() + (out.stderr().isBlank() ? "" : "\nstderr:\n" + out.stderr());
        return SupportBundle.Content.of(text);
    }

    private void addLogs(SupportBundle bundle) {
        String where = logs.remoteLabel().map(h -> " on " + h).orElse(" on this host") + (logs.simulated() ? " (SIMULATED: the simulator's test-double logs)" : "");
        List<HostLogs.Tail> tails;
        try {
            tails = logs.tails(Arrays.asList(HostLog.values()), HostLogs.TAIL_BYTES);
        } catch (HostLogs.Unavailable e) {
            bundle.addText("logs/unavailable.txt", "the deployment host's logs could not be read" + where, e.getMessage() + "\n");
            return;
        }
        for (HostLogs.Tail t : tails) {
            String name = "logs/" + t.log().id() + ".log";
            if (!t.exists()) {
                bundle.addText(name, "the " + t.log().id() + " log" + where + ": missing", "missing: " + t.log().describedPath() + "\n");
                continue;
            }
            String why = "the " + t.log().id() + " log" + where + ", " + t.path().get()
                    + (t.cut() ? ": its last " + (t.end() - t.from()) + " of " + t.size() + " bytes" : "");
            bundle.addText(name, why, t.text());
        }
    }

    private String versions() {
        var text = new StringBuilder();
        String product = Optional.ofNullable(SupportBundles.class.getPackage().getImplementationVersion()).orElse("development build");
        text.append("Hosted Engine Wizard: ").append(product).append('\n');
        text.append("Java: ").append(System.getProperty("java.version")).append('\n');
        text.append("\n$ ansible --version\n").append(command("ansible", "--version")).append('\n');
        text.append("ovirt.ovirt collection: ").append(collectionVersion()).append('\n');
        text.append("\n").append(osRelease).append(":\n");
        try {
            text.append(Files.isRegularFile(osRelease) ? Files.readString(osRelease) : "missing\n");
        } catch (IOException e) {
            text.append("could not be read: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    private String collectionVersion() {
        if (roleDirectory.isEmpty()) return "not installed";
        Path manifest = roleDirectory.get().resolve("../../MANIFEST.json").normalize();
        try {
            return JSON.readTree(manifest.toFile()).path("collection_info").path("version").asText("unknown") + " (" + manifest + ")";
        } catch (IOException e) {
            return "unknown: " + manifest + " could not be read";
        }
    }

    /** A fixed command's output, at most 64 KiB, within 20 s. */
    private static String command(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "did not answer within 20 s";
            }
            return new String(out, StandardCharsets.UTF_8) + (p.exitValue() == 0 ? "" : "exit code " + p.exitValue() + "\n");
        } catch (IOException e) {
            return "not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
