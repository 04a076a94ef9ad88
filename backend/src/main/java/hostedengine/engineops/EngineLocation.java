package hostedengine.engineops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where this host's engine is and which CA vouches for it: the deployed FQDN from
 * {@code hosted-engine.conf} and the engine CA host-deploy left in VDSM's PKI (ENGINE-API.md §2).
 *
 * @param fqdn      the engine's name, as the Administration Portal's address uses it
 * @param apiUrl    the API's root
 * @param caFile    the engine CA's PEM this host trusts
 * @param simulated true for the engine test double of a simulated deployment
 */
public record EngineLocation(String fqdn, String apiUrl, Path caFile, boolean simulated) {
    public static final Path HOSTED_ENGINE_CONF = Path.of("/etc/ovirt-hosted-engine/hosted-engine.conf");
    private static final Pattern FQDN_LINE = Pattern.compile("(?m)^fqdn=([A-Za-z0-9.-]{1,253})\\s*$");

    /** The Administration Portal's address. */
    public String portalUrl() { return "https://" + fqdn + "/ovirt-engine/"; }

    /** The engine of a real deployment on this host: empty when {@code hosted-engine.conf} names none. */
    public static Optional<EngineLocation> onHost(Path conf, Path caFile) {
        try {
            if (!Files.isRegularFile(conf)) return Optional.empty();
            Matcher m = FQDN_LINE.matcher(Files.readString(conf));
            if (!m.find()) return Optional.empty();
            String fqdn = m.group(1);
            return Optional.of(new EngineLocation(fqdn, "https://" + fqdn + "/ovirt-engine/api", caFile, false));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
