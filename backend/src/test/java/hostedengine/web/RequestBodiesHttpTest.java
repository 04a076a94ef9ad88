package hostedengine.web;

import static org.assertj.core.api.Assertions.assertThat;

import hostedengine.auth.TestDoubleAuthenticator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No request body is read past what its route ever takes: refused at once, for anonymous clients too. */
class RequestBodiesHttpTest {
    @TempDir Path state;
    private TestServer server;
    private final HttpClient anonymous = HttpClient.newHttpClient();

    @BeforeEach
    void start() { server = new TestServer(state); }

    @AfterEach
    void stop() { server.close(); }

    /**
     * Sends only the head of a request declaring a body of {@code length} bytes and reads the answer:
     * an answer before any byte of the body is the proof that the body was never read.
     */
    private String headOnly(String path, String type, long length) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", server.app.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nContent-Length: "
                    + length + "\r\nAccept-Language: ja\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAnonymousMultipartOrOversizedLoginIsRefusedUnreadAndRealLoginsStillWork() throws Exception {
        String multipart = headOnly("/login", "multipart/form-data; boundary=x", 1L << 30);
        assertThat(multipart).startsWith("HTTP/1.1 415").endsWith("このアドレスはファイルを受け付けないため、要求を読み込みませんでした。");
        assertThat(headOnly("/login", "application/x-www-form-urlencoded", 64L << 20)).startsWith("HTTP/1.1 413");
        // a client that sends a body a few MiB too large gets the answer, not a reset connection
        var sent = anonymous.send(HttpRequest.newBuilder(URI.create(server.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=root&password=" + "x".repeat(3 << 20))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(413);

        var streamed = anonymous.send(HttpRequest.newBuilder(URI.create(server.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("username=root".getBytes(StandardCharsets.US_ASCII))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(411);

        server.newBrowser();
        assertThat(server.login(TestDoubleAuthenticator.OPERATOR, TestDoubleAuthenticator.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void onlyTheImportTakesAFileAndNoLargerThanAnAnswerFile() throws Exception {
        assertThat(headOnly("/wizard/import", "multipart/form-data; boundary=x", 64L << 20)).startsWith("HTTP/1.1 413")
                .contains("このページが送信するよりも大きい要求");
        var elsewhere = server.upload("/wizard/vm", "answers.conf", "x".getBytes(StandardCharsets.US_ASCII));
        assertThat(elsewhere.statusCode()).isEqualTo(415);
        var fits = server.upload("/wizard/import", "answers.conf",
                "[environment:default]\nOVEHOSTED_NETWORK/fqdn=str:manager.example.com\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(fits.statusCode()).isEqualTo(302);
        assertThat(headOnly("/wizard/vm", "application/x-www-form-urlencoded", 64L << 20)).startsWith("HTTP/1.1 413");
        // A part that were ever spooled would go under the state directory, owner only; the import's stays in memory.
        Path uploads = state.resolve("tmp/uploads");
        assertThat(java.nio.file.Files.getPosixFilePermissions(uploads))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (var spooled = java.nio.file.Files.list(uploads)) {
            assertThat(spooled).isEmpty();
        }
    }
}
