package hostedengine.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import hostedengine.ansible.AnsibleTarget;
import hostedengine.ansible.TargetProblem;
import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server deploys: this host (the default) or one remote host over SSH. The choice
 * is kept in {@code <state>/remote/target.json} (never the password, which lives in memory
 * only), so a restarted server still deploys to the same host and never falls back to this
 * one. Every run asks {@link #get()} for its host once, when it starts.
 */
public final class DeploymentTarget implements Supplier<AnsibleTarget> {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateDir;
    private final PinnedHostKeys pins;
    private final Duration timeout;
    private RemoteHost remote;
    private boolean passwordLost;
    private HostKey awaitingConfirmation;
    private RemoteFacts facts;
    private SshProblem problem;
    /** The last state, for pages that must not wait while a connection is being made. */
    private volatile View snapshot;

    /**
     * What the host page shows.
     *
     * @param remote       the remote host chosen, empty for this host
     * @param pinned       the key confirmed for it
     * @param awaiting     first contact: the key the host offered, to confirm
     * @param facts        what was read from the host at the last successful contact
     * @param problem      why the last contact failed
     * @param passwordLost the server restarted and forgot the password: enter it again
     */
    public record View(Optional<RemoteHost> remote, Optional<HostKey> pinned, Optional<HostKey> awaiting,
                       Optional<RemoteFacts> facts, Optional<SshProblem> problem, boolean passwordLost) {
        public boolean local() { return remote.isEmpty(); }

        /** Connected with a confirmed key: deployments may start. */
        public boolean ready() { return remote.isPresent() && facts.isPresent() && problem.isEmpty() && !passwordLost; }
    }

    public DeploymentTarget(Path stateDir, Duration timeout) {
        this.stateDir = stateDir;
        this.pins = new PinnedHostKeys(stateDir);
        this.timeout = timeout;
        load();
        publish();
    }

    public PinnedHostKeys pins() { return pins; }

    /** The state after the last contact; never waits for one in progress. */
    public View view() { return snapshot; }

    private View publish() {
        Optional<HostKey> pinned = remote == null ? Optional.empty() : pins.pinned(remote.address(), remote.port());
        snapshot = new View(Optional.ofNullable(remote), pinned, Optional.ofNullable(awaitingConfirmation),
                Optional.ofNullable(facts), Optional.ofNullable(problem), passwordLost);
        return snapshot;
    }

    /** Deploy to the machine the wizard runs on. */
    public synchronized View chooseLocal() throws IOException {
        remote = null;
        clearContact();
        passwordLost = false;
        Files.deleteIfExists(stateDir.resolve("remote/target.json"));
        return publish();
    }

    /**
     * Chooses {@code host} and connects to it. On first contact the view carries the offered
     * key to confirm; nothing is pinned until {@link #confirm} is called with its fingerprint.
     */
    public synchronized View connect(RemoteHost host) throws IOException {
        remote = host;
        passwordLost = false;
        save();
        return contact();
    }

    /**
     * Pins the key awaiting confirmation, if {@code fingerprint} is the one shown (a key that
     * changed between showing and confirming is not pinned), then connects again.
     */
    public synchronized boolean confirm(String fingerprint) throws IOException {
        if (remote == null || awaitingConfirmation == null || !awaitingConfirmation.fingerprint().equals(fingerprint)) {
            return false;
        }
        pins.pin(remote.address(), remote.port(), awaitingConfirmation);
        contact();
        return true;
    }

    /** Forgets the pinned key of the chosen host (after the administrator verified the new one). */
    public synchronized Optional<HostKey> forget() throws IOException {
        if (remote == null) return Optional.empty();
        Optional<HostKey> old = pins.pinned(remote.address(), remote.port());
        pins.forget(remote.address(), remote.port());
        clearContact();
        publish();
        return old;
    }

    /** The host of the next run: this one, or the remote host as an inventory. */
    @Override
    public synchronized AnsibleTarget get() {
        if (remote == null) return AnsibleTarget.LOCAL;
        if (passwordLost) return new Unusable(remote.label(), "remote.passwordNeeded",
                "the server restarted and keeps SSH passwords in memory only; enter it again on the host page");
        try {
            return RemoteAnsibleTarget.write(remote, pins, stateDir, timeout);
        } catch (IOException e) {
            return new Unusable(remote.label(), "run.cannotWrite", "could not write the inventory: " + e.getMessage());
        }
    }

    private View contact() {
        clearContact();
        try (SshConnection ssh = SshConnection.open(remote, pins, timeout)) {
            facts = RemoteFacts.read(ssh);
        } catch (SshProblem p) {
            if (p.kind() == SshProblem.Kind.HOST_KEY_NOT_CONFIRMED) awaitingConfirmation = p.offered().orElse(null);
            else problem = p;
        }
        return publish();
    }

    private void clearContact() {
        awaitingConfirmation = null;
        facts = null;
        problem = null;
    }

    private void save() throws IOException {
        var m = new LinkedHashMap<String, Object>();
        m.put("address", remote.address());
        m.put("port", remote.port());
        m.put("user", remote.user());
        if (remote.auth() instanceof RemoteHost.KeyFile k) {
            m.put("auth", "key");
            m.put("keyFile", k.path().toString());
        } else {
            m.put("auth", "password");
        }
        Files.createDirectories(stateDir.resolve("remote"));
        PrivateFiles.writeAtomically(stateDir.resolve("remote/target.json"), JSON.writeValueAsBytes(m));
    }

    /** Reads the saved choice through the same rules as the form; a file that fails them is ignored. */
    private void load() {
        Path file = stateDir.resolve("remote/target.json");
        if (!Files.isRegularFile(file)) return;
        try {
            Map<?, ?> m = JSON.readValue(file.toFile(), Map.class);
            var form = new LinkedHashMap<String, String>();
            form.put(RemoteHost.ADDRESS, String.valueOf(m.get("address")));
            form.put(RemoteHost.PORT, String.valueOf(m.get("port")));
            form.put(RemoteHost.USER, String.valueOf(m.get("user")));
            form.put(RemoteHost.AUTH, String.valueOf(m.get("auth")));
            form.put(RemoteHost.KEY_FILE, m.get("keyFile") == null ? "" : String.valueOf(m.get("keyFile")));
            boolean password = "password".equals(m.get("auth"));
            // The password is never on disk: parse with a placeholder, and remember it is missing.
            RemoteHost.Parsed parsed = RemoteHost.parse(form, password ? "-" : null);
            if (parsed.ok()) {
                remote = parsed.host();
                passwordLost = password;
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable choice: the page shows this host, and the administrator chooses again.
            LOG.warn("the chosen deployment host could not be read back; using this host: {}", e.toString());
        }
    }

    /** A remote host that cannot be used now; every run against it fails at once, with the reason. */
    private record Unusable(String label, String key, String detail) implements AnsibleTarget {
        @Override public List<String> inventoryArguments() { return List.of("-i", "unusable,"); }

        @Override public Map<String, String> environment() { return Map.of(); }

        @Override public boolean local() { return false; }

        @Override public void checkReady() throws TargetProblem { throw new TargetProblem(key, label + ": " + detail); }
    }
}
