package hostedengine.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A hypervisor reached over SSH: address (an IP literal or an RFC 1123 host name), port, user,
 * and how to log in. Every value passes a whitelist before it reaches JSch, an inventory or
 * a command line, so none can become an option ({@code -oProxyCommand=…}) or a template.
 */
public record RemoteHost(String address, int port, String user, Auth auth) {
    /** Form field names, as the page and its messages use them. */
    public static final String ADDRESS = "sshAddress";
    public static final String PORT = "sshPort";
    public static final String USER = "sshUser";
    public static final String AUTH = "sshAuth";
    public static final String KEY_FILE = "sshKeyFile";
    public static final String PASSWORD = "sshPassword";

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/@+-]{1,4095}");
    static final int MAX_PASSWORD = 1024;

    /** How to log in. */
    public sealed interface Auth permits KeyFile, Password {}

    /** A private key file on the wizard's machine (not protected by a passphrase). */
    public record KeyFile(Path path) implements Auth {}

    /** A password, held in memory only; {@link #toString()} never shows it. */
    public record Password(String value) implements Auth {
        @Override public String toString() { return "Password[set]"; }
    }

    public RemoteHost {
        Objects.requireNonNull(address);
        Objects.requireNonNull(user);
        Objects.requireNonNull(auth);
    }

    /** What an administrator reads: {@code root@hv1.example.com}, with {@code :port} when not 22. */
    public String label() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }

    /** One problem with one field: a message key ({@code remote.field.*}) and its arguments. */
    public record Problem(String field, String key, List<String> args) {
        public Problem { args = List.copyOf(args); }
    }

    /** The host, or every problem with the form (never both). */
    public record Parsed(RemoteHost host, List<Problem> problems) {
        public boolean ok() { return host != null; }
    }

    /**
     * Reads the form. {@code keepPassword} is the password entered earlier, used when the
     * field comes back empty (the page never shows a password again).
     */
    public static Parsed parse(Map<String, String> form, String keepPassword) {
        List<Problem> problems = new ArrayList<>();
        String address = value(form, ADDRESS);
        String portText = value(form, PORT);
        String user = value(form, USER);
        String authKind = value(form, AUTH).isEmpty() ? "key" : value(form, AUTH);
        String keyFile = value(form, KEY_FILE);
        String password = form.getOrDefault(PASSWORD, "");
        if (password == null) password = "";

        if (address.isEmpty()) problems.add(new Problem(ADDRESS, "remote.field.addressRequired", List.of()));
        else if (!validAddress(address)) problems.add(new Problem(ADDRESS, "remote.field.addressInvalid", List.of()));
        int port = 0;
        if (portText.isEmpty()) portText = "22";
        if (!portText.matches("[0-9]{1,5}") || (port = Integer.parseInt(portText)) < 1 || port > 65535) {
            problems.add(new Problem(PORT, "remote.field.portInvalid", List.of()));
        }
        if (user.isEmpty()) problems.add(new Problem(USER, "remote.field.userRequired", List.of()));
        else if (!USER_NAME.matcher(user).matches()) problems.add(new Problem(USER, "remote.field.userInvalid", List.of()));

        Auth auth = null;
        switch (authKind) {
            case "key" -> {
                if (keyFile.isEmpty()) problems.add(new Problem(KEY_FILE, "remote.field.keyFileRequired", List.of()));
                else if (!SAFE_PATH.matcher(keyFile).matches() || keyFile.contains("/../") || keyFile.endsWith("/..")) {
                    problems.add(new Problem(KEY_FILE, "remote.field.keyFileInvalid", List.of()));
                } else {
                    auth = new KeyFile(Path.of(keyFile));
                }
            }
            case "password" -> {
                String effective = password.isEmpty() && keepPassword != null ? keepPassword : password;
                if (effective.isEmpty()) problems.add(new Problem(PASSWORD, "remote.field.passwordRequired", List.of()));
                else if (effective.length() > MAX_PASSWORD || effective.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
                    problems.add(new Problem(PASSWORD, "remote.field.passwordInvalid", List.of(String.valueOf(MAX_PASSWORD))));
                } else {
                    auth = new Password(effective);
                }
            }
            default -> problems.add(new Problem(AUTH, "remote.field.authInvalid", List.of()));
        }
        if (!problems.isEmpty()) return new Parsed(null, problems);
        return new Parsed(new RemoteHost(address.toLowerCase(Locale.ROOT), port, user, auth), List.of());
    }

    /** An IPv4 or IPv6 literal, or an RFC 1123 host name (letters, digits, hyphens; no leading hyphen). */
    static boolean validAddress(String address) {
        if (address.length() > 253) return false;
        if (IPV4.matcher(address).matches()) return true;
        if (address.contains(":")) {
            if (!IPV6.matcher(address).matches()) return false;
            try {
                // Only hex digits, colons and dots reach here: a literal, so no name lookup happens.
                return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        String name = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
        if (name.isEmpty() || name.matches("[0-9.]+")) return false;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) return false;
        }
        return true;
    }

    private static String value(Map<String, String> form, String name) {
        String v = form.get(name);
        return v == null ? "" : v.strip();
    }
}
