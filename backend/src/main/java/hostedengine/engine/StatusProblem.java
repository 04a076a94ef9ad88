package hostedengine.engine;

import java.util.Locale;

/** Why the engine's status could not be read; each has a message ({@code status.problem.<id>}) for the page. */
public enum StatusProblem {
    /** No {@code hosted-engine} executable. */
    TOOL_MISSING,
    /** "You must run deploy first": hosted-engine.conf has no vmid. */
    NOT_DEPLOYED,
    /** Exit 2: a HostedEngineLocal VM is left from an attempt that failed or still runs. */
    PREVIOUS_ATTEMPT,
    /** vm.conf is not there yet: ovirt-ha-agent is down or the storage is unreachable (guide ch. 3). */
    CONF_NOT_RETRIEVED,
    /** The HA broker did not answer: a Python dict repr or a traceback instead of JSON. */
    BROKER_UNREACHABLE,
    STORAGE_UNREACHABLE,
    /** Exit 0 but the output is not the JSON we know. */
    NOT_JSON,
    /** No answer within the timeout; the command was stopped. */
    TIMEOUT,
    /** Any other non-zero exit. */
    FAILED,
    /** Nothing ran: the deployment host is remote and cannot be used now (connect to it first). */
    HOST_NOT_CONNECTED;

    public String messageKey() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        var id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        return "status.problem." + id;
    }
}
