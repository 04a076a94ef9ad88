package hostedengine.deploy;

/** A live subscription to a run's events; close it when the client goes away. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
