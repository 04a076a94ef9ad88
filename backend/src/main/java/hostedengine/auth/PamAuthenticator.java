package hostedengine.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jvnet.libpam.PAM;
import org.jvnet.libpam.PAMException;
import org.jvnet.libpam.UnixUser;

/**
 * Logs in system accounts through PAM with the service {@code --pam-service} (default
 * {@value #DEFAULT_SERVICE}, shipped as {@code packaging/pam/hosted-engine-wizard}).
 *
 * <p>When {@code /etc/pam.d/<service>} is missing we deliberately do not substitute
 * {@code login}, {@code passwd} or {@code sshd}: those stacks carry session, tty and
 * password-change rules meant for other programs. Linux-PAM itself then uses
 * {@code /etc/pam.d/other}: on Debian that is common-auth/common-account (logins work), on
 * EL it is {@code pam_deny} (every login is refused, safely). {@link #serviceInstalled()}
 * lets the server say so at start; the single-use console link works either way.
 *
 * <p>libpam4j runs {@code pam_authenticate}, {@code pam_setcred} and {@code pam_acct_mgmt},
 * so expired and locked accounts are refused too. A PAM handle is not thread-safe: each
 * attempt gets its own. pam_unix's own ~2 s delay after a failure blocks that one request.
 */
public final class PamAuthenticator implements Authenticator {
    public static final String DEFAULT_SERVICE = "hosted-engine-wizard";
    /** POSIX portable user names plus what useradd accepts in practice (dots, a trailing $). */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}\\$?");

    private final String service;

    public PamAuthenticator(String service) {
        if (!service.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("bad PAM service name: " + service);
        this.service = service;
    }

    public String service() { return service; }

    /** Whether {@code /etc/pam.d/<service>} exists; without it PAM uses {@code other}. */
    public boolean serviceInstalled() { return Files.isRegularFile(Path.of("/etc/pam.d", service)); }

    @Override
    public Optional<User> authenticate(String name, String password) throws Unavailable {
        if (name == null || password == null || !USER_NAME.matcher(name).matches() || password.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        PAM pam;
        try {
            pam = new PAM(service);
        } catch (PAMException | LinkageError e) {
            throw new Unavailable("PAM cannot start the service '" + service + "': " + e.getMessage(), e);
        }
        try {
            return Optional.of(toUser(pam.authenticate(name, password)));
        } catch (PAMException refused) {
            return Optional.empty();
        } finally {
            pam.dispose();
        }
    }

    @Override
    public Optional<User> lookup(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) return Optional.empty();
        try {
            return Optional.of(toUser(new UnixUser(name)));
        } catch (PAMException | LinkageError noSuchUser) {
            return Optional.empty();
        }
    }

    private static User toUser(UnixUser u) {
        return new User(u.getUserName(), u.getUID(), new HashSet<>(u.getGroups()));
    }
}
