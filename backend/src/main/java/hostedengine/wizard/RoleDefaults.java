package hostedengine.wizard;

/**
 * Numbers the wizard must agree with the role on, read from the installed role's
 * defaults/main.yml ({@code hostedengine.host.RoleDefaultsReader}).
 *
 * @param minimalMemMb     he_minimal_mem_size_MB
 * @param reservedMemoryMb he_reserved_memory_MB
 * @param memoryGraceMb    he_avail_memory_grace_MB
 * @param minimalDiskGb    he_minimal_disk_size_GB (raised to the appliance's disk size when known)
 * @param defaultDiskGb    he_disk_size_GB
 * @param source           where the numbers came from (the file, or "built-in" when the role is missing)
 */
public record RoleDefaults(
        int minimalMemMb,
        int reservedMemoryMb,
        int memoryGraceMb,
        int minimalDiskGb,
        int defaultDiskGb,
        String source) {

    /** The figures of collection ovirt.ovirt 2.4.1, for when the role is not installed. */
    public static RoleDefaults builtIn() {
        return new RoleDefaults(4096, 512, 200, 50, 61, "built-in (ovirt.ovirt 2.4.1)");
    }
}
