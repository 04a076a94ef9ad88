package hostedengine.engine;

import java.io.InputStream;
import java.time.Duration;

/**
 * A command whose output is read while it runs (the cleanup): a process on this host or an SSH
 * channel on the deployment host. Its output holds stdout and stderr together.
 */
public interface StreamedCommand extends AutoCloseable {
    InputStream output();

    /** Waits at most {@code timeout}; true when the command ended. */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /** The exit code once ended; -1 when unknown. */
    int exitCode();

    /** Stops the command and what it started (a hung cleanup). */
    void kill();

    @Override default void close() { kill(); }
}
