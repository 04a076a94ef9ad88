package hostedengine.remote;

import java.util.Optional;

/**
 * Why an SSH contact did not succeed, one kind per thing the administrator does differently.
 * The message is English detail for logs and never holds a password.
 */
public final class SshProblem extends Exception {
    /** Each has its own message, {@code remote.problem.<KIND>}, in every language. */
    public enum Kind {
        /** Nobody listens on the port (connection refused). */
        PORT_CLOSED,
        /** The name does not resolve. */
        UNKNOWN_HOST,
        /** No route to the address, or the network is down. */
        UNREACHABLE,
        /** No answer within the time limit (a firewall dropping packets, a host that is off). */
        TIMED_OUT,
        /** Wrong password, or the key is not in the host's authorized_keys. */
        LOGIN_REFUSED,
        /** The key file cannot be read. */
        KEY_FILE_UNREADABLE,
        /** The key file may be read by others; OpenSSH refuses such keys, so do we. */
        KEY_FILE_PERMISSIONS,
        /** Not a private key, or one protected by a passphrase. */
        KEY_FILE_INVALID,
        /** First contact: the host offered a key nobody has confirmed yet. */
        HOST_KEY_NOT_CONFIRMED,
        /** The host offered a key other than the one pinned: stop. */
        HOST_KEY_CHANGED,
        /** A command on the host did not finish in time, or anything else SSH reported. */
        FAILED
    }

    private final Kind kind;
    private final HostKey offered;
    private final HostKey pinned;

    SshProblem(Kind kind, String detail, HostKey offered, HostKey pinned, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.offered = offered;
        this.pinned = pinned;
    }

    SshProblem(Kind kind, String detail) { this(kind, detail, null, null, null); }

    public Kind kind() { return kind; }

    /** The key the host offered, for HOST_KEY_NOT_CONFIRMED and HOST_KEY_CHANGED. */
    public Optional<HostKey> offered() { return Optional.ofNullable(offered); }

    /** The key pinned before, for HOST_KEY_CHANGED. */
    public Optional<HostKey> pinned() { return Optional.ofNullable(pinned); }

    /** The message key of this kind. */
    public String messageKey() { return "remote.problem." + kind.name(); }
}
