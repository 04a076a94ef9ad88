package hostedengine.engineapi;

import hostedengine.files.PrivateFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The engine CA this host trusts, as the SDK wants it: a PKCS#12 trust store file (it takes no
 * PEM). Made from the CA's PEM (on a host: /etc/pki/vdsm/certs/cacert.pem, which host-deploy
 * wrote); the store holds only that public certificate, so its password guards nothing secret.
 */
public final class EngineTrust {
    /** Where a host deployed by the engine keeps the engine's CA (ENGINE-API.md §2). */
    public static final Path HOST_CA = Path.of("/etc/pki/vdsm/certs/cacert.pem");
    static final String STORE_PASSWORD = "engine-ca";

    private final X509Certificate ca;

    private EngineTrust(X509Certificate ca) { this.ca = ca; }

    public static EngineTrust fromPem(String pem) throws GeneralSecurityException {
        var cert = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        return new EngineTrust((X509Certificate) cert);
    }

    /** SHA-256 of the CA certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String subject() { return ca.getSubjectX500Principal().getName(); }

    /** The certificate as PEM, to keep a pinned copy. */
    public String pem() {
        try {
            String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context trusting this CA alone (hostname verification stays the client's). */
    public javax.net.ssl.SSLContext sslContext() throws GeneralSecurityException {
        var trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store());
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A key store holding this CA's certificate alone. */
    private KeyStore store() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException impossible) {
            throw new GeneralSecurityException(impossible);
        }
        store.setCertificateEntry("engine-ca", ca);
        return store;
    }

    /** Writes the trust store the SDK reads (replacing any earlier one) and returns its path. */
    public Path writeStore(Path file) throws IOException, GeneralSecurityException {
        var out = new ByteArrayOutputStream();
        store().store(out, STORE_PASSWORD.toCharArray());
        PrivateFiles.writeAtomically(file, out.toByteArray());
        return file;
    }
}
