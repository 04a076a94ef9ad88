package hostedengine.auth;

/**
 * What a logged-in user may do. Everyone who can log in may look (the wizard, reviews,
 * run logs, engine health); only root and members of {@code wheel} may change the host:
 * deploy, cancel, clean up, or change maintenance mode. This mirrors who may become root
 * with sudo on EL hosts, as Cockpit's "administrative access" does.
 */
public enum Permission {
    /** Read anything, fill in and save one's own draft. */
    VIEW,
    /** Change the host: deploy, cancel, clean up, maintenance. */
    OPERATE;

    public static final String OPERATORS_GROUP = "wheel";

    public boolean grantedTo(User user) {
        return this == VIEW || mayOperate(user);
    }

    public static boolean mayOperate(User user) {
        return user != null && (user.isRoot() || user.groups().contains(OPERATORS_GROUP));
    }
}
