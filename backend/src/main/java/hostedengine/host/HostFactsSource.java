package hostedengine.host;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The deployment host's readings as the wizard and the pre-flight checks ask for them.
 * {@link HostFactsCollector} reads them through Ansible; tests give the web edge a fixed host.
 */
public interface HostFactsSource {
    /** The last readings of the current host, if any. */
    Optional<HostReadings> current();

    /** True while the current host's facts are being read. */
    boolean reading();

    /**
     * Reads the current host again in the background, measuring free space in
     * {@code localVmDirPath} (which must already have passed its path rule).
     */
    CompletableFuture<HostReadings> refresh(String localVmDirPath);
}
