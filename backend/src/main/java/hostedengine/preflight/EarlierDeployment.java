package hostedengine.preflight;

import java.util.Optional;

/**
 * What the deployment host's {@code hosted-engine} says of an earlier deployment: none, one (or
 * the host belongs to an engine), cannot tell (the tool is missing), or the host could not be
 * asked because the wizard is not connected to it (a remote host: connect first).
 *
 * @param notConnectedHost the remote host that could not be asked, with {@code notConnectedKey} why
 */
public record EarlierDeployment(Optional<Boolean> deployed, Optional<String> notConnectedHost, Optional<String> notConnectedKey) {
    public static final EarlierDeployment NONE = new EarlierDeployment(Optional.of(false), Optional.empty(), Optional.empty());
    public static final EarlierDeployment FOUND = new EarlierDeployment(Optional.of(true), Optional.empty(), Optional.empty());
    public static final EarlierDeployment UNKNOWN = new EarlierDeployment(Optional.empty(), Optional.empty(), Optional.empty());

    public static EarlierDeployment of(Optional<Boolean> deployed) {
        return new EarlierDeployment(deployed, Optional.empty(), Optional.empty());
    }

    public static EarlierDeployment notConnected(String host, String key) {
        return new EarlierDeployment(Optional.empty(), Optional.of(host), Optional.of(key));
    }
}
