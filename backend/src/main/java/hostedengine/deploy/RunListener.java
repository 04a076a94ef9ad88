package hostedengine.deploy;

/** Receives a run's events in order, each once, on the subscription's own thread. */
public interface RunListener {
    void onEvent(RunEvent event);

    /**
     * No more events are waiting right now (or many came in a row): a listener that buffers
     * what {@link #onEvent} gave it sends it now. Lets a stream write a burst in one go.
     */
    default void flush() {}

    /** The run ended and every event was delivered. */
    default void onEnd(RunInfo run) {}

    /** This listener fell behind and was dropped; resume with {@code subscribe(run, lastDeliveredSeq, …)}. */
    default void onDropped(long lastDeliveredSeq) {}
}
