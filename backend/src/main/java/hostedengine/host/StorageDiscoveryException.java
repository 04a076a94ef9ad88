package hostedengine.host;

import java.util.List;

/**
 * Storage discovery failed. The message is one sentence an administrator can act on; the page
 * shows {@link #key()} with {@link #args()} in the user's language, the role's own text
 * ({@link #original()}) one click away, and a link to the discovery run's log ({@link #runId()}).
 */
public class StorageDiscoveryException extends Exception {
    /** The role (or the simulator) reported a failure: argument 0 is its message, readably. */
    public static final String FAILED = "discovery.failed";
    /** Discovery did not end in time; the run was canceled. */
    public static final String TIMED_OUT = "discovery.timedOut";
    /** A deployment is running; discovery waits for it. Argument 0 is its run id. */
    public static final String BUSY = "discovery.busy";

    /** Discovery needs the Engine step's answers (the role logs in to the bootstrap engine); the admin password may be gone. */
    public static final String NEEDS_ENGINE = "discovery.needsEngine";

    /** Discovery needs the VM step's answers to pass (the role asks the bootstrap engine for this host by them). */
    public static final String NEEDS_VM = "discovery.needsVm";

    private final String key;
    private final List<String> args;
    private final String original;
    private final String runId;

    public StorageDiscoveryException(String message) {
        this(FAILED, List.of(message), message, null);
    }

    public StorageDiscoveryException(String message, Throwable cause) {
        super(message, cause);
        this.key = FAILED;
        this.args = List.of(message);
        this.original = message;
        this.runId = null;
    }

    public StorageDiscoveryException(String key, List<String> args, String original, String runId) {
        super(args.isEmpty() ? key : args.get(0));
        this.key = key;
        this.args = List.copyOf(args);
        this.original = original == null ? "" : original;
        this.runId = runId;
    }

    /**
     * Discovery refused by the gate before any run, for the first field that breaks its rule: a
     * VM or Engine answer names its step (discovery needs them to reach the bootstrap engine), a
     * Storage answer gives that field's own message.
     */
    public static StorageDiscoveryException refusedBy(hostedengine.wizard.FieldError first) {
        return switch (first.field().step()) {
            case VM -> new StorageDiscoveryException(NEEDS_VM, List.of(), "", null);
            case ENGINE -> new StorageDiscoveryException(NEEDS_ENGINE, List.of(), "", null);
            case STORAGE -> new StorageDiscoveryException(first.key(), first.args().stream().map(String::valueOf).toList(),
                    "", null);
        };
    }

    public String key() { return key; }

    public List<String> args() { return args; }

    /** The role's message as it came, possibly long; empty when there is none. */
    public String original() { return original; }

    /** The discovery run whose log tells more, or null. */
    public String runId() { return runId; }
}
