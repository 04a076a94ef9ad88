package hostedengine.enginedouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>SIMULATION ONLY</b> (a test double, never used on a real host): the engine a simulated
 * deployment leaves behind, as a real deployment leaves an engine VM. The simulator role's last
 * step writes the {@code hosted-engine} double's state ({@code <state>/simulator/state.json}) and
 * a PBKDF2 hash of the admin password ({@code engine-admin.json} beside it); while that state says
 * deployed, an {@link EngineDouble} runs for the engine's FQDN, knowing every hosted-engine host of
 * the state, and its CA is in {@code <state>/simulator/pki/cacert.pem} (where a host keeps the real
 * engine's CA). Once the state is gone or says not deployed (after cleanup), the double stops and
 * the CA file goes. The double's CA is made anew at each start, so the CA file changes with it.
 *
 * <p>A deployment from a backup leaves {@value #RESTORED_ENGINE_FILE} beside the state (the
 * simulator's restore, he_simulator_step.py): the engine then also knows the backup's other
 * hosts, non_responsive, in the backup's cluster, as a restored engine knows the hosts of the old
 * deployment until they are fenced and removed (guide 7.2.4). Removing one through the API also
 * removes it from that file, so it stays gone after a restart.
 */
public final class SimulatedEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_FQDN = "engine.localdomain";
    /**
     * Failures on request, as the engine would meet them (for demonstrations and browser tests):
     * {@code {"hosts": {"ADDRESS": "INSTALL_FAILED" | "WRONG_ROOT_PASSWORD" | "UNREACHABLE" |
     * "NON_OPERATIONAL"}, "down": true|false, "token_lifetime_seconds": N, "host_updates": ["NAME", …] | "*",
     * "host_upgrade": {"host": "NAME", "message": "…"}} beside the state file (a proxy's page for every
     * call; sessions the engine ends after N seconds; the hosts, by name, whose repositories hold updates,
     * marked {@code update_available} at once and found by each check until upgraded; an upgrade of that
     * host failing with the message, event 841 and install_failed), read again when it changes.
     */
    public static final String FAILURES_FILE = "engine-failures.json";
    /**
     * The restored backup, written by the simulator's restore: {@code {"backup", "engine_fqdn", "version",
     * "data_center", "cluster", "hosts": [{"hostname", "host-id", …}], "renamed_storage_domain"}}, the
     * hosts being the backup's other than the one the deployment ran on.
     */
    public static final String RESTORED_ENGINE_FILE = "restored-engine.json";

    /** SIMULATION: the simulated engine VM's directory, beside the hosted-engine double's state. */
    public static final String ENGINE_VM_DIR = "engine-vm";
    private final Path stateFile;
    private final Path adminFile;
    private final Path caFile;
    private final Path failuresFile;
    private final Path restoredFile;
    /** Guards edits of the restored file (made from the engine's HTTP threads). */
    private final Object restoredEdits = new Object();
    private FileVersion failuresSeen;
    private final Duration installStep;
    private final Clock clock;
    /** The two files as last read; null before the first reading or after a failed start (read again). */
    private Seen seen;
    private EngineDouble running;
    /** What the running double was started for: a different engine or first host means a new double. */
    private Deployed runningFor;
    private volatile AdminPassword admin;
    private boolean closed;

    /**
     * @param stateDir    the wizard's state directory (the simulator's files are under {@code simulator/})
     * @param installStep one installation step of a host added to the engine
     */
    public SimulatedEngine(Path stateDir, Duration installStep, Clock clock) {
        Path simulator = stateDir.resolve("simulator");
        this.stateFile = simulator.resolve("state.json");
        this.adminFile = simulator.resolve("engine-admin.json");
        this.caFile = simulator.resolve("pki").resolve("cacert.pem");
        this.failuresFile = simulator.resolve(FAILURES_FILE);
        this.restoredFile = simulator.resolve(RESTORED_ENGINE_FILE);
        this.installStep = installStep;
        this.clock = clock;
    }

    /**
     * The engine while the simulated state says deployed (started the first time it is asked for),
     * else empty (a running one stopped). Reads the files again only when one of them changed.
     */
    public synchronized Optional<EngineDouble> current() {
        if (closed) return Optional.empty();
        Seen now = new Seen(FileVersion.of(stateFile), FileVersion.of(adminFile));
        if (now.equals(seen)) return Optional.ofNullable(running).map(this::withFailures);
        seen = now;
        Optional<Deployed> deployed = Deployed.read(stateFile, restoredFile);
        Optional<AdminPassword> password = deployed.isPresent() ? AdminPassword.read(adminFile) : Optional.empty();
        if (deployed.isEmpty() || password.isEmpty()) {
            stop();
            deleteCaFile();
            return Optional.empty();
        }
        admin = password.get();
        if (running != null && !deployed.get().sameEngine(runningFor)) stop();
        if (running == null) start(deployed.get());
        if (running != null) writeCaFile();
        return Optional.ofNullable(running).map(this::withFailures);
    }

    /** Applies the failures file when it changed since it was last read (a new double reads it anew). */
    private EngineDouble withFailures(EngineDouble engine) {
        FileVersion version = FileVersion.of(failuresFile);
        if (java.util.Objects.equals(version, failuresSeen)) return engine;
        failuresSeen = version;
        engine.clearFailures();
        engine.down(false);
        engine.tokenLifetime(Duration.ofHours(1));
        engine.offerUpdates(List.of());
        if (version == null) return engine;
        try {
            JsonNode f = JSON.readTree(failuresFile.toFile());
            f.path("hosts").fields().forEachRemaining(e -> engine.fail(e.getKey(), e.getValue().asText()));
            engine.down(f.path("down").asBoolean(false));
            if (f.has("token_lifetime_seconds")) engine.tokenLifetime(Duration.ofSeconds(f.path("token_lifetime_seconds").asLong()));
            engine.offerUpdates(hostUpdates(f.path("host_updates")));
            JsonNode upgrade = f.path("host_upgrade");
            if (upgrade.hasNonNull("host")) engine.failUpgrade(upgrade.path("host").asText(), upgrade.path("message").asText("Upgrade failed."));
            LOG.info("simulated engine failures on request: {}", f);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("the simulated engine's failures file {} cannot be read", failuresFile, e);
        }
        return engine;
    }

    /** {@code "host_updates"}: a list of host names, or {@code "*"} for every host; absent, none. */
    private static List<String> hostUpdates(JsonNode names) {
        if (names.isTextual()) return List.of(names.asText());
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Where the running engine's CA is (PEM), as {@code /etc/pki/vdsm/certs/cacert.pem} on a host. */
    public Path caFile() { return caFile; }

    @Override public synchronized void close() {
        closed = true;
        stop();
    }

    private void start(Deployed d) {
        try {
            Optional<Restored> restored = d.restored();
            var engine = new EngineDouble(d.fqdn(), d.firstHost(), restored.map(Restored::cluster).orElse(EngineDouble.DEFAULT_CLUSTER),
                    p -> admin.matches(p), stateFile, installStep, clock);
            d.otherHosts().forEach(engine::seedHostedEngineHost);
            // Its version is the simulated engine VM's: an update's engine-setup double raises it.
            Path engineVm = stateFile.resolveSibling(ENGINE_VM_DIR);
            engine.versionFrom(() -> EngineDouble.versionIn(engineVm));
            restored.ifPresent(r -> engine.seedRestoredHosts(r.hosts(), this::forgetRestoredHost));
            running = engine;
            runningFor = d;
            LOG.info("simulated engine {} started at {} with hosts {} and {}{}", d.fqdn(), engine.apiUrl(), d.firstHost(), d.otherHosts(),
                    restored.map(r -> ", restored from " + r.backup() + " with " + r.hosts()).orElse(""));
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("the simulated engine {} cannot start", d.fqdn(), e);
            seen = null; // try again at the next call
        }
    }

    /** A restored host removed through the API leaves the restored file too, so a restart does not bring it back. */
    private void forgetRestoredHost(String name) {
        synchronized (restoredEdits) {
            try {
                JsonNode restored = JSON.readTree(restoredFile.toFile());
                if (!(restored instanceof ObjectNode file) || !(file.get("hosts") instanceof ArrayNode hosts)) return;
                for (int i = hosts.size() - 1; i >= 0; i--) {
                    if (hosts.get(i).path("hostname").asText("").equalsIgnoreCase(name)) hosts.remove(i);
                }
                PrivateFiles.writeAtomically(restoredFile, JSON.writeValueAsBytes(file));
            } catch (IOException e) {
                LOG.warn("the removed host {} cannot be taken out of {}", name, restoredFile, e);
            }
        }
    }

    private void stop() {
        failuresSeen = null;
        if (running == null) return;
        running.close();
        LOG.info("simulated engine {} stopped", runningFor.fqdn());
        running = null;
        runningFor = null;
    }

    private void writeCaFile() {
        try {
            byte[] pem = running.caPem().getBytes(StandardCharsets.US_ASCII);
            if (Files.isRegularFile(caFile) && Arrays.equals(Files.readAllBytes(caFile), pem)) return;
            Files.createDirectories(caFile.getParent());
            PrivateFiles.writeAtomically(caFile, pem);
        } catch (IOException e) {
            LOG.warn("the simulated engine's CA cannot be written to {}", caFile, e);
        }
    }

    private void deleteCaFile() {
        try {
            Files.deleteIfExists(caFile);
        } catch (IOException e) {
            LOG.warn("the simulated engine's CA {} cannot be removed", caFile, e);
        }
    }

    /** The state file and the admin file as last seen; a rename in gives a new file key even within one tick. */
    private record Seen(FileVersion state, FileVersion admin) {}

    private record FileVersion(FileTime modified, long size, Object key) {
        static FileVersion of(Path file) {
            try {
                var a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileVersion(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (NoSuchFileException gone) {
                return null;
            } catch (IOException e) {
                LOG.warn("{} cannot be read", file, e);
                return null;
            }
        }
    }

    /**
     * What the {@code hosted-engine} state says was deployed: the engine's FQDN and the hosts; and
     * the backup it was restored from, if any, with the hosts of the backup the state does not have.
     */
    private record Deployed(String fqdn, String firstHost, List<String> otherHosts, Optional<Restored> restored) {
        static Optional<Deployed> read(Path file, Path restoredFile) {
            JsonNode state;
            try {
                state = JSON.readTree(file.toFile());
            } catch (IOException e) {
                if (Files.exists(file)) LOG.warn("the hosted-engine double's state {} cannot be read", file, e);
                return Optional.empty();
            }
            if (state == null || !state.path("deployed").asBoolean(false)) return Optional.empty();
            String fqdn = state.path("shared_config").path("he_local").path("fqdn").asText("");
            String first = null;
            List<String> names = new ArrayList<>();
            for (JsonNode h : state.path("hosts")) {
                String name = h.path("hostname").asText("");
                if (name.isEmpty()) continue;
                if (h.path("host-id").asInt() == 1 && first == null) first = name;
                else names.add(name);
            }
            // The role names host 1 "localhost" without he_host_name (step_install_double.yml); same fallback.
            if (first == null) first = names.isEmpty() ? "localhost" : names.remove(0);
            String host1 = first;
            names.removeIf(n -> n.equalsIgnoreCase(host1));
            List<String> deployed = new ArrayList<>(names);
            deployed.add(first);
            Optional<Restored> restored = Restored.read(restoredFile).map(r -> r.without(deployed));
            return Optional.of(new Deployed(fqdn.isEmpty() ? DEFAULT_FQDN : fqdn, first, List.copyOf(names), restored));
        }

        /** The same engine goes on running: same name, same first host, restored (or not) from the same backup. */
        boolean sameEngine(Deployed other) {
            return other != null && fqdn.equals(other.fqdn) && firstHost.equals(other.firstHost)
                    && restored.map(Restored::identity).equals(other.restored.map(Restored::identity));
        }
    }

    /**
     * The backup a simulated deployment was restored from ({@value #RESTORED_ENGINE_FILE}): its cluster
     * and the old deployment's hosts it still knows; a restore writes a new file (its renamed domain
     * carries the time), so backup and renamed domain tell one restore from another.
     */
    private record Restored(String backup, String renamedDomain, String cluster, List<String> hosts) {
        static Optional<Restored> read(Path file) {
            JsonNode r;
            try {
                r = JSON.readTree(file.toFile());
            } catch (NoSuchFileException absent) {
                return Optional.empty();
            } catch (IOException e) {
                if (Files.exists(file)) LOG.warn("the simulated engine's restored backup {} cannot be read", file, e);
                return Optional.empty();
            }
            if (r == null || !r.isObject()) return Optional.empty();
            List<String> hosts = new ArrayList<>();
            for (JsonNode h : r.path("hosts")) {
                String name = h.path("hostname").asText("");
                if (!name.isEmpty() && hosts.stream().noneMatch(name::equalsIgnoreCase)) hosts.add(name);
            }
            String cluster = r.path("cluster").asText("");
            return Optional.of(new Restored(r.path("backup").asText(""), r.path("renamed_storage_domain").asText(""),
                    cluster.isEmpty() ? EngineDouble.DEFAULT_CLUSTER : cluster, List.copyOf(hosts)));
        }

        /** Without the hosts of this deployment (the state's): those the engine knows as deployed. */
        Restored without(List<String> deployed) {
            return new Restored(backup, renamedDomain, cluster,
                    hosts.stream().filter(h -> deployed.stream().noneMatch(h::equalsIgnoreCase)).toList());
        }

        String identity() { return backup + "\n" + renamedDomain; }
    }

    /**
     * The check of admin@internal's password the simulator wrote (he_simulator_step.py): PBKDF2 with
     * HMAC-SHA256, compared in constant time. The password itself is kept nowhere.
     */
    private record AdminPassword(int iterations, byte[] salt, byte[] hash) {
        static Optional<AdminPassword> read(Path file) {
            try {
                JsonNode a = JSON.readTree(file.toFile());
                if (a == null || !"PBKDF2WithHmacSHA256".equals(a.path("algorithm").asText())) return Optional.empty();
                var check = new AdminPassword(a.path("iterations").asInt(0), Base64.getDecoder().decode(a.path("salt").asText("")),
                        Base64.getDecoder().decode(a.path("hash").asText("")));
                return check.iterations > 0 && check.salt.length > 0 && check.hash.length > 0 ? Optional.of(check) : Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                if (Files.exists(file)) LOG.warn("the simulated engine's admin file {} cannot be read", file);
                return Optional.empty();
            }
        }

        boolean matches(String password) {
            if (password == null || password.isEmpty()) return false;
            var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length * 8);
            try {
                byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(derived, hash);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK always has PBKDF2WithHmacSHA256", e);
            } finally {
                spec.clearPassword();
            }
        }

        @Override public String toString() { return "AdminPassword[PBKDF2WithHmacSHA256]"; }
    }
}
