package hostedengine.host;

/** Storage discovery failed; the message is one sentence an administrator can act on. */
public class StorageDiscoveryException extends Exception {
    public StorageDiscoveryException(String message) {
        super(message);
    }

    public StorageDiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
