package hostedengine.wizard;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a LUN can hold the hosted-engine storage domain: the one place that decides,
 * for the rule on the chosen LUN and for the LUN table that disables the others.
 * oVirt's own wizard asks for the disk size plus 15.24 GiB; the role later insists on the
 * appliance disk + the engine's critical-space blocker (5 GiB) + 5 GiB for OVF stores,
 * lockspace and metadata (create_storage_domain.yml, "Get required size"), which the
 * 15.24 GiB covers.
 */
public final class LunSuitability {
    public static final double OVERHEAD_GIB = 15.24;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private LunSuitability() {}

    /** Why this LUN cannot be chosen for a disk of {@code diskSizeGb}, or empty when it can. */
    public static Optional<FieldError> problem(StorageDevices.Lun lun, long diskSizeGb) {
        if (lun.used()) return Optional.of(FieldError.error(Field.LUN_ID, ErrorKeys.LUN_USED));
        double needed = diskSizeGb + OVERHEAD_GIB;
        double size = lun.sizeBytes() / GIB;
        if (size < needed) return Optional.of(FieldError.error(Field.LUN_ID, ErrorKeys.LUN_TOO_SMALL, gib(size), gib(needed)));
        return Optional.empty();
    }

    /** Size in GiB with two decimals and a dot in both languages, as the LUN table shows it. */
    public static String gib(long bytes) { return gib(bytes / GIB); }

    private static String gib(double value) { return String.format(Locale.ROOT, "%.2f", value); }
}
