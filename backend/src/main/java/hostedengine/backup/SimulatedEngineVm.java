package hostedengine.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIMULATION ONLY, a test double: the file tree of a simulated engine VM, a directory standing
 * for the VM's {@code /} ({@code <state>/simulator/engine-vm}). It holds the {@code engine-backup}
 * test double ({@code usr/bin/engine-backup}, from the simulator role's files), the engine's
 * configuration files that name its FQDN (which a backup packs and a restore reads), and the
 * double's settings ({@code etc/engine-backup-double.json}: version, data center, cluster, the
 * {@code hosted-engine} double's state whose hosts a backup records, and a failure on request).
 *
 * <p>Failure on request: {@code <state>/simulator/engine-failures.json} with
 * {@code "engine_backup": {"mode": "backup", "at": "- Engine database 'engine'", "message": "…"}}
 * makes engine-backup fail at that line of its output, as the real tool does with {@code FATAL:};
 * {@code "engine_upgrade_check": {"available": true}} (or {@code "error"}, {@code "raw"}) is what
 * the {@code engine-upgrade-check} double answers; {@code "engine_update": {"fail_at": "engine_setup", …}}
 * how the doubles of dnf, engine-setup and needs-restarting behave during an engine update. Their
 * state (what was "updated", the engine version engine-setup upgraded to) is
 * {@code var/lib/engine-update-double/state.json}, which survives the next prepare.
 */
public final class SimulatedEngineVm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedEngineVm() {}

    /**
     * Writes (again) the simulated engine VM for the engine {@code fqdn}: called before each
     * operation on it, so the double always knows the engine of the last deployment.
     *
     * @param double_      the engine-backup double to install
     * @param haStateFile  the hosted-engine double's state (its hosts go into the backup)
     * @param failuresFile the simulator's engine failures file; may be missing
     */
    public static void prepare(Path root, Path double_, String fqdn, Path haStateFile, Path failuresFile)
            throws IOException {
        for (String d : new String[] {"usr/bin", "etc/ovirt-engine/engine.conf.d", "etc/ovirt-engine-setup.conf.d",
                "var/lib/ovirt-engine-backup", "var/log/ovirt-engine-backup"}) {
            Files.createDirectories(root.resolve(d));
        }
        // The doubles of the engine VM's tools live side by side in the simulator role's files.
        for (String name : new String[] {"engine-backup", "engine-upgrade-check", "engine-setup", "dnf", "needs-restarting"}) {
            Path tool = root.resolve("usr/bin").resolve(name);
            Files.copy(double_.resolveSibling(name), tool, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        write(root.resolve("etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf"),
                "ENGINE_FQDN=" + fqdn + "\nENGINE_PROXY_ENABLED=true\nENGINE_PROXY_HTTP_PORT=80\nENGINE_PROXY_HTTPS_PORT=443\n");
        write(root.resolve("etc/ovirt-engine-setup.conf.d/20-setup-ovirt-post.conf"),
                "[environment:default]\nOVESETUP_CONFIG/fqdn=str:" + fqdn + "\nOVESETUP_CORE/engineStop=none:None\n");
        var settings = new LinkedHashMap<String, Object>();
        settings.put("version", engineVersion(root));
        settings.put("data_center", "Default");
        settings.put("cluster", "Default");
        settings.put("ha_state_file", haStateFile.toString());
        settings.put("fail", failure(failuresFile));
        PrivateFiles.writeAtomically(root.resolve("etc/engine-backup-double.json"), JSON.writeValueAsBytes(settings));
        PrivateFiles.writeAtomically(root.resolve("etc/engine-upgrade-check-double.json"),
                JSON.writeValueAsBytes(section(failuresFile, "engine_upgrade_check", Map.of("available", false))));
        PrivateFiles.writeAtomically(root.resolve("etc/engine-update-double.json"),
                JSON.writeValueAsBytes(section(failuresFile, "engine_update", Map.of())));
    }

    /** The simulated engine's version: the one its last update's engine-setup double upgraded to, else the engine double's. */
    public static String engineVersion(Path root) { return hostedengine.enginedouble.EngineDouble.versionIn(root); }

    /**
     * A section of the failures file, or {@code fallback}: {@code "engine_upgrade_check"} is what
     * engine-upgrade-check answers ({@code {"available": true, "packages": […]}}, {@code {"error": "…"}},
     * or {@code {"raw": {"stdout", "stderr", "rc"}}}; without it, no update); {@code "engine_update"}
     * is how the dnf, engine-setup and needs-restarting doubles behave ({@code {"fail_at":
     * "setup_packages"|"engine_setup"|"packages", "message", "kernel": true, "seconds",
     * "needs_restarting": "missing"}}).
     */
    private static Object section(Path failuresFile, String key, Object fallback) {
        try {
            if (failuresFile != null && Files.isRegularFile(failuresFile)) {
                JsonNode f = JSON.readTree(failuresFile.toFile()).path(key);
                if (f.isObject()) return f;
            }
        } catch (IOException e) {
            // An unreadable file asks for nothing.
        }
        return fallback;
    }

    /** The failure asked for engine-backup, or null. */
    private static Map<String, Object> failure(Path failuresFile) {
        try {
            if (failuresFile == null || !Files.isRegularFile(failuresFile)) return null;
            JsonNode f = JSON.readTree(failuresFile.toFile()).path("engine_backup");
            if (!f.isObject()) return null;
            var fail = new LinkedHashMap<String, Object>();
            fail.put("mode", f.path("mode").asText("backup"));
            fail.put("at", f.path("at").asText(""));
            fail.put("message", f.path("message").asText("engine-backup failed"));
            return fail;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String text) throws IOException {
        PrivateFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
