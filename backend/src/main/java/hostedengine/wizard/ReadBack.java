package hostedengine.wizard;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for values that come back from the host or the network and are then reused as role
 * variables: the iSCSI targets, portals, portal group tags and LUN ids discovery reports, and
 * the bootstrap VM's directory Prepare VM reports ({@code otopi_localvm_dir}, which Finish sends
 * as {@code he_local_vm_dir} and the role pastes into {@code mkisofs}, {@code guestfish} and
 * {@code dd} commands). A typed value passes its field's rule; one read back passes the syntax
 * rule of the variable it becomes, or it is not used. Each method answers the problem in English
 * (for the run's message), empty when the value is fine.
 */
public final class ReadBack {
    /** iqn.YYYY-MM.reversed.domain[:anything safe], eui.16 hex, naa.16 or 32 hex (RFC 3720, 3.2.6.3). */
    private static final Pattern IQN = Pattern.compile(
            "iqn\\.[0-9]{4}-[0-9]{2}\\.[A-Za-z0-9.-]+(:[A-Za-z0-9.:_-]+)?|eui\\.[0-9A-Fa-f]{16}|naa\\.[0-9A-Fa-f]{16}([0-9A-Fa-f]{16})?");
    /** WWIDs and SCSI ids as VDSM reports them (e.g. 36001405a1b2c3…): letters, digits, '_', '.', ':', '-'. */
    private static final Pattern LUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}");

    private ReadBack() {}

    public static Optional<String> localVmDir(String path) {
        if (path != null && Syntax.isSafeAbsolutePath(path) && path.length() > 1) return Optional.empty();
        return Optional.of("the bootstrap VM's directory reported by the role (otopi_localvm_dir) is not a plain"
                + " absolute path: " + quoted(path));
    }

    public static Optional<String> iqn(String iqn) {
        if (iqn != null && iqn.length() <= 223 && IQN.matcher(iqn).matches()) return Optional.empty();
        return Optional.of("discovery reported a target name that is not an iSCSI name: " + quoted(iqn));
    }

    /** A portal address: a literal IP (IPv6 with or without brackets) or a host name. */
    public static Optional<String> portalAddress(String address) {
        if (address != null && Syntax.isHostNameOrIp(Syntax.unbracket(address))) return Optional.empty();
        return Optional.of("discovery reported a portal address that is neither an IP address nor a host name: "
                + quoted(address));
    }

    public static Optional<String> port(String port) {
        Optional<Long> n = Syntax.parseInteger(port);
        if (n.isPresent() && n.get() >= 1 && n.get() <= 65535) return Optional.empty();
        return Optional.of("discovery reported a portal port that is not a number from 1 to 65535: " + quoted(port));
    }

    public static Optional<String> tpgt(long tpgt) {
        if (tpgt >= 0 && tpgt <= 65535) return Optional.empty();
        return Optional.of("discovery reported a portal group tag out of range: " + tpgt);
    }

    public static Optional<String> lunId(String id) {
        if (id != null && LUN_ID.matcher(id).matches()) return Optional.empty();
        return Optional.of("discovery reported a LUN id with characters no LUN id has: " + quoted(id));
    }

    /** The value as text, shown to an administrator: control characters made visible, long ones cut. */
    private static String quoted(String value) {
        if (value == null) return "(none)";
        String shown = value.length() > 120 ? value.substring(0, 120) + "…" : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
            else out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }
}
