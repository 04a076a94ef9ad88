package hostedengine.threads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The server's threads, made one way: named for what they do (a thread dump reads as a list of
 * duties) and daemon, so none of them keeps a stopped server's JVM alive. Blocking work (a
 * process's output, a playbook) gets a thread of its own, never the common pool.
 */
public final class Threads {
    private Threads() {}

    /** Daemon threads named {@code name}, for an executor. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts {@code body} on a new daemon thread named {@code name}. */
    public static Thread start(String name, Runnable body) {
        Thread t = named(name).newThread(body);
        t.start();
        return t;
    }

    /** {@code work}'s result, computed on a new daemon thread named {@code name}: for a blocking read. */
    public static <T> CompletableFuture<T> async(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        start(name, () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
