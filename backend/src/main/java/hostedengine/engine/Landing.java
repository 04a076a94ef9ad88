package hostedengine.engine;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Where the first page leads, as oVirt's Cockpit page decided, for the deployment host (this
 * one, or the remote host chosen): no {@code hosted-engine} → say so; deployed
 * ({@code --check-deployed} exits 0) → the status; the host already registered to an engine
 * (VDSM's CA certificate exists) → say so and offer to redeploy; else the wizard. A remote host
 * that cannot be used now → say so ("connect to the host first"), never this host's answer.
 */
public final class Landing {
    public static final Path VDSM_CA = Path.of("/etc/pki/vdsm/certs/cacert.pem");

    /**
     * @param engine   the CA's subject (names the engine), when the certificate could be read
     * @param on       the host asked
     * @param toolPath where hosted-engine is looked for on that host
     */
    public record Decision(Kind kind, Optional<String> engine, TargetHost on, Path toolPath) {
        public Decision {
            on = on == null ? TargetHost.THIS_HOST : on;
        }

        public Decision(Kind kind, Optional<String> engine) { this(kind, engine, TargetHost.THIS_HOST, null); }
    }

    /** HOST_NOT_CONNECTED: the deployment host is remote and cannot be used now. */
    public enum Kind { NOT_INSTALLED, DEPLOYED, REGISTERED, WIZARD, HOST_NOT_CONNECTED }

    private final EngineHost tool;
    private final Path vdsmCa;

    /** @param tool where hosted-engine runs: this host, or the deployment host chosen at each call */
    public Landing(EngineHost tool, Path vdsmCa) {
        this.tool = tool;
        this.vdsmCa = vdsmCa;
    }

    public Decision decide() {
        EngineHost host = tool.resolve();
        TargetHost on = host.where();
        // One command answers all three: not connected, not installed, deployed.
        ToolOutput deployed = host.run("--check-deployed");
        on = on.after(deployed);
        if (!on.connected()) return new Decision(Kind.HOST_NOT_CONNECTED, Optional.empty(), on, host.toolPath());
        if (deployed.missing()) return new Decision(Kind.NOT_INSTALLED, Optional.empty(), on, host.toolPath());
        if (deployed.succeeded()) return new Decision(Kind.DEPLOYED, Optional.empty(), on, host.toolPath());
        Optional<byte[]> ca = host.readFile(vdsmCa);
        if (ca.isPresent()) return new Decision(Kind.REGISTERED, subject(ca.get()), on, host.toolPath());
        return new Decision(Kind.WIZARD, Optional.empty(), on, host.toolPath());
    }

    /**
     * The engine's FQDN from its CA's subject: engine-setup names the CA {@code CN=<fqdn>.<random
     * number>}, so the CN without its last, numeric label. Empty when the subject has no such CN.
     */
    public static Optional<String> engineFqdn(String subject) {
        var cn = java.util.regex.Pattern.compile("(?:^|,)\\s*CN=([A-Za-z0-9.-]+?)(?:\\.[0-9]+)?\\s*(?:,|$)").matcher(subject);
        if (!cn.find()) return Optional.empty();
        String fqdn = cn.group(1);
        return fqdn.contains(".") && fqdn.chars().anyMatch(Character::isLetter) ? Optional.of(fqdn) : Optional.empty();
    }

    static Optional<String> subject(Path pem) {
        try {
            return subject(Files.readAllBytes(pem));
        } catch (java.io.IOException unreadable) {
            return Optional.empty();
        }
    }

    static Optional<String> subject(byte[] pem) {
        try (InputStream in = new java.io.ByteArrayInputStream(pem)) {
            var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Optional.of(cert.getSubjectX500Principal().getName());
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
