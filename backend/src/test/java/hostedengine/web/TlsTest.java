package hostedengine.web;

import hostedengine.ServerOptions;
import hostedengine.StartupProblem;
import hostedengine.testing.Required;
import io.javalin.Javalin;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TlsTest {
    private static final String FQDN = "host1.example.com";
    private static final List<String> ADDRESSES = List.of("192.0.2.2/24", "fd00::2/64");

    @TempDir Path state;

    private static ServerOptions selfSigned() {
        return new ServerOptions(0, "127.0.0.1", true, Optional.empty(), Optional.empty(), Path.of("/unused"), false, false);
    }

    private static ServerOptions own(Path cert, Path key) {
        return new ServerOptions(0, "127.0.0.1", true, Optional.of(cert), Optional.of(key), Path.of("/unused"), false, false);
    }

    @Test
    void firstStartGeneratesASelfSignedCertificateForThisHost() throws Exception {
        Tls.load(selfSigned(), state, FQDN, ADDRESSES);

        Path key = Tls.generatedKey(state);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate cert = PemFiles.certificates(Tls.generatedCertificate(state), "").get(0);
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + FQDN);
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> san.get(1).toString())
                .contains(FQDN, "localhost", "127.0.0.1", "192.0.2.2")
                .anyMatch(ip -> ip.startsWith("fd00:0:0:0:0:0:0:2") || ip.equals("fd00::2"));
        Duration validity = Duration.between(Instant.now(), cert.getNotAfter().toInstant());
        assertThat(validity).isBetween(Duration.ofDays(824), Duration.ofDays(826));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void laterStartsReuseTheGeneratedCertificate() throws Exception {
        Tls.load(selfSigned(), state, FQDN, ADDRESSES);
        String first = Files.readString(Tls.generatedCertificate(state));

        Tls.load(selfSigned(), state, "other.example.com", List.of());

        assertThat(Files.readString(Tls.generatedCertificate(state))).isEqualTo(first);
    }

    @Test
    void administratorsRsaKeyInPkcs1AndCertificateChainAreLoaded() throws Exception {
        // a CA and a leaf it signed, as an administrator's PKI hands them out
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-subj", "/CN=Example CA", "-days", "2");
        openssl("genrsa", "-traditional", "-out", "rsa.key", "2048");
        openssl("req", "-new", "-key", "rsa.key", "-out", "leaf.csr", "-subj", "/CN=www.example.com");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "leaf.crt", "-days", "2");
        Path cert = Files.writeString(state.resolve("chain.pem"),
                Files.readString(state.resolve("leaf.crt")) + Files.readString(state.resolve("ca.crt")));
        Path key = state.resolve("rsa.key");
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        SslContextFactory.Server ssl = Tls.load(own(cert, key), state, FQDN, ADDRESSES);

        assertThat(ssl.getKeyStore().getCertificateChain(Tls.ALIAS)).hasSize(2);
        assertThat(Files.exists(Tls.generatedCertificate(state))).as("nothing generated").isFalse();
    }

    @Test
    void administratorsEcKeyAsOpensslEcparamWritesItIsLoaded() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        openssl("req", "-x509", "-new", "-key", "ec.key", "-out", "ec.crt", "-subj", "/CN=www.example.com", "-days", "2");
        Path key = state.resolve("ec.key");
        assertThat(Files.readString(key)).contains("-----BEGIN EC PARAMETERS-----", "-----BEGIN EC PRIVATE KEY-----");

        assertThat(Tls.load(own(state.resolve("ec.crt"), key), state, FQDN, ADDRESSES)
                .getKeyStore().isKeyEntry(Tls.ALIAS)).isTrue();
    }

    @Test
    void administratorsPkcs8KeyIsLoaded() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "p8.key", "-out", "p8.crt", "-subj", "/CN=www.example.com", "-days", "2");
        assertThat(Files.readString(state.resolve("p8.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        assertThat(Tls.load(own(state.resolve("p8.crt"), state.resolve("p8.key")), state, FQDN, ADDRESSES)
                .getKeyStore().isKeyEntry(Tls.ALIAS)).isTrue();
    }

    @Test
    void encryptedKeyIsRefusedWithAReason() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-passout", "pass:secret", "-keyout", "enc.key",
                "-out", "enc.crt", "-subj", "/CN=www.example.com", "-days", "2");
        Path key = state.resolve("enc.key");
        assertThatThrownBy(() -> Tls.load(own(state.resolve("enc.crt"), key), state, FQDN, ADDRESSES))
                .hasMessageStartingWith("TLS key " + key + " is encrypted; give an unencrypted PEM key");
    }

    @Test
    void missingCertificateIsNamedWithTheFlags() {
        Path cert = state.resolve("nope.pem");
        assertThatThrownBy(() -> Tls.load(own(cert, state.resolve("k")), state, FQDN, ADDRESSES))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("TLS certificate " + cert + " does not exist; fix it or give other files with --tls-cert and --tls-key");
    }

    @Test
    void fileWithoutACertificateIsRefused() throws IOException {
        Path cert = Files.writeString(state.resolve("junk.pem"), "hello\n");
        assertThatThrownBy(() -> Tls.load(own(cert, cert), state, FQDN, ADDRESSES))
                .hasMessage("TLS certificate " + cert + " holds no PEM certificate; fix it or give other files with --tls-cert and --tls-key");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = state.resolve("c.pem"), key = state.resolve("k.pem");
        Files.writeString(cert, pem(SelfSignedCertificate.certificate("a.example.com", List.of(), keyPair("EC", 256))));
        Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keyPair("EC", 256).getPrivate(), null)));
        assertThatThrownBy(() -> Tls.load(own(cert, key), state, FQDN, ADDRESSES))
                .hasMessage("TLS key " + key + " does not match the certificate " + cert
                        + "; fix it or give other files with --tls-cert and --tls-key");
    }

    @Test
    void corruptKeyIsOneLineProblem() throws Exception {
        KeyPair pair = keyPair("EC", 256);
        Path cert = state.resolve("c.pem"), key = state.resolve("k.pem");
        Files.writeString(cert, pem(SelfSignedCertificate.certificate("a.example.com", List.of(), pair)));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Tls.load(own(cert, key), state, FQDN, ADDRESSES))
                .hasMessageStartingWith("TLS key " + key + " is not a valid PEM private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void damagedGeneratedCertificateSaysHowToRegenerate() throws Exception {
        Tls.load(selfSigned(), state, FQDN, ADDRESSES);
        Files.writeString(Tls.generatedCertificate(state), "garbage");
        assertThatThrownBy(() -> Tls.load(selfSigned(), state, FQDN, ADDRESSES))
                .hasMessageContaining("delete " + state.resolve("tls") + " to generate a new certificate");
    }

    @Test
    void javalinServesHttpsWithTheGeneratedCertificate() throws Exception {
        SslContextFactory.Server ssl = Tls.load(selfSigned(), state, FQDN, ADDRESSES);
        Javalin app = Javalin.create(config -> {
            config.jetty.addConnector(Tls.connector(ssl, "127.0.0.1", 0));
            config.routes.get("/", ctx -> ctx.result("hello over " + ctx.scheme()));
        }).start();
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(Tls.generatedCertificate(state))).build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello over https");
        } finally {
            app.stop();
        }
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("wizard", PemFiles.certificates(certFile, "").get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private void openssl(String... args) throws Exception {
        Required.executable(Path.of("/usr/bin/openssl"), "openssl");
        var command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(state.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static KeyPair keyPair(String algorithm, int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
