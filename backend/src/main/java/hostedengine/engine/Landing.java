package hostedengine.engine;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Where the first page leads, as oVirt's Cockpit page decided: no {@code hosted-engine} → say
 * so; deployed ({@code --check-deployed} exits 0) → the status; the host already registered
 * to an engine (VDSM's CA certificate exists) → say so and offer to redeploy; else the wizard.
 */
public final class Landing {
    public static final Path VDSM_CA = Path.of("/etc/pki/vdsm/certs/cacert.pem");

    /** @param engine the CA's subject (names the engine), when the certificate could be read */
    public record Decision(Kind kind, Optional<String> engine) {}

    public enum Kind { NOT_INSTALLED, DEPLOYED, REGISTERED, WIZARD }

    private final HostedEngineTool tool;
    private final Path vdsmCa;

    public Landing(HostedEngineTool tool, Path vdsmCa) {
        this.tool = tool;
        this.vdsmCa = vdsmCa;
    }

    public Decision decide() {
        if (!tool.installed()) return new Decision(Kind.NOT_INSTALLED, Optional.empty());
        if (tool.run("--check-deployed").succeeded()) return new Decision(Kind.DEPLOYED, Optional.empty());
        if (Files.exists(vdsmCa)) return new Decision(Kind.REGISTERED, subject(vdsmCa));
        return new Decision(Kind.WIZARD, Optional.empty());
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
        try (InputStream in = Files.newInputStream(pem)) {
            var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Optional.of(cert.getSubjectX500Principal().getName());
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
