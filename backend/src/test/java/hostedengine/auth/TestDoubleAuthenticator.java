package hostedengine.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST DOUBLE, test sources only: an {@link Authenticator} with a fixed list of accounts,
 * so HTTP tests log in without PAM. The product has no such back door; the real PAM
 * login is tested in {@code PamLoginTest}.
 */
public final class TestDoubleAuthenticator implements Authenticator {
    public static final String OPERATOR = "admin";
    public static final String VIEWER = "viewer";
    public static final String PASSWORD = "Test-Password-1";

    private record Account(String password, User user) {}

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /** {@value #OPERATOR} (in wheel) and {@value #VIEWER} (not), both with {@value #PASSWORD}. */
    public static TestDoubleAuthenticator withOperatorAndViewer() {
        return new TestDoubleAuthenticator()
                .with(OPERATOR, PASSWORD, new User(OPERATOR, 1000, Set.of(OPERATOR, "wheel")))
                .with(VIEWER, PASSWORD, new User(VIEWER, 1001, Set.of(VIEWER)));
    }

    public TestDoubleAuthenticator with(String name, String password, User user) {
        accounts.put(name, new Account(password, user));
        return this;
    }

    @Override
    public Optional<User> authenticate(String name, String password) {
        Account a = name == null ? null : accounts.get(name);
        return a != null && a.password().equals(password) ? Optional.of(a.user()) : Optional.empty();
    }

    @Override
    public Optional<User> lookup(String name) {
        return Optional.ofNullable(name == null ? null : accounts.get(name)).map(Account::user);
    }
}
