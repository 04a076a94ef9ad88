package hostedengine.enginedouble;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The double's own certificate authority, as an engine has one: a CA certificate (what the
 * product must trust, as hosts hold the real engine's in /etc/pki/vdsm/certs/cacert.pem) and
 * the engine's server certificate it signed, for the engine's FQDN, localhost and 127.0.0.1.
 * Made anew at each start; nothing of it is secret outside this process.
 */
final class EngineCa {
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair serverKeys;
    private final X509Certificate server;

    EngineCa(String fqdn) throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        caKeys = generator.generateKeyPair();
        serverKeys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("O=Simulated engine,CN=" + fqdn + "." + (now.getEpochSecond() % 100000));
        ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(3650))), caName, caKeys.getPublic()), true, null);
        server = sign(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(398))), new X500Name("O=Simulated engine,CN=" + fqdn),
                serverKeys.getPublic()), false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, fqdn), new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }

    String caPem() { return pem(ca); }

    String serverPem() { return pem(server); }

    /** The engine's SSH public key as pki-resource's OPENSSH-PUBKEY gives it: the engine certificate's key. */
    String sshPublicKey() {
        var rsa = (java.security.interfaces.RSAPublicKey) serverKeys.getPublic();
        var out = new java.io.ByteArrayOutputStream();
        try (var data = new java.io.DataOutputStream(out)) {
            for (byte[] part : new byte[][] {"ssh-rsa".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    rsa.getPublicExponent().toByteArray(), rsa.getModulus().toByteArray()}) {
                data.writeInt(part.length);
                data.write(part);
            }
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return "ssh-rsa " + java.util.Base64.getEncoder().encodeToString(out.toByteArray()) + " ovirt-engine\n";
    }

    /** The TLS context the double's HTTPS server presents: the server certificate, then the CA's. */
    SSLContext serverContext() throws GeneralSecurityException, IOException {
        char[] none = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, none);
        keys.setKeyEntry("engine", serverKeys.getPrivate(), none, new Certificate[] {server, ca});
        var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, none);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder, boolean authority, GeneralNames names)
            throws GeneralSecurityException {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (names != null) builder.addExtension(Extension.subjectAlternativeName, false, names);
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static BigInteger serial() { return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE); }

    private static String pem(X509Certificate cert) {
        var text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(cert);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return text.toString();
    }
}
