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

    static Optional<String> subject(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Optional.of(cert.getSubjectX500Principal().getName());
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
