package hostedengine.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this machine can run the real {@code hosted_engine_setup} role (it is an oVirt
 * hypervisor) or deployments must go to the simulator, with the reason in one sentence for
 * the startup line and the page's banner.
 *
 * @param realRole true when the real role can run here
 * @param reason   one English sentence saying why
 */
public record HostMode(boolean realRole, String reason) {

    /** Looks at this machine: the hosted-engine command, /dev/kvm and VDSM. */
    public static HostMode detect() {
        String path = System.getenv("PATH");
        return decide(
                Command.onPath("hosted-engine", path),
                Files.exists(Path.of("/dev/kvm")),
                Files.isDirectory(Path.of("/usr/share/vdsm")) || Command.onPath("vdsm-client", path));
    }

    /** The simulator because the administrator asked for it. */
    public static HostMode simulatorRequested() {
        return new HostMode(false, "The simulator runs deployments because --simulate was given.");
    }

    /** Pure: the decision from what was found. */
    static HostMode decide(boolean hostedEngineCommand, boolean kvmDevice, boolean vdsmInstalled) {
        if (hostedEngineCommand && kvmDevice && vdsmInstalled) {
            return new HostMode(true, "This host is an oVirt hypervisor, so deployments run the real "
                    + "ovirt.ovirt.hosted_engine_setup role.");
        }
        List<String> missing = new ArrayList<>();
        if (!hostedEngineCommand) missing.add("no hosted-engine command on PATH");
        if (!kvmDevice) missing.add("no /dev/kvm");
        if (!vdsmInstalled) missing.add("VDSM is not installed");
        return new HostMode(false, "This host is not an oVirt hypervisor (" + String.join(", ", missing)
                + "), so deployments run in the simulator.");
    }

    public boolean simulator() {
        return !realRole;
    }
}
