package hostedengine.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A server's public host key: its type ({@code ssh-ed25519}) and the key blob. The fingerprint
 * is the one {@code ssh-keygen -lf} prints and OpenSSH shows on first contact:
 * {@code SHA256:} and the unpadded base64 of the blob's SHA-256.
 */
public record HostKey(String type, byte[] blob) {
    public HostKey {
        Objects.requireNonNull(type);
        blob = blob.clone();
        if (!type.matches("[a-z0-9@.-]{1,64}")) throw new IllegalArgumentException("not a key type: " + type);
    }

    /** Reads the type from the blob itself (an SSH string: 4-byte length, then the name). */
    public static HostKey of(byte[] blob) {
        if (blob.length < 4) throw new IllegalArgumentException("host key too short");
        int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (len <= 0 || len > 64 || 4 + len > blob.length) throw new IllegalArgumentException("host key without a type");
        return new HostKey(new String(blob, 4, len, StandardCharsets.US_ASCII), blob);
    }

    /** From a known_hosts line's type and base64 fields. */
    public static HostKey parse(String type, String base64) {
        HostKey key = of(Base64.getDecoder().decode(base64));
        if (!key.type().equals(type)) throw new IllegalArgumentException("type " + type + " does not match its key");
        return key;
    }

    public String base64() { return Base64.getEncoder().encodeToString(blob); }

    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The algorithms to ask for so the server presents this very key; otherwise a server with
     * several host keys could show one we did not pin and look "changed".
     */
    String algorithms() {
        return switch (type) {
            case "ssh-rsa" -> "rsa-sha2-512,rsa-sha2-256,ssh-rsa";
            default -> type;
        };
    }

    @Override public boolean equals(Object o) { return o instanceof HostKey k && k.type.equals(type) && Arrays.equals(k.blob, blob); }

    @Override public int hashCode() { return type.hashCode() * 31 + Arrays.hashCode(blob); }

    @Override public String toString() { return type + " " + fingerprint(); }
}
