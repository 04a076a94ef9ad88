package hostedengine.deploy;

/**
 * Who a run (and a draft) belongs to, as it is stored: {@code user:<name>} for a person, logged
 * in to the page or at the console, {@code server:<duty>} for the server's own runs (host facts,
 * name checks). Made here only, so the two kinds can never be confused.
 */
public final class Owner {
    private Owner() {}

    /** A person: the login name of the page's session, or of the console's user. */
    public static String user(String name) { return "user:" + name; }

    /** One of the server's own duties. */
    public static String server(String duty) { return "server:" + duty; }
}
