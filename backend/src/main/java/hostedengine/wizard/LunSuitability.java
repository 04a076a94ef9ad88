package hostedengine.wizard;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a LUN can hold the hosted-engine storage domain. oVirt's own wizard asks for
 * the disk size plus 15.24 GiB; the role later insists on the appliance disk + the
 * engine's critical-space blocker (5 GiB) + 5 GiB for OVF stores, lockspace and metadata
 * (create_storage_domain.yml, "Get required size"), which the 15.24 GiB covers.
 */
public final class LunSuitability {
    public static final double OVERHEAD_GIB = 15.24;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private LunSuitability() {}

    /** Why this LUN cannot be chosen for a disk of {@code diskSizeGb}, or empty when it can. */
    public static Optional<FieldError> problem(StorageDevices.Lun lun, int diskSizeGb) {
        if (lun.used()) return Optional.of(FieldError.error(Field.LUN_ID, "error.lunUsed", lun.id()));
        double needed = diskSizeGb + OVERHEAD_GIB;
        if (lun.sizeBytes() / GIB < needed) {
            return Optional.of(FieldError.error(Field.LUN_ID, "error.lunTooSmall",
                    lun.id(), gib(lun.sizeBytes()), String.format(Locale.ROOT, "%.2f", needed)));
        }
        return Optional.empty();
    }

    /** Size in GiB with two decimals, as the LUN table shows it. */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / GIB);
    }
}
