package hostedengine.wizard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A literal IPv4 or IPv6 address, parsed strictly by hand. Never resolves a name:
 * {@code InetAddress.getByName} would look up "manager.example.com" and accept it,
 * which is exactly the hole Cockpit's regex left (FIELDS.md, VM IP Address).
 * Zone ids ("fe80::1%eth0") and octets with leading zeros ("010", read as octal by
 * some tools) are refused.
 */
final class IpLiteral {
    private static final Pattern V4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private final byte[] bytes;
    private final String text;

    private IpLiteral(byte[] bytes, String text) {
        this.bytes = bytes;
        this.text = text;
    }

    static Optional<IpLiteral> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) return Optional.empty();
        Optional<byte[]> v4 = parseV4(text);
        if (v4.isPresent()) return Optional.of(new IpLiteral(v4.get(), text));
        return text.indexOf(':') >= 0 ? parseV6(text).map(b -> new IpLiteral(b, text)) : Optional.empty();
    }

    static boolean isLiteral(String text) { return parse(text).isPresent(); }

    boolean isV4() { return bytes.length == 4; }

    /** 32 or 128. */
    int bits() { return bytes.length * 8; }

    /** Whether {@code other} lies in the network of this address with the given prefix length. */
    boolean sameNetwork(IpLiteral other, int prefix) {
        if (other.bytes.length != bytes.length || prefix < 0 || prefix > bits()) return false;
        for (int bit = 0; bit < prefix; bit++) {
            if (bit(bit) != other.bit(bit)) return false;
        }
        return true;
    }

    /** All host bits zero: the network address (IPv6: the subnet-router anycast address). */
    boolean isNetworkAddress(int prefix) { return hostBitsAll(prefix, 0) && prefix < bits() - 1; }

    /** All host bits one, IPv4 only (IPv6 has no broadcast). */
    boolean isBroadcastAddress(int prefix) { return isV4() && hostBitsAll(prefix, 1) && prefix < bits() - 1; }

    private boolean hostBitsAll(int prefix, int value) {
        if (prefix < 0 || prefix > bits()) return false;
        for (int bit = prefix; bit < bits(); bit++) {
            if (bit(bit) != value) return false;
        }
        return true;
    }

    private int bit(int index) { return (bytes[index / 8] >> (7 - index % 8)) & 1; }

    @Override public boolean equals(Object o) { return o instanceof IpLiteral ip && Arrays.equals(ip.bytes, bytes); }
    @Override public int hashCode() { return Arrays.hashCode(bytes); }
    /** As written. */
    @Override public String toString() { return text; }

    /** An address with its prefix length, as hosts report theirs ("192.168.1.5/24"). */
    record WithPrefix(IpLiteral address, int prefix) {
        static Optional<WithPrefix> parse(String cidr) {
            int slash = cidr == null ? -1 : cidr.indexOf('/');
            if (slash < 0) return Optional.empty();
            Optional<IpLiteral> ip = IpLiteral.parse(cidr.substring(0, slash));
            Optional<Long> prefix = Syntax.parseInteger(cidr.substring(slash + 1));
            if (ip.isEmpty() || prefix.isEmpty() || prefix.get() < 0 || prefix.get() > ip.get().bits()) {
                return Optional.empty();
            }
            return Optional.of(new WithPrefix(ip.get(), prefix.get().intValue()));
        }

        boolean contains(IpLiteral other) { return address.sameNetwork(other, prefix); }

        @Override public String toString() { return address + "/" + prefix; }
    }

    private static Optional<byte[]> parseV4(String text) {
        if (!V4.matcher(text).matches()) return Optional.empty();
        String[] parts = text.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(parts[i]);
            if (value > 255) return Optional.empty();
            out[i] = (byte) value;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return Optional.empty();
        List<Integer> head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        List<Integer> tail = gap >= 0 ? groups(text.substring(gap + 2), true) : List.of();
        if (head == null || tail == null) return Optional.empty();
        int words = head.size() + tail.size();
        if (gap < 0 ? words != 8 : words > 7) return Optional.empty();
        List<Integer> all = new ArrayList<>(head);
        for (int i = words; i < 8; i++) all.add(0);
        all.addAll(tail);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all.get(i) >> 8);
            out[2 * i + 1] = (byte) (int) all.get(i);
        }
        return Optional.of(out);
    }

    /** 16-bit words of a colon-separated part; a dotted IPv4 is allowed as the very last group. Null when malformed. */
    private static List<Integer> groups(String part, boolean lastMayBeV4) {
        List<Integer> words = new ArrayList<>();
        if (part.isEmpty()) return words;
        String[] groups = part.split(":", -1);
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && lastMayBeV4 && group.indexOf('.') >= 0) {
                Optional<byte[]> v4 = parseV4(group);
                if (v4.isEmpty()) return null;
                byte[] b = v4.get();
                words.add(((b[0] & 0xff) << 8) | (b[1] & 0xff));
                words.add(((b[2] & 0xff) << 8) | (b[3] & 0xff));
            } else if (HEX_GROUP.matcher(group).matches()) {
                words.add(Integer.parseInt(group, 16));
            } else {
                return null;
            }
        }
        return words;
    }
}
