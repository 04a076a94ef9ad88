package hostedengine.web;

import hostedengine.engine.EngineStatePoller;
import hostedengine.messages.Messages;
import hostedengine.threads.Threads;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status snapshots over server-sent events ({@code event: status}, JSON). Each client is one
 * subscriber of the shared poller; writes happen on a pool, never on the poller's thread, so a
 * slow browser does not delay the others. No request thread is held: the stream stays open
 * with {@code keepAlive()} and ends through {@code onClose}. A comment every 15 s keeps proxies
 * from closing it (and finds clients that left).
 */
final class StatusStream {
    private static final Logger LOG = LoggerFactory.getLogger(StatusStream.class);
    private static final long KEEP_ALIVE_SECONDS = 15;

    private final EngineStatePoller poller;
    private final Messages messages;
    private final ExecutorService writers = Executors.newCachedThreadPool(Threads.named("status-sse-writer"));
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(Threads.named("status-sse-keep-alive"));
    private final java.util.Set<SseClient> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    StatusStream(EngineStatePoller poller, Messages messages) {
        this.poller = poller;
        this.messages = messages;
    }

    Messages messages() { return messages; }

    void handle(Context ctx) throws Exception {
        Locale locale = Language.of(ctx);
        new SseHandler(client -> stream(client, locale)).handle(ctx);
    }

    private void stream(SseClient client, Locale locale) {
        client.keepAlive();
        open.add(client);
        try {
            AutoCloseable subscription = poller.subscribe(s -> writers.execute(
                    () -> send(client, "status", RunStream.json(StatusView.of(s, messages, locale)))));
            var ping = keepAlive.scheduleAtFixedRate(() -> send(client, null, "keep-alive"),
                    KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
            client.onClose(() -> {
                open.remove(client);
                ping.cancel(false);
                try {
                    subscription.close();
                } catch (Exception e) {
                    LOG.warn("closing a status subscription failed", e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("status stream failed", e);
            client.close();
        }
    }

    /**
     * Ends every open stream while the server stops: a stream written to after Jetty has
     * recycled its request makes Javalin 7.2 fail in a loop, so none may outlive the server.
     */
    void close() {
        stopped = true;
        for (SseClient client : open) {
            synchronized (client) {
                client.close();
            }
        }
        keepAlive.shutdownNow();
        writers.shutdownNow();
    }

    /** Every write to one client goes through here, so events and comments never interleave. */
    private void send(SseClient client, String event, String data) {
        synchronized (client) {
            if (stopped || client.terminated()) return;
            if (event == null) client.sendComment(data);
            else client.sendEvent(event, data);
        }
    }
}
