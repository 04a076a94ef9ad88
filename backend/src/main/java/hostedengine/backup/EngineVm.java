package hostedengine.backup;

import hostedengine.ansible.AnsibleTarget;
import hostedengine.remote.HostKey;
import hostedengine.remote.PinnedHostKeys;
import hostedengine.remote.RemoteAnsibleTarget;
import hostedengine.remote.RemoteHost;
import hostedengine.remote.SshConnection;
import hostedengine.remote.SshProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine VM as day-2 runs reach it (guide 7.1: engine-backup runs there): root over SSH at
 * the engine's FQDN, its host key pinned in {@code <state>/known_hosts} on first contact only
 * after the administrator confirmed the fingerprint shown, and refused with both fingerprints
 * when it changed. The login (root's password or a key file) is asked with each operation and
 * lives in memory only: the password travels to Ansible through the run's secrets channel.
 *
 * <p>SIMULATION: the simulated engine VM is a directory on this machine
 * ({@link SimulatedEngineVm}); without {@code sshStandIn} Ansible works on it locally and the
 * page says it is a test double. Tests give an SSH server on this machine as the stand-in, so
 * the same pinning and login are exercised against a real {@code sshd}.
 */
public final class EngineVm {
    /** Where SSH reaches the engine VM: the engine's FQDN, port 22, root; a test's sshd otherwise. */
    public record Address(String address, int port, String user) {}

    /** What came of contacting the engine VM. */
    public sealed interface Contact permits Ready, KeyToConfirm, Unreachable, NoEngine {}

    /** Logged in with the pinned key: runs may start on {@code target}. */
    public record Ready(AnsibleTarget target) implements Contact {}

    /** First contact: the key the engine VM offered, for the administrator to compare and confirm. */
    public record KeyToConfirm(String label, HostKey offered) implements Contact {}

    /** It could not be reached or logged in to, or its key changed (both keys in the problem). */
    public record Unreachable(String label, SshProblem problem) implements Contact {}

    /** Nothing is deployed: there is no engine VM to reach. */
    public record NoEngine() implements Contact {}

    private final Path stateDir;
    private final PinnedHostKeys pins;
    private final Duration timeout;
    private final Supplier<Optional<String>> engineFqdn;
    private final Address sshStandIn;
    private final Path simulatedRoot;

    /**
     * @param engineFqdn    the deployed engine's FQDN (hosted-engine.conf), empty when none
     * @param sshStandIn    TESTS: an SSH server that stands for the engine VM; null to use the engine's FQDN
     * @param simulatedRoot SIMULATION ONLY: the simulated engine VM's directory; null on a real host
     */
    public EngineVm(Path stateDir, Duration timeout, Supplier<Optional<String>> engineFqdn, Address sshStandIn,
                    Path simulatedRoot) {
        this.stateDir = stateDir;
        this.pins = new PinnedHostKeys(stateDir);
        this.timeout = timeout;
        this.engineFqdn = engineFqdn;
        this.sshStandIn = sshStandIn;
        this.simulatedRoot = simulatedRoot;
    }

    /** True when the engine VM is the simulator's directory on this machine, reached without SSH. */
    public boolean simulatedWithoutSsh() { return simulatedRoot != null && sshStandIn == null; }

    /** SIMULATION ONLY: the simulated engine VM's directory, null on a real host. */
    public Path simulatedRoot() { return simulatedRoot; }

    /** Where SSH goes, or empty when nothing is deployed. */
    public Optional<Address> address() {
        if (sshStandIn != null) return Optional.of(sshStandIn);
        return engineFqdn.get().map(f -> new Address(f, 22, "root"));
    }

    /** What the page names: {@code root@engine.example.com}. */
    public Optional<String> label() {
        if (simulatedWithoutSsh()) return engineFqdn.get().map(f -> "root@" + f);
        return address().map(a -> a.user() + "@" + (a.address().contains(":") ? "[" + a.address() + "]" : a.address())
                + (a.port() == 22 ? "" : ":" + a.port()));
    }

    /** The deployed engine's FQDN, empty when nothing is deployed. */
    public Optional<String> engineFqdn() { return engineFqdn.get(); }

    /** The key pinned for the engine VM, if any. */
    public Optional<HostKey> pinned() { return address().flatMap(a -> pins.pinned(a.address(), a.port())); }

    /**
     * Logs in once with {@code auth}. On first contact the offered key is pinned only when
     * {@code confirmedFingerprint} is its fingerprint (a key that changed between showing and
     * confirming is not); otherwise the offered key comes back to be shown.
     */
    public Contact contact(RemoteHost.Auth auth, String confirmedFingerprint) {
        Optional<Address> at = address();
        if (at.isEmpty()) return new NoEngine();
        if (simulatedWithoutSsh()) return new Ready(simulatedTarget(label().orElseThrow()));
        RemoteHost host = new RemoteHost(at.get().address(), at.get().port(), at.get().user(), auth);
        for (int attempt = 0; ; attempt++) {
            try (SshConnection ignored = SshConnection.open(host, pins, timeout)) {
                return new Ready(RemoteAnsibleTarget.writeIn(stateDir.resolve("engine-vm"), host, pins, timeout, true));
            } catch (SshProblem p) {
                if (p.kind() != SshProblem.Kind.HOST_KEY_NOT_CONFIRMED) return new Unreachable(host.label(), p);
                HostKey offered = p.offered().orElse(null);
                if (attempt > 0 || offered == null || !offered.fingerprint().equals(confirmedFingerprint)) {
                    return new KeyToConfirm(host.label(), offered);
                }
                try {
                    pins.pin(host.address(), host.port(), offered);
                } catch (IOException e) {
                    return new Unreachable(host.label(), null);
                }
            } catch (IOException e) {
                return new Unreachable(host.label(), null);
            }
        }
    }

    /** Forgets the engine VM's pinned key (after the administrator checked the new one on the VM's console). */
    public boolean forget() throws IOException {
        Optional<Address> at = address();
        return at.isPresent() && pins.forget(at.get().address(), at.get().port());
    }

    /** The variables every playbook on the engine VM gets: in simulation, where the simulated VM's files are. */
    public Map<String, Object> vars() {
        return simulatedRoot == null ? Map.of() : Map.of("he_engine_vm_root", simulatedRoot.toString());
    }

    /** SIMULATION: Ansible works on this machine, where the simulated engine VM's directory is. */
    private static AnsibleTarget simulatedTarget(String label) {
        return new AnsibleTarget() {
            @Override public List<String> inventoryArguments() { return AnsibleTarget.LOCAL.inventoryArguments(); }

            @Override public Map<String, String> environment() { return Map.of(); }

            @Override public String label() { return label + " (simulated engine VM)"; }

            @Override public boolean local() { return true; }

            @Override public String toString() { return label(); }
        };
    }
}
