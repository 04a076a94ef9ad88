package hostedengine.deploy;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.PlaybookCommand;
import hostedengine.ansible.SecretsChannel;
import hostedengine.ansible.TargetProblem;
import hostedengine.ansible.VarsFile;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one step of a run, detached: {@code setsid run-phase TAG_DIR ansible-playbook …}. The
 * server does not wait on it; it follows the files the wrapper and the callback write. The one
 * place that starts Ansible: every playbook the product runs (deployment phases, discovery,
 * host facts, name checks) goes through here with the same environment, callback and secrets channel.
 */
final class TagLauncher {
    /** Why a tag could not start, as a message key and detail. */
    static final class LaunchProblem extends Exception {
        final String key;

        LaunchProblem(String key, String detail) {
            super(detail);
            this.key = key;
        }
    }

    static final Duration SECRETS_TIMEOUT = Duration.ofSeconds(60);
    private final RunSettings settings;
    private final AnsibleTarget target;
    private final Phase phase;

    TagLauncher(RunSettings settings) { this(settings, AnsibleTarget.LOCAL, null); }

    private TagLauncher(RunSettings settings, AnsibleTarget target, Phase phase) {
        this.settings = settings;
        this.target = target;
        this.phase = phase;
    }

    /** The same launcher, working on {@code target}: a run keeps the host it started with. */
    TagLauncher forTarget(AnsibleTarget target) { return new TagLauncher(settings, target, phase); }

    /** The same launcher, for a run of {@code kind}: its playbook, and whether each step is a tag. */
    TagLauncher forPhase(Phase kind) { return new TagLauncher(settings, target, kind); }

    record Launched(Process wrapper, SecretsChannel secrets) {}

    /**
     * Starts one step of the run: the role tag {@code tag} of the trigger playbook, or the whole
     * playbook of an untagged kind (whose one step is named after it). Without a kind (never in
     * {@link Runs}) it runs the trigger playbook by tag, as every run did before there were kinds.
     */
    Launched launch(Path tagDir, String tag, Map<String, Object> vars, Map<String, String> secrets)
            throws LaunchProblem, IOException {
        if (phase != null && phase.engineTask()) return launchEngineTask(tagDir, tag, vars, secrets);
        Path playbook = phase == null ? settings.playbook() : settings.playbook(phase);
        boolean tagged = phase == null || phase.tagged();
        if (!Files.isExecutable(settings.ansiblePlaybook())) {
            throw new LaunchProblem("run.ansibleMissing", settings.ansiblePlaybook()
                    + " is missing or not executable; install Debian's ansible package");
        }
        if (!Files.isRegularFile(playbook) || !Files.isExecutable(settings.wrapper())) {
            throw new LaunchProblem("run.playbooksMissing", "the playbooks directory " + settings.playbooksDir()
                    + " lacks " + playbook.getFileName() + " or bin/run-phase");
        }
        try {
            // Before every tag: a remote host must still show its pinned key and accept the login.
            target.checkReady();
        } catch (TargetProblem p) {
            throw new LaunchProblem(p.key(), p.getMessage());
        }
        Files.createDirectories(tagDir);
        Path varsFile = tagDir.resolve("vars.json");
        VarsFile.write(varsFile, phaseVars(vars, tag));
        SecretsChannel channel = SecretsChannel.open(tagDir, secrets, SECRETS_TIMEOUT);
        try {
            var builder = new PlaybookCommand(settings.ansiblePlaybook(), playbook).appendTarget(target);
            if (tagged) builder.appendTag(tag).appendSkipTag("always");
            List<String> command = builder.appendVarsFile(varsFile).appendVarsFile(channel.path())
                    .appendShellExecutable("/bin/bash")
                    .build();
            return new Launched(startDetached(tagDir, command, env -> {
                environment(env, tagDir);
                // The names (never the values) of what the FIFO carries: the callback stops the run
                // before any task if one of them does not reach it to be masked.
                env.put("WIZARD_SECRET_VARS", secrets == null ? "" : String.join(",", new java.util.TreeSet<>(secrets.keySet())));
            }), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The class an engine task's JVM runs (hostedengine.engineops; named, not linked: deploy does not depend on it). */
    static final String ENGINE_TASK_MAIN = "hostedengine.engineops.EngineTaskMain";

    /**
     * Starts one step of a day-2 kind: an engine task in a JVM of its own, under the same wrapper
     * as a playbook (so it outlives a server restart, is canceled by its process group and leaves
     * its exit code in {@code rc}), reading its variables from {@code vars.json} and its secrets
     * (the engine session's token, a new host's root password) from the same FIFO Ansible reads,
     * and writing {@code events.jsonl} as the callback does. It talks to the engine from this
     * machine, so the deployment host is not checked first.
     */
    private Launched launchEngineTask(Path tagDir, String tag, Map<String, Object> vars, Map<String, String> secrets)
            throws LaunchProblem, IOException {
        if (!Files.isExecutable(settings.wrapper())) {
            throw new LaunchProblem("run.playbooksMissing", "the playbooks directory " + settings.playbooksDir()
                    + " lacks bin/run-phase");
        }
        String java = ProcessHandle.current().info().command().orElse(null);
        if (java == null) throw new LaunchProblem("run.cannotWrite", "this JVM does not name its own java command");
        Files.createDirectories(tagDir);
        Path varsFile = tagDir.resolve("vars.json");
        VarsFile.write(varsFile, vars);
        SecretsChannel channel = SecretsChannel.open(tagDir, secrets, SECRETS_TIMEOUT);
        try {
            // Small and quick to start: a task waits on the engine most of its life.
            List<String> command = List.of(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ENGINE_TASK_MAIN, tag, varsFile.toString(),
                    channel.path().toString());
            return new Launched(startDetached(tagDir, command, env -> {
                env.put("WIZARD_EVENTS_FILE", tagDir.resolve("events.jsonl").toString());
                env.put("WIZARD_TAG", tag);
            }), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Records {@code command} in {@code command.json} and starts it under the wrapper in a session
     * of its own, in {@code tagDir}, reading nothing and writing through the wrapper's files only.
     */
    private Process startDetached(Path tagDir, List<String> command, java.util.function.Consumer<Map<String, String>> env)
            throws IOException {
        PrivateFiles.writeAtomically(tagDir.resolve("command.json"), RunFiles.JSON.writeValueAsBytes(command));
        List<String> argv = new ArrayList<>(List.of("setsid", settings.wrapper().toString(), tagDir.toString()));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(tagDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        env.accept(pb.environment());
        return pb.start();
    }

    private Map<String, Object> phaseVars(Map<String, Object> vars, String tag) {
        Map<String, Object> all = new LinkedHashMap<>(vars);
        all.put("he_wizard_role", settings.role());
        if (settings.simulator()) {
            all.put("he_simulator_speed", settings.simulatorSpeed());
            all.putAll(settings.simulatorVars(target));
            all.putAll(SimulatedRoleFailure.varsFor(settings.simulatorFailureFile(), settings.playbooksDir(), tag));
        }
        return all;
    }

    private void environment(Map<String, String> env, Path tagDir) {
        env.putAll(settings.extraEnv());
        env.putAll(target.environment());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("ANSIBLE_STDOUT_CALLBACK", "wizard_events");
        env.put("ANSIBLE_CALLBACKS_ENABLED", "wizard_events");
        env.put("ANSIBLE_CALLBACK_PLUGINS", settings.callbackPlugins().toString());
        env.put("ANSIBLE_ROLES_PATH", settings.rolesPath().toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("WIZARD_EVENTS_FILE", tagDir.resolve("events.jsonl").toString());
    }
}
