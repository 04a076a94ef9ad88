package hostedengine.engineops;

import hostedengine.engineapi.EngineTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The engine's public PKI resources (ENGINE-API.md §2), read over HTTPS trusting the engine CA
 * only: the engine's SSH public key, which an administrator puts in a new host's root
 * {@code authorized_keys} to add it without giving the engine a password.
 */
public final class EnginePki {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX = 16 * 1024;
    /** One OpenSSH public key line and nothing else (no options, no second line). */
    static final Pattern PUBLIC_KEY = Pattern.compile("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp256) [A-Za-z0-9+/]+={0,2}( [A-Za-z0-9@._-]{1,64})?");

    private EnginePki() {}

    /**
     * The CA the engine at {@code at} presents, read WITHOUT trusting anything: only for an
     * administrator to compare its fingerprint with the engine's own before it is pinned (as an
     * SSH host key is confirmed). Empty when nothing, or no certificate, answers.
     */
    public static Optional<EngineTrust> offeredCa(EngineLocation at) {
        String base = at.apiUrl().replaceFirst("/api/?$", "");
        try {
            var context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new UnverifiedForComparison()}, null);
            HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(TIMEOUT).build();
            var request = HttpRequest.newBuilder(URI.create(base
                    + "/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA")).timeout(TIMEOUT).GET().build();
            HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200 || answer.body().length > MAX) return Optional.empty();
            return Optional.of(EngineTrust.fromPem(new String(answer.body(), StandardCharsets.US_ASCII)));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Accepts any server certificate and name: used for one request only, whose answer (a CA
     * certificate) is shown to the administrator and trusted only once its fingerprint is confirmed.
     */
    private static final class UnverifiedForComparison extends javax.net.ssl.X509ExtendedTrustManager {
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {}
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {}
        @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
    }

    /** The engine's SSH public key, or empty when the engine does not give one we can show. */
    public static Optional<String> sshPublicKey(EngineLocation at, EngineTrust trust) {
        String base = at.apiUrl().replaceFirst("/api/?$", "");
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(TIMEOUT).build();
            var request = HttpRequest.newBuilder(URI.create(base
                    + "/services/pki-resource?resource=engine-certificate&format=OPENSSH-PUBKEY")).timeout(TIMEOUT).GET().build();
            HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200 || answer.body().length > MAX) return Optional.empty();
            String key = new String(answer.body(), StandardCharsets.US_ASCII).strip();
            return PUBLIC_KEY.matcher(key).matches() ? Optional.of(key) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
