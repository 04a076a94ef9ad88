package hostedengine.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Forward and reverse name lookups, for the pre-flight checks. */
public interface NameResolver {
    /** The name's addresses, in the resolver's order; empty when it does not resolve. */
    List<String> forward(String name);

    /** The name an address maps back to (PTR or hosts file), when there is one. */
    Optional<String> reverse(String address);

    /** The name that {@code address}, which {@code name} resolved to, maps back to. */
    default Optional<String> reverseOf(String name, String address) { return reverse(address); }

    /** This machine's resolver (DNS, /etc/hosts: whatever NSS says). */
    NameResolver SYSTEM = new NameResolver() {
        @Override public List<String> forward(String name) {
            try {
                List<String> out = new ArrayList<>();
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    String text = a.getHostAddress().replaceFirst("%.*$", "");
                    if (!out.contains(text)) out.add(text);
                }
                return out;
            } catch (UnknownHostException | SecurityException e) {
                return List.of();
            }
        }

        @Override public Optional<String> reverse(String address) {
            try {
                InetAddress a = InetAddress.getByName(address);
                String name = a.getCanonicalHostName();
                return name.equals(a.getHostAddress()) ? Optional.empty() : Optional.of(name);
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
    };
}
