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

/**
 * A hypervisor reached over SSH, as Ansible sees it: an inventory file the server writes
 * ({@code <state>/remote/inventory.yml}) naming the address, port, user and key file, and SSH
 * options that make {@code ssh} trust only the pinned key ({@code StrictHostKeyChecking=yes},
 * {@code UserKnownHostsFile=<state>/known_hosts}), so Ansible refuses a changed key as we do.
 * A password never goes into the inventory, the environment or argv: it is
 * {@code ansible_password} in the secrets FIFO, and {@code sshpass} hands it to {@code ssh}.
 */
public final class RemoteAnsibleTarget implements AnsibleTarget {
    static final Path SSHPASS = Path.of("/usr/bin/sshpass");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteHost host;
    private final PinnedHostKeys pins;
    private final Path inventory;
    private final Duration timeout;

    RemoteAnsibleTarget(RemoteHost host, PinnedHostKeys pins, Path inventory, Duration timeout) {
        this.host = host;
        this.pins = pins;
        this.inventory = inventory;
        this.timeout = timeout;
    }

    /** Writes the inventory for {@code host} under {@code <stateDir>/remote/}. */
    public static RemoteAnsibleTarget write(RemoteHost host, PinnedHostKeys pins, Path stateDir, Duration timeout)
            throws IOException {
        return writeIn(stateDir.resolve("remote"), host, pins, timeout, false);
    }

    /**
     * Writes the inventory for {@code host} as {@code <dir>/inventory.yml} (the engine VM's has a
     * directory of its own) and, with {@code pipelining}, has Ansible send each module through
     * one SSH command instead of five (put, chmod, run, remove): only for root logins that never
     * go through sudo, where pipelining cannot meet a {@code requiretty}.
     */
    public static RemoteAnsibleTarget writeIn(Path dir, RemoteHost host, PinnedHostKeys pins, Duration timeout,
                                              boolean pipelining) throws IOException {
        Files.createDirectories(dir);
        Path inventory = dir.resolve("inventory.yml");
        Map<String, Object> all = inventoryOf(host, pins);
        if (pipelining) hostVars(all, host).put("ansible_pipelining", true);
        // JSON is YAML: one value per key, no quoting rules to get wrong. Every value passed RemoteHost's whitelist.
        PrivateFiles.writeAtomically(inventory, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        return new RemoteAnsibleTarget(host, pins, inventory, timeout);
    }

    static Map<String, Object> inventoryOf(RemoteHost host, PinnedHostKeys pins) {
        var vars = new LinkedHashMap<String, Object>();
        vars.put("ansible_connection", "ssh");
        vars.put("ansible_host", host.address());
        vars.put("ansible_port", host.port());
        vars.put("ansible_user", host.user());
        StringBuilder ssh = new StringBuilder()
                .append("-o StrictHostKeyChecking=yes -o UserKnownHostsFile=").append(quoted(pins.file().toString()))
                .append(" -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=10");
        if (host.auth() instanceof RemoteHost.KeyFile key) {
            vars.put("ansible_ssh_private_key_file", key.path().toString());
            ssh.append(" -o IdentitiesOnly=yes -o PreferredAuthentications=publickey");
        } else {
            ssh.append(" -o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive");
        }
        vars.put("ansible_ssh_common_args", ssh.toString());
        return Map.of("all", Map.of("hosts", Map.of(host.address(), vars)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hostVars(Map<String, Object> inventory, RemoteHost host) {
        var all = (Map<String, Object>) inventory.get("all");
        return (Map<String, Object>) ((Map<String, Object>) all.get("hosts")).get(host.address());
    }

    /** Ansible splits these options like a shell; a state directory with a space stays one word. */
    private static String quoted(String path) {
        return path.matches("[A-Za-z0-9._/@+-]+") ? path : "'" + path.replace("'", "'\"'\"'") + "'";
    }

    public RemoteHost host() { return host; }

    /**
     * This host's variables as an inventory names them (address, port, user, key file, SSH options
     * with the pinned keys), for an inventory of several hosts; never a password.
     */
    public Map<String, Object> inventoryVars() { return new LinkedHashMap<>(hostVars(inventoryOf(host, pins), host)); }

    public Path inventory() { return inventory; }

    @Override public List<String> inventoryArguments() { return List.of("-i", inventory.toString()); }

    @Override public Map<String, String> environment() { return Map.of("ANSIBLE_HOST_KEY_CHECKING", "True"); }

    @Override public String label() { return host.label(); }

    @Override public boolean local() { return false; }

    @Override public Map<String, String> secrets() {
        return host.auth() instanceof RemoteHost.Password p ? Map.of("ansible_password", p.value()) : Map.of();
    }

    /** Connects once with JSch: the pinned key and the login must both be right before Ansible starts. */
    @Override public void checkReady() throws TargetProblem {
        if (host.auth() instanceof RemoteHost.Password && !java.nio.file.Files.isExecutable(SSHPASS)) {
            throw new TargetProblem("remote.sshpassMissing", "password logins for Ansible need " + SSHPASS
                    + " (Debian and EL package sshpass); install it or use a key file");
        }
        try (SshConnection ignored = SshConnection.open(host, pins, timeout)) {
            // Reaching here is the check.
        } catch (SshProblem p) {
            throw new TargetProblem(p.messageKey(), host.label() + ": " + p.getMessage());
        }
    }

    @Override public String toString() { return label(); }
}
