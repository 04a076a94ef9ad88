package hostedengine.engine;

import java.util.Optional;

/**
 * The host a day-2 action acts on, as the pages name it: this host, or the deployment host
 * chosen on the host page, reached over SSH. A remote host that cannot be used now (its
 * password was forgotten at a restart, its key is not confirmed, it does not answer) carries
 * why, so the page says "connect to the host first" instead of acting anywhere else.
 *
 * @param label           "this host", or {@code root@hv1.example.com} (with {@code :port} when not 22)
 * @param local           true for the machine the wizard runs on
 * @param notConnectedKey the message key of why the remote host cannot be used now ({@code remote.*}), if so
 */
public record TargetHost(String label, boolean local, Optional<String> notConnectedKey) {
    public static final TargetHost THIS_HOST = new TargetHost("this host", true, Optional.empty());

    public TargetHost {
        notConnectedKey = notConnectedKey == null ? Optional.empty() : notConnectedKey;
    }

    public static TargetHost remote(String label) { return new TargetHost(label, false, Optional.empty()); }

    public static TargetHost notConnected(String label, String key) { return new TargetHost(label, false, Optional.of(key)); }

    /** This host as a command left it: not connected when the command could not reach it. */
    public TargetHost after(ToolOutput out) {
        return out.notConnectedKey().map(key -> notConnected(label, key)).orElse(this);
    }

    /** Commands can run there now. */
    public boolean connected() { return notConnectedKey.isEmpty(); }

    /** The same host, whatever its state: a reading stays this host's while only its connection changes. */
    public boolean sameHost(TargetHost other) { return other != null && local == other.local && label.equals(other.label); }
}
