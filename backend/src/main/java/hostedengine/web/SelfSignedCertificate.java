package hostedengine.web;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import hostedengine.files.PrivateFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the server's self-signed certificate on first start: EC P-256, CN = the host's FQDN,
 * subject alternative names for the FQDN, localhost, 127.0.0.1, ::1 and the host's addresses,
 * valid 825 days (the longest lifetime browsers accept for a server certificate).
 */
final class SelfSignedCertificate {
    static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSignedCertificate() {}

    /** Generates the pair and writes {@code certFile} (PEM) and {@code keyFile} (PKCS#8 PEM, mode 0600). */
    static void generate(String fqdn, List<String> addresses, Path certFile, Path keyFile)
            throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate cert = certificate(fqdn, addresses, pair);
        writePem(keyFile, new JcaPKCS8Generator(pair.getPrivate(), null));
        writePem(certFile, cert);
        Files.setPosixFilePermissions(certFile, PosixFilePermissions.fromString("rw-r--r--")); // public anyway
    }

    static X509Certificate certificate(String fqdn, List<String> addresses, KeyPair pair)
            throws IOException, GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Hosted Engine Wizard")
                .addRDN(BCStyle.CN, fqdn)
                .build();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), // tolerate a little clock skew
                Date.from(now.plus(VALIDITY)),
                subject, pair.getPublic());
        var utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(fqdn, addresses))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
        try {
            var signer = new JcaContentSignerBuilder(
                    "RSA".equals(pair.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA").build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(String fqdn, List<String> addresses) {
        Set<String> dns = new LinkedHashSet<>(List.of(fqdn, "localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        for (String a : addresses) {
            String ip = a.replaceFirst("/\\d+$", "").replaceFirst("%.*$", "");
            if (isIpLiteral(ip)) ips.add(ip);
        }
        List<GeneralName> names = new ArrayList<>();
        dns.stream().filter(d -> !isIpLiteral(d)).forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static boolean isIpLiteral(String s) {
        if (!s.matches("[0-9a-fA-F:.]+") || !(s.contains(".") || s.contains(":"))) return false;
        if (!s.contains(":") && !s.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) return false;
        try {
            InetAddress.getByName(s); // a literal: no lookup happens
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes through a private temporary file and renames it, so a crash never leaves half a key. */
    private static void writePem(Path file, Object object) throws IOException {
        var text = new java.io.StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object);
        }
        PrivateFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
