package hostedengine.deploy;

/** Receives a run's events in order, each once, on the subscription's own thread. */
public interface RunListener {
    void onEvent(RunEvent event);

    /** The run ended and every event was delivered. */
    default void onEnd(RunInfo run) {}

    /** This listener fell behind and was dropped; resume with {@code subscribe(run, lastDeliveredSeq, …)}. */
    default void onDropped(long lastDeliveredSeq) {}
}
