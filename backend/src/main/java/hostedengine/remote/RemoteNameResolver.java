package hostedengine.remote;

import hostedengine.host.NameResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Name lookups as the deployment host sees them: {@code getent} over SSH on the remote host
 * chosen on /host, the local resolver when deployments go to this host. The pre-flight checks
 * judge the engine's and the host's names with it, because the role resolves them on the
 * hypervisor, whose resolver (DNS servers, /etc/hosts) may differ from the wizard's machine.
 * Only plain names and literal addresses reach the remote shell; anything else resolves to
 * nothing.
 */
public final class RemoteNameResolver implements NameResolver {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(15);

    private final DeploymentTarget target;
    private final NameResolver local;
    private final Duration timeout;

    public RemoteNameResolver(DeploymentTarget target, NameResolver local, Duration timeout) {
        this.target = target;
        this.local = local;
        this.timeout = timeout;
    }

    @Override
    public List<String> forward(String name) {
        var view = target.view();
        if (view.local()) return local.forward(name);
        if (name == null || !NAME.matcher(name).matches()) return List.of();
        // The name passed its pattern (no leading '-'), and "--" ends getent's options all the same.
        // ahosts lists every address (v4 and v6) in the resolver's order, one socket type per line.
        return run(view, "getent ahosts -- " + name).map(RemoteNameResolver::addresses).orElse(List.of());
    }

    @Override
    public Optional<String> reverse(String address) {
        var view = target.view();
        if (view.local()) return local.reverse(address);
        if (address == null || !ADDRESS.matcher(address).matches()) return Optional.empty();
        return run(view, "getent hosts -- " + address).flatMap(RemoteNameResolver::firstName);
    }

    /** The addresses of {@code getent ahosts} output, first seen first. */
    static List<String> addresses(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length > 0 && !words[0].isEmpty() && !out.contains(words[0])) out.add(words[0]);
        }
        return out;
    }

    /** The canonical name of a {@code getent hosts} line ("ADDRESS NAME ALIASES…"). */
    static Optional<String> firstName(String output) {
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2) return Optional.of(words[1]);
        }
        return Optional.empty();
    }

    /** The command's output when it succeeded; empty when the name is unknown or the host cannot be reached. */
    private Optional<String> run(DeploymentTarget.View view, String command) {
        var host = view.remote().orElseThrow();
        if (view.passwordLost()) return Optional.empty();
        try (var ssh = SshConnection.open(host, target.pins(), timeout)) {
            var result = ssh.exec(command, LOOKUP_TIMEOUT);
            return result.exitCode() == 0 ? Optional.of(result.stdout()) : Optional.empty();
        } catch (SshProblem e) {
            return Optional.empty();
        }
    }
}
