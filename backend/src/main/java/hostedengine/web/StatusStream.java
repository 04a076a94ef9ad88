package hostedengine.web;

import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.StatusSnapshot;
import hostedengine.messages.Messages;
import hostedengine.threads.Threads;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status snapshots over server-sent events ({@code event: status}, JSON). The stream is one
 * subscriber of the shared poller, from its first client to its last. Each snapshot is encoded
 * once per language and that same text goes to every client. Writing is bounded per client: a
 * client holds only the latest text not yet written (a slow one skips the snapshots it had no
 * time for) and a small fixed pool of writers drains the clients that have one, never the
 * poller's thread, never a thread or a queue per client. No request thread is held: the stream
 * stays open with {@code keepAlive()} and ends through its slot's {@code onClose}. A comment
 * every 15 s keeps proxies from closing it (and finds clients that left).
 */
final class StatusStream {
    private static final Logger LOG = LoggerFactory.getLogger(StatusStream.class);
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final int WRITERS = 4;
    private static final String KEEP_ALIVE = "keep-alive";

    private final EngineStatePoller poller;
    private final Messages messages;
    private final LiveStreams streams;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, Threads.named("status-sse-writer"));
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(Threads.named("status-sse-keep-alive"));
    private final Set<Client> open = ConcurrentHashMap.newKeySet();
    /** Guarded by this: the poller subscription, while there are clients. */
    private AutoCloseable subscription;
    /** The latest snapshot's JSON, per language as clients asked for it. */
    private volatile Encoded encoded;
    private volatile boolean stopped;

    /** One browser's stream: what it is still to be sent (at most one snapshot and one keep-alive). */
    private static final class Client {
        final SseClient sse;
        final Locale locale;
        final AtomicReference<String> latest = new AtomicReference<>();
        final AtomicBoolean pingDue = new AtomicBoolean();
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** The snapshot last handed to this client, so the first one is not sent twice. */
        volatile StatusSnapshot offered;

        Client(SseClient sse, Locale locale) {
            this.sse = sse;
            this.locale = locale;
        }
    }

    private record Encoded(StatusSnapshot snapshot, Map<Locale, String> byLanguage) {}

    StatusStream(EngineStatePoller poller, Messages messages, LiveStreams streams) {
        this.poller = poller;
        this.messages = messages;
        this.streams = streams;
        keepAlive.scheduleAtFixedRate(this::pingAll, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    Messages messages() { return messages; }

    void handle(Context ctx) throws Exception {
        Locale locale = Language.of(ctx);
        streams.serve(ctx, (sse, slot) -> stream(sse, slot, locale));
    }

    /** The snapshot as the page reads it, in one language: encoded once for every client of that language. */
    String json(StatusSnapshot snapshot, Locale locale) {
        Encoded e = encoded;
        if (e == null || e.snapshot() != snapshot) {
            e = new Encoded(snapshot, new ConcurrentHashMap<>());
            encoded = e;
        }
        return e.byLanguage().computeIfAbsent(locale, l -> RunStream.json(StatusView.of(snapshot, messages, l)));
    }

    private void stream(SseClient sse, LiveStreams.Slot slot, Locale locale) {
        sse.keepAlive();
        var client = new Client(sse, locale);
        open.add(client);
        slot.onClose(() -> {
            open.remove(client);
            unfollowWhenNobodyWatches();
        });
        try {
            follow();
            poller.latest().ifPresent(s -> offer(client, s));
        } catch (RuntimeException e) {
            LOG.warn("status stream failed", e);
            sse.close();
        }
    }

    private synchronized void follow() {
        if (subscription == null && !stopped) subscription = poller.subscribe(this::broadcast);
    }

    private synchronized void unfollowWhenNobodyWatches() {
        if (!open.isEmpty() || subscription == null) return;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("closing the status subscription failed", e);
        }
        subscription = null;
    }

    /** On the poller's thread: hands the snapshot to every client, writing nothing here. */
    private void broadcast(StatusSnapshot snapshot) {
        for (Client c : open) offer(c, snapshot);
    }

    private void offer(Client c, StatusSnapshot snapshot) {
        if (c.offered == snapshot) return;
        c.offered = snapshot;
        c.latest.set(json(snapshot, c.locale)); // replaces one not yet written: the client skips it
        schedule(c);
    }

    private void pingAll() {
        for (Client c : open) {
            c.pingDue.set(true);
            schedule(c);
        }
    }

    /** At most one writer task per client is waiting or running. */
    private void schedule(Client c) {
        if (stopped || !c.scheduled.compareAndSet(false, true)) return;
        try {
            writers.execute(() -> drain(c));
        } catch (RejectedExecutionException stopping) {
            c.scheduled.set(false);
        }
    }

    private void drain(Client c) {
        while (true) {
            boolean ping = c.pingDue.getAndSet(false);
            String data = c.latest.getAndSet(null);
            if (!ping && data == null) {
                c.scheduled.set(false);
                // Something arrived after the look above and before the flag was down: its schedule() saw the flag up.
                boolean more = c.latest.get() != null || c.pingDue.get();
                if (!more || !c.scheduled.compareAndSet(false, true)) return;
                continue;
            }
            if (ping) send(c.sse, null, KEEP_ALIVE);
            if (data != null) send(c.sse, "status", data);
        }
    }

    /**
     * Ends every open stream while the server stops: a stream written to after Jetty has
     * recycled its request makes Javalin 7.2 fail in a loop, so none may outlive the server.
     */
    void close() {
        stopped = true;
        for (Client client : open) {
            synchronized (client.sse) {
                client.sse.close();
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
