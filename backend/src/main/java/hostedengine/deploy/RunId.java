package hostedengine.deploy;

import java.util.regex.Pattern;

/**
 * What a run's id may look like: the time it was made, its phase and a random part, in letters,
 * digits and dashes ({@link Runs}). Anything else that arrives as an id (a URL, the command
 * line) names no run and never reaches a path.
 */
public final class RunId {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private RunId() {}

    public static boolean isWellFormed(String id) { return id != null && FORM.matcher(id).matches(); }
}
