package hostedengine.web;

import hostedengine.StartupProblem;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PEM certificate chain and its private key (PKCS#8, or PKCS#1 RSA / SEC1 EC as
 * openssl writes them) and checks they belong together. Every failure is a one-line
 * {@link StartupProblem} that names the file and says what to do ({@code fix}).
 */
final class PemFiles {
    private PemFiles() {}

    /** A server certificate chain (leaf first) and the leaf's private key. */
    record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {}

    static KeyAndChain load(Path certFile, Path keyFile, String fix) throws StartupProblem {
        List<X509Certificate> chain = certificates(certFile, fix);
        PrivateKey key = privateKey(keyFile, fix);
        if (!belongTogether(key, chain.get(0))) {
            throw new StartupProblem("TLS key " + keyFile + " does not match the certificate " + certFile + "; " + fix);
        }
        return new KeyAndChain(key, chain);
    }

    static List<X509Certificate> certificates(Path file, String fix) throws StartupProblem {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser pem = new PEMParser(reader(file, "TLS certificate", fix))) {
            var converter = new JcaX509CertificateConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new StartupProblem("TLS certificate " + file + " is not a valid PEM certificate ("
                    + e.getMessage() + "); " + fix, e);
        }
        if (chain.isEmpty()) {
            throw new StartupProblem("TLS certificate " + file + " holds no PEM certificate; " + fix);
        }
        return chain;
    }

    static PrivateKey privateKey(Path file, String fix) throws StartupProblem {
        try (PEMParser pem = new PEMParser(reader(file, "TLS key", fix))) {
            var converter = new JcaPEMKeyConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PrivateKeyInfo pkcs8) return converter.getPrivateKey(pkcs8);
                // PKCS#1 RSA or SEC1 EC; an EC key may carry no public part, so convert only the private one
                if (o instanceof PEMKeyPair traditional) return converter.getPrivateKey(traditional.getPrivateKeyInfo());
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new StartupProblem("TLS key " + file + " is encrypted; give an unencrypted PEM key; " + fix);
                }
                // other blocks (EC PARAMETERS, a certificate in the same file) are skipped
            }
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("TLS key " + file + " is not a valid PEM private key (" + e.getMessage() + "); "
                    + fix, e);
        }
        throw new StartupProblem("TLS key " + file + " holds no PEM private key; " + fix);
    }

    /** Signs a sample with the key and verifies it with the certificate: works for RSA and EC alike. */
    private static boolean belongTogether(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] sample = "hosted-engine-wizard".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(sample);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(sample);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Reader reader(Path file, String what, String fix) throws StartupProblem {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new StartupProblem(what + " " + file + " does not exist; " + fix);
        } catch (AccessDeniedException e) {
            throw new StartupProblem(what + " " + file + " cannot be read (Permission denied); " + fix);
        } catch (IOException e) {
            throw new StartupProblem(what + " " + file + " cannot be read (" + e.getMessage() + "); " + fix);
        }
    }
}
