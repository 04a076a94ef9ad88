package hostedengine.engine;

import java.util.Locale;
import java.util.Optional;

/** The modes of {@code hosted-engine --set-maintenance --mode=<mode>} (guide ch. 5.1). */
public enum MaintenanceMode {
    /** This host stops hosting the engine VM; refused while it runs the VM. */
    LOCAL,
    /** Every HA agent stops monitoring the engine VM (upgrades, engine changes). */
    GLOBAL,
    /** Maintenance off: the HA agents watch the engine VM again. */
    NONE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<MaintenanceMode> parse(String text) {
        if (text == null) return Optional.empty();
        for (MaintenanceMode m : values()) if (m.id().equals(text.strip())) return Optional.of(m);
        return Optional.empty();
    }
}
