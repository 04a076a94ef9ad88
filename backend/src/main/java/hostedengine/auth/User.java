package hostedengine.auth;

import java.util.Set;

/**
 * A system account that has logged in.
 *
 * @param name   the login name, as the system knows it
 * @param uid    the numeric user id (0 is root)
 * @param groups the names of every group the account belongs to, primary included
 */
public record User(String name, int uid, Set<String> groups) {
    public User {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a user needs a name");
        groups = Set.copyOf(groups);
    }

    public boolean isRoot() { return uid == 0; }
}
