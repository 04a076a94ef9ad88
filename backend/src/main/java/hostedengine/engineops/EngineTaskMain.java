package hostedengine.engineops;

import hostedengine.ansible.VarsFile;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engineapi.EngineProblem;
import hostedengine.engineapi.EngineSession;
import hostedengine.engineapi.EngineTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One step of a day-2 host run, in a JVM of its own under the run core's wrapper:
 * {@code EngineTaskMain STEP VARS_FILE SECRETS_FIFO}, writing events to {@code $WIZARD_EVENTS_FILE}.
 * Exit codes as {@code ansible-playbook}'s: 0 done, 2 a task failed, 250 an unexpected error;
 * canceled, the JVM ends on the signal (the engine goes on with what it was asked).
 *
 * <p>Variables: {@code he_engine_api_url}, {@code he_engine_ca_file} (the engine CA's PEM),
 * {@code he_host_name}, {@code he_host_address}, {@code he_host_cluster}, {@code he_engine_poll_seconds},
 * {@code he_host_timeout_seconds}, and optionally {@code he_hosted_engine_tool} with
 * {@code he_hosted_engine_env} (how to run {@code hosted-engine --vm-status}), and for an update
 * {@code he_host_names} (a list) instead of one host. Secrets:
 * {@code he_engine_token} (the administrator's SSO session, never the password) and, to add a
 * host with a password, {@code he_host_root_password}.
 */
public final class EngineTaskMain {
    static final int OK = 0;
    static final int TASK_FAILED = 2;
    static final int UNEXPECTED = 250;

    private EngineTaskMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("WIZARD_EVENTS_FILE")));
    }

    static int run(String[] args, String eventsFile) {
        if (args.length != 3 || eventsFile == null) {
            System.out.println("usage: EngineTaskMain STEP VARS_FILE SECRETS_FILE, with WIZARD_EVENTS_FILE set");
            return UNEXPECTED;
        }
        String step = args[0];
        Map<String, Object> vars;
        Map<String, Object> secrets;
        try {
            vars = VarsFile.read(Path.of(args[1]));
            // The FIFO is read once, whole; the run core removes it then.
            secrets = VarsFile.read(Path.of(args[2]));
        } catch (IOException | RuntimeException e) {
            System.out.println("cannot read the task's variables: " + e.getMessage());
            return UNEXPECTED;
        }
        String token = text(secrets, "he_engine_token");
        String rootPassword = text(secrets, "he_host_root_password");
        String host = text(vars, "he_host_name");
        TaskLog log;
        try {
            log = new TaskLog(Path.of(eventsFile), System.out, step, host == null ? "engine" : host,
                    java.util.Arrays.asList(token, rootPassword));
        } catch (IOException e) {
            System.out.println("cannot write " + eventsFile + ": " + e.getMessage());
            return UNEXPECTED;
        }
        log.start(step);
        // A call the engine never answers (an HTTP client stuck on a dead connection) must not keep
        // the run going for ever: past every wait the task allows, it fails and says why.
        long waitSeconds = (long) number(vars, "he_host_timeout_seconds", 1800);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(2 * waitSeconds + 600).toMillis());
                log.failed("the engine task did not end within " + (2 * waitSeconds + 600) + " s: the engine stopped answering");
                log.stats();
                Runtime.getRuntime().halt(UNEXPECTED);
            } catch (InterruptedException done) {
                // the task ended first
            }
        }, "engine-task-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return work(step, vars, token, rootPassword, log) ? OK : TASK_FAILED;
        } catch (InterruptedException e) {
            log.failed("interrupted");
            return UNEXPECTED;
        } catch (RuntimeException e) {
            log.failed("unexpected error: " + e);
            return UNEXPECTED;
        } finally {
            watchdog.interrupt();
            log.stats();
        }
    }

    private static boolean work(String step, Map<String, Object> vars, String token, String rootPassword, TaskLog log)
            throws InterruptedException {
        log.task("Connect to the engine");
        EngineSession engine;
        try {
            Path caFile = Path.of(String.valueOf(vars.get("he_engine_ca_file")));
            var trust = EngineTrust.fromPem(Files.readString(caFile, StandardCharsets.US_ASCII));
            Path store = trust.writeStore(Path.of("engine-ca.p12").toAbsolutePath());
            engine = EngineSession.withToken(String.valueOf(vars.get("he_engine_api_url")), token, store);
            log.ok("engine " + engine.version() + " at " + vars.get("he_engine_api_url"), false);
        } catch (EngineProblem p) {
            log.failed(HostTasks.words(p));
            return false;
        } catch (IOException | java.security.GeneralSecurityException e) {
            log.failed("cannot read the engine CA: " + e.getMessage());
            return false;
        }
        try {
            var context = new HostTasks.Context(engine, log, text(vars, "he_host_name"), text(vars, "he_host_address"),
                    text(vars, "he_host_cluster"), rootPassword,
                    Duration.ofMillis((long) (number(vars, "he_engine_poll_seconds", 2) * 1000)),
                    Duration.ofSeconds((long) number(vars, "he_host_timeout_seconds", 1800)), tool(vars), names(vars));
            return new HostTasks(context).run(step);
        } finally {
            // The token is the administrator's session: it stays valid for the hosts page.
            engine.detach();
        }
    }

    /** {@code he_host_names}: the hosts an update runs on, in the order asked. */
    private static java.util.List<String> names(Map<String, Object> vars) {
        if (!(vars.get("he_host_names") instanceof java.util.List<?> names)) return java.util.List.of();
        return names.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static HostedEngineTool tool(Map<String, Object> vars) {
        String exe = text(vars, "he_hosted_engine_tool");
        if (exe == null) return null;
        Object env = vars.get("he_hosted_engine_env");
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) m.forEach((k, v) -> environment.put(String.valueOf(k), String.valueOf(v)));
        return new HostedEngineTool(Path.of(exe), Path.of(exe), environment, HostedEngineTool.DEFAULT_TIMEOUT);
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null || String.valueOf(v).isEmpty() ? null : String.valueOf(v);
    }

    private static double number(Map<String, Object> m, String key, double fallback) {
        Object v = m.get(key);
        if (v instanceof Number n) return n.doubleValue();
        try {
            return v == null ? fallback : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
