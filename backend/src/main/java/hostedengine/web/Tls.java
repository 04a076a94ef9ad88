package hostedengine.web;

import hostedengine.ServerOptions;
import hostedengine.StartupProblem;
import hostedengine.host.LocalHostFacts;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The server's HTTPS: the administrator's certificate (--tls-cert/--tls-key), or a
 * self-signed one made on first start under {@code <stateDir>/tls/} and reused afterwards;
 * and the Jetty connector that serves it. Usage in Main:
 * <pre>{@code
 * var ssl = Tls.load(options, stateDir);
 * Javalin.create(config -> config.jetty.addConnector(Tls.connector(ssl, options.bind(), options.port())));
 * }</pre>
 */
public final class Tls {
    static final String ALIAS = "server";

    private Tls() {}

    /** The generated certificate's place under the state directory. */
    public static Path generatedCertificate(Path stateDir) { return stateDir.resolve("tls").resolve("server.crt"); }

    public static Path generatedKey(Path stateDir) { return stateDir.resolve("tls").resolve("server.key"); }

    /** Loads the TLS identity for these options, naming this host from its own facts. */
    public static SslContextFactory.Server load(ServerOptions options, Path stateDir) throws StartupProblem {
        List<String> addresses = LocalHostFacts.nics().stream().flatMap(n -> n.addresses().stream()).toList();
        return load(options, stateDir, LocalHostFacts.hostFqdn(), addresses);
    }

    /**
     * Loads --tls-cert/--tls-key when given; otherwise the generated pair, making it first
     * when it does not exist yet ({@code fqdn} and {@code addresses} go into the new certificate).
     */
    public static SslContextFactory.Server load(ServerOptions options, Path stateDir, String fqdn,
                                                List<String> addresses) throws StartupProblem {
        PemFiles.KeyAndChain identity;
        if (options.tlsCert().isPresent() && options.tlsKey().isPresent()) {
            identity = PemFiles.load(options.tlsCert().get(), options.tlsKey().get(),
                    "fix it or give other files with --tls-cert and --tls-key");
        } else {
            Path cert = generatedCertificate(stateDir), key = generatedKey(stateDir);
            if (!Files.exists(cert) || !Files.exists(key)) generate(fqdn, addresses, cert, key);
            identity = PemFiles.load(cert, key, "delete " + cert.getParent()
                    + " to generate a new certificate, or give your own with --tls-cert and --tls-key");
        }
        return sslContextFactory(identity);
    }

    /**
     * An HTTPS connector for {@code config.jetty.addConnector(...)}. Javalin then adds no plain
     * HTTP connector of its own. SNI host checking is off: the self-signed certificate names
     * the host's FQDN, yet administrators reach it by IP address as often as by name.
     */
    public static BiFunction<Server, HttpConfiguration, Connector> connector(
            SslContextFactory.Server ssl, String host, int port) {
        return (server, javalinHttp) -> {
            HttpConfiguration https = new HttpConfiguration(javalinHttp);
            https.setSecureScheme("https");
            https.setSecurePort(port);
            https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        };
    }

    private static void generate(String fqdn, List<String> addresses, Path cert, Path key) throws StartupProblem {
        try {
            Path dir = cert.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            SelfSignedCertificate.generate(fqdn, addresses, cert, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("Cannot create the self-signed certificate " + cert + " (" + e.getMessage()
                    + "); choose another --state-dir or give --tls-cert and --tls-key", e);
        }
    }

    private static SslContextFactory.Server sslContextFactory(PemFiles.KeyAndChain identity) throws StartupProblem {
        // The key store lives only in memory; its password only protects it from itself.
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, identity.key(), password.toCharArray(),
                    identity.chain().toArray(Certificate[]::new));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(store);
            ssl.setKeyStorePassword(password);
            ssl.setKeyManagerPassword(password);
            ssl.setCertAlias(ALIAS);
            ssl.setSniRequired(false);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The TLS key and certificate cannot be used (" + e.getMessage()
                    + "); give others with --tls-cert and --tls-key", e);
        }
    }
}
