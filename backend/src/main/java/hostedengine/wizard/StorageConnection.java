package hostedengine.wizard;

import java.util.Optional;

/**
 * An NFS or Gluster connection, "server:/path", split the way the role wants it:
 * he_storage_domain_addr and he_storage_domain_path, the path without a trailing '/'.
 * The split is at the last ":/", which is the last ':' for every path without a colon
 * and keeps "[fd00::1]:/export" whole.
 */
record StorageConnection(String server, String path) {
    static Optional<StorageConnection> split(String text) {
        int at = text.lastIndexOf(":/");
        if (at <= 0) return Optional.empty();
        String path = text.substring(at + 1);
        while (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.equals("/")) return Optional.empty();
        return Optional.of(new StorageConnection(text.substring(0, at), path));
    }

    /** Back to the form's text, for answer files that give address and path apart. */
    static String join(String server, String path) {
        return server + ":" + (path.startsWith("/") ? path : "/" + path);
    }
}
