package hostedengine.web;

import hostedengine.auth.Logins;
import hostedengine.auth.Session;
import hostedengine.messages.Messages;
import hostedengine.threads.Threads;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams (server-sent events: a run's events, the status, the cleanup's output) open
 * now, counted per browser session and overall. A stream over either cap is refused before any
 * event is sent: 429 with {@code Retry-After} and a sentence in the user's language; the page then
 * polls the JSON instead (common.js). The streams of a session end when it does, at logout or
 * when it runs out of idle time: an open stream makes no request, so the idle sessions are looked
 * for every few seconds here too. The one place that knows which stream belongs to which session.
 */
final class LiveStreams {
    /** What a refused client is told to wait before it asks again. */
    static final int RETRY_AFTER_SECONDS = 30;
    private static final long REAP_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    private final WebSecurity.StreamCaps caps;
    private final Messages messages;
    /** Guarded by this: the slots of each session (by the session's id, which stays in memory anyway). */
    private final Map<String, Set<Slot>> bySession = new HashMap<>();
    private int total;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(Threads.named("stream-session-reaper"));

    LiveStreams(Logins logins, Messages messages, WebSecurity.StreamCaps caps) {
        this.caps = caps;
        this.messages = messages;
        logins.onSessionEnded(s -> endSession(s.id()));
        reaper.scheduleWithFixedDelay(() -> {
            try {
                logins.reapIdle();
            } catch (RuntimeException e) {
                LOG.warn("looking for idle sessions failed", e);
            }
        }, REAP_SECONDS, REAP_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Serves one stream of this request's session with {@code stream}, or answers 429 when a cap is
     * reached. {@code stream} gets the client and its slot and ends the stream with {@link Slot#onClose}
     * (never {@code client.onClose}, which holds one callback only and would forget the slot).
     */
    void serve(Context ctx, BiConsumer<SseClient, Slot> stream) throws Exception {
        Slot slot = admit(ctx);
        if (slot == null) return;
        try {
            // The handler sends the headers here and calls back on another thread (ctx.async).
            new SseHandler(client -> {
                slot.attach(client);
                stream.accept(client, slot);
            }).handle(ctx);
        } catch (Exception | Error e) {
            if (!slot.attached()) slot.release(); // no stream came of it
            throw e;
        }
    }

    private Slot admit(Context ctx) {
        String session = AuthGate.session(ctx).map(Session::id).orElse("");
        String refusal;
        int cap;
        synchronized (this) {
            Set<Slot> mine = bySession.getOrDefault(session, Set.of());
            if (mine.size() >= caps.perSession()) {
                refusal = "streams.refused.session";
                cap = caps.perSession();
            } else if (total >= caps.total()) {
                refusal = "streams.refused.total";
                cap = caps.total();
            } else {
                Slot slot = new Slot(session);
                bySession.computeIfAbsent(session, k -> new HashSet<>()).add(slot);
                total++;
                return slot;
            }
        }
        ctx.status(429).header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).header("Cache-Control", "no-store")
                .contentType("text/plain; charset=utf-8").result(messages.text(Language.of(ctx), refusal, cap));
        return null;
    }

    /** Ends every stream of the session at once: each client's response completes. */
    private void endSession(String session) {
        List<Slot> ending;
        synchronized (this) {
            Set<Slot> slots = bySession.remove(session);
            if (slots == null) return;
            ending = new ArrayList<>(slots);
            for (Slot s : ending) s.sessionEnded = true;
        }
        for (Slot s : ending) s.end();
    }

    /** Stops looking for idle sessions; at server stop (each stream's owner closes its own streams). */
    void close() { reaper.shutdownNow(); }

    /** One stream's place under the caps, from admission until its client closes. */
    final class Slot {
        private final String session;
        /** Guarded by LiveStreams.this. */
        private boolean released;
        private boolean sessionEnded;
        private volatile SseClient client;

        private Slot(String session) { this.session = session; }

        boolean attached() { return client != null; }

        private void attach(SseClient client) {
            this.client = client;
            client.onClose(this::release);
            boolean gone;
            synchronized (LiveStreams.this) {
                gone = sessionEnded;
            }
            if (gone) end();
        }

        /** What the stream does when its client closes (it left, the stream ended, or the session did); after the slot is freed. */
        void onClose(Runnable also) {
            var once = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable closing = () -> {
                release();
                if (once.compareAndSet(false, true)) also.run();
            };
            client.onClose(closing);
            // Closed before this callback was in place (the session ended, or a write failed): it would never run.
            if (client.terminated()) closing.run();
        }

        private void end() {
            SseClient c = client;
            if (c == null) return; // attach() sees sessionEnded and ends it
            synchronized (c) {
                c.close();
            }
        }

        private void release() {
            synchronized (LiveStreams.this) {
                if (released) return;
                released = true;
                total--;
                Set<Slot> mine = bySession.get(session);
                if (mine != null && mine.remove(this) && mine.isEmpty()) bySession.remove(session);
            }
        }
    }
}
