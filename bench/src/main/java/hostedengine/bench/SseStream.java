package hostedengine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent-events client on its own thread, as a browser's EventSource: GET with
 * {@code Accept: text/event-stream}, each event handed over with the time its last line arrived.
 * It does not reconnect: a dropped stream shows as lost events.
 */
final class SseStream implements AutoCloseable {
    interface Listener {
        /** The response headers arrived with 200. */
        default void connected() {}

        void event(String type, String id, String data, long arrivedNanos);

        /** The stream ended: by the server (error null), by an error, or by {@link #close()}. */
        default void ended(Throwable error) {}
    }

    private final HttpClient http;
    private final URI uri;
    private final Listener listener;
    private final Thread thread;
    private volatile InputStream body;
    private volatile boolean closing;

    SseStream(HttpClient http, URI uri, Listener listener) {
        this.http = http;
        this.uri = uri;
        this.listener = listener;
        this.thread = new Thread(this::read, "sse-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        Throwable error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() != 200) {
                body.close();
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            if (closing) return;
            listener.connected();
            var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            String type = null;
            String id = null;
            String data = null;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) listener.event(type == null ? "message" : type, id, data, System.nanoTime());
                    type = null;
                    id = null;
                    data = null;
                } else if (line.startsWith("data:")) {
                    String value = field(line, 5);
                    data = data == null ? value : data + "\n" + value;
                } else if (line.startsWith("event:")) {
                    type = field(line, 6);
                } else if (line.startsWith("id:")) {
                    id = field(line, 3);
                }
            }
        } catch (IOException e) {
            if (!closing) error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            error = e;
        } finally {
            listener.ended(error);
        }
    }

    private static String field(String line, int at) {
        return line.length() > at && line.charAt(at) == ' ' ? line.substring(at + 1) : line.substring(at);
    }

    /** Waits for the stream to end by itself. */
    boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    @Override
    public void close() {
        closing = true;
        InputStream b = body;
        try {
            if (b != null) b.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
