package hostedengine.ansible;

import java.util.List;
import java.util.Map;

/**
 * The host Ansible works on: this one ({@code -i localhost, -c local}) or a hypervisor
 * reached over SSH (an inventory file our server writes, with the pinned host key).
 * Every playbook we start (the role's tags, the facts playbook) takes its host from here,
 * so a remote deployment never silently falls back to the machine the wizard runs on.
 */
public interface AnsibleTarget {

    /** The {@code ansible-playbook} arguments that choose the host, e.g. {@code -i localhost, -c local}. */
    List<String> inventoryArguments();

    /** Added to Ansible's environment (e.g. SSH options); never holds a secret. */
    Map<String, String> environment();

    /** What an administrator reads: "this host" or "root@hv1.example.com:22". */
    String label();

    /** True when the role runs on the machine the wizard runs on. */
    boolean local();

    /**
     * Connection secrets Ansible needs (e.g. {@code ansible_password} for an SSH password); they
     * travel only through the secrets FIFO, never in the inventory, the environment or argv.
     */
    default Map<String, String> secrets() { return Map.of(); }

    /**
     * Checked before every playbook starts: a remote host must answer with the host key the
     * administrator confirmed, and accept the login. This host is always ready.
     */
    default void checkReady() throws TargetProblem {}

    /** This host, without SSH. */
    AnsibleTarget LOCAL = new AnsibleTarget() {
        @Override public List<String> inventoryArguments() { return List.of("-i", "localhost,", "-c", "local"); }

        @Override public Map<String, String> environment() { return Map.of(); }

        @Override public String label() { return "this host"; }

        @Override public boolean local() { return true; }

        @Override public String toString() { return label(); }
    };
}
