package hostedengine.wizard;

import java.util.List;

/** The closed sets of values a choice field accepts (FIELDS.md); the bridge NICs come from the host. */
public final class Choices {
    private Choices() {}

    public static List<String> of(Field field, HostFacts facts) {
        return field == Field.BRIDGE_INTERFACE ? facts.nics().stream().map(HostFacts.Nic::name).toList() : fixed(field);
    }

    /** The values of a choice that does not depend on the host; empty for other fields. */
    public static List<String> fixed(Field field) {
        return switch (field) {
            case NETWORK_CONFIGURATION -> NetworkConfiguration.choices();
            case ROOT_SSH_ACCESS -> List.of("yes", "no", "without-password");
            case NETWORK_TEST -> NetworkTest.choices();
            case STORAGE_TYPE -> StorageType.choices();
            case NFS_VERSION -> List.of("auto", "v3", "v4", "v4_0", "v4_1", "v4_2");
            default -> List.of();
        };
    }
}
