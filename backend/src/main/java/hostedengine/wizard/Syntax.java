package hostedengine.wizard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes a value can have, as pure predicates. The whitelists here are what stands
 * between a form field and the role's {@code shell:} tasks (FIELDS.md, "Values the role
 * pastes into shell commands"), so they accept only the characters named there.
 */
final class Syntax {
    private Syntax() {}

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    /** Unicast (the first octet's lowest bit clear), colon form; the role's validate_mac_address.yml checks the same. */
    private static final Pattern MAC = Pattern.compile("[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
    private static final Pattern MOUNT_OPTIONS =
            Pattern.compile("[A-Za-z0-9_.-]+(=[^,\\s=]+)?(,[A-Za-z0-9_.-]+(=[^,\\s=]+)?)*");
    private static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final Pattern SSH_KEY =
            Pattern.compile("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)) ([A-Za-z0-9+/]+={0,2})( [^\\n]*)?");
    private static final Set<String> LOCALHOST = Set.of("localhost", "localhost.localdomain");

    /** The whole string is an integer: no spaces, no sign but '-', no fraction ("12abc", "1.5", " 4" are not). */
    static Optional<Long> parseInteger(String text) {
        if (text == null || !INTEGER.matcher(text).matches()) return Optional.empty();
        return Optional.of(Long.parseLong(text));
    }

    /** C0 controls, DEL and C1 controls: never meant to be typed into a form. */
    static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    /** RFC 1123 host name: letters, digits and '-' in labels of 1 to 63, at most 253 in all; the last label not all digits. */
    static boolean isHostName(String text) {
        if (text == null || text.isEmpty() || text.length() > 253) return false;
        String[] labels = text.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) return false;
        }
        return !ALL_DIGITS.matcher(labels[labels.length - 1]).matches();
    }

    /** A host name with at least one dot. */
    static boolean isFqdn(String text) { return isHostName(text) && text.indexOf('.') > 0; }

    static boolean isLocalhost(String text) { return LOCALHOST.contains(text.toLowerCase(java.util.Locale.ROOT)); }

    static boolean isHostNameOrIp(String text) { return isHostName(text) || IpLiteral.isLiteral(text); }

    static boolean isMac(String text) { return MAC.matcher(text).matches(); }

    static boolean isInterfaceName(String text) { return INTERFACE.matcher(text).matches(); }

    /** Absolute, only [A-Za-z0-9._/-], no ".." component. */
    static boolean isSafeAbsolutePath(String text) {
        if (!SAFE_PATH.matcher(text).matches()) return false;
        for (String part : text.split("/")) {
            if (part.equals("..")) return false;
        }
        return true;
    }

    /** local@domain, the domain a host name (a bare one like "localhost" too) or a literal IP in brackets. */
    static boolean isEmail(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) return false;
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        // A leading '-' is legal in RFC 5322 but would read as an option where the address is an
        // argument (hosted-engine --set-shared-config destination-emails VALUE): refused.
        if (!EMAIL_LOCAL.matcher(local).matches() || local.startsWith(".") || local.startsWith("-") || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return IpLiteral.isLiteral(domain.substring(1, domain.length() - 1));
        }
        return isHostName(domain);
    }

    static boolean isMountOptions(String text) { return MOUNT_OPTIONS.matcher(text).matches(); }

    static boolean isStorageDomainName(String text) { return DOMAIN_NAME.matcher(text).matches(); }

    /**
     * One OpenSSH public key line: type, base64 body, optional comment. The body must
     * decode and name the same key type, which catches keys pasted with a line break or
     * a private key pasted by mistake.
     */
    static boolean isSshPublicKey(String text) {
        var m = SSH_KEY.matcher(text.strip());
        if (!m.matches()) return false;
        try {
            ByteBuffer body = ByteBuffer.wrap(Base64.getDecoder().decode(m.group(2)));
            int length = body.getInt();
            if (length <= 0 || length > body.remaining()) return false;
            byte[] type = new byte[length];
            body.get(type);
            return new String(type, StandardCharsets.US_ASCII).equals(m.group(1));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return false;
        }
    }

    /** "[fd00::1]" → "fd00::1"; anything else unchanged. */
    static String unbracket(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }
}
