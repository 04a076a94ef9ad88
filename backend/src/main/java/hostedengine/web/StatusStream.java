package hostedengine.web;

import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.StatusSnapshot;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status snapshots over server-sent events ({@code event: status}, JSON). Each client is one
 * subscriber of the shared poller with a small queue of its own: a slow browser only loses
 * readings that a newer one replaces. A comment every 15 s keeps proxies from closing the stream.
 */
final class StatusStream {
    private static final Logger LOG = LoggerFactory.getLogger(StatusStream.class);
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final EngineStatePoller poller;
    private final Messages messages;

    StatusStream(EngineStatePoller poller, Messages messages) {
        this.poller = poller;
        this.messages = messages;
    }

    Messages messages() { return messages; }

    void handle(Context ctx) {
        Locale locale = Language.of(ctx);
        try {
            new SseHandler(client -> stream(client, locale)).handle(ctx);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs on the request's thread until the client leaves: it writes, the poller only queues. */
    private void stream(SseClient client, Locale locale) {
        BlockingQueue<StatusSnapshot> queue = new ArrayBlockingQueue<>(4);
        AutoCloseable subscription = poller.subscribe(s -> {
            while (!queue.offer(s)) queue.poll();
        });
        try {
            long lastWrite = System.currentTimeMillis();
            while (!client.terminated()) {
                StatusSnapshot s = queue.poll(1, TimeUnit.SECONDS);
                if (s != null) {
                    client.sendEvent("status", RunStream.json(StatusView.of(s, messages, locale)));
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > KEEP_ALIVE_MILLIS) {
                    client.sendComment("keep-alive");
                    lastWrite = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("status stream ended", e);
        } finally {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("closing a status subscription failed", e);
            }
            client.close();
        }
    }
}
