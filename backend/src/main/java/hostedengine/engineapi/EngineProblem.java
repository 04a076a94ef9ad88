package hostedengine.engineapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the engine could not do what was asked, in kinds a page words for the administrator, with
 * the engine's own message where it gave one (its fault detail, brackets removed).
 */
public final class EngineProblem extends Exception {
    /** What went wrong, as the administrator must act on it. */
    public enum Kind {
        /** Nothing answers at the engine's address (the engine VM down, a wrong address, a firewall). */
        UNREACHABLE,
        /** Something answers that is not the engine's API (a proxy's page, the engine still starting). */
        NOT_AN_ENGINE,
        /** The engine's certificate is not signed by the CA this host trusts, or names another host. */
        UNTRUSTED,
        /** admin@internal's password was refused. */
        WRONG_PASSWORD,
        /** The engine refused the request, with its reason. */
        REFUSED,
        /** The object asked for no longer exists in the engine. */
        NOT_FOUND
    }

    private static final Pattern FAULT = Pattern.compile("Fault reason is \"(.*?)\"\\. Fault detail is \"(.*?)\"\\.");
    private static final Pattern CODE = Pattern.compile("HTTP response code is \"(\\d+)\"");
    private final Kind kind;
    private final String engineMessage;
    private final int httpStatus;

    EngineProblem(Kind kind, String engineMessage, int httpStatus, Throwable cause) {
        super(kind + (engineMessage == null ? "" : ": " + engineMessage), cause);
        this.kind = kind;
        this.engineMessage = engineMessage;
        this.httpStatus = httpStatus;
    }

    public Kind kind() { return kind; }

    /** The engine's own words (a fault's detail without its brackets, or its reason), when it gave any. */
    public Optional<String> engineMessage() { return Optional.ofNullable(engineMessage); }

    /** The HTTP status of the engine's answer, 0 when there was none. */
    public int httpStatus() { return httpStatus; }

    /** The SDK's error (it throws one type for everything, ENGINE-API.md §6) as a kind. */
    static EngineProblem of(RuntimeException e) {
        String all = messages(e);
        Matcher code = CODE.matcher(all);
        int status = code.find() ? Integer.parseInt(code.group(1)) : 0;
        Matcher fault = FAULT.matcher(all);
        if (fault.find()) {
            String detail = fault.group(2).strip();
            if (detail.startsWith("[") && detail.endsWith("]")) detail = detail.substring(1, detail.length() - 1);
            return new EngineProblem(Kind.REFUSED, detail.isEmpty() ? fault.group(1) : detail, status, e);
        }
        if (status == 404) return new EngineProblem(Kind.NOT_FOUND, null, status, e);
        if (all.contains("access_denied")) return new EngineProblem(Kind.WRONG_PASSWORD, null, 400, e);
        if (has(e, javax.net.ssl.SSLException.class) || all.contains("PKIX") || all.contains("doesn't match any of the subject")) {
            return new EngineProblem(Kind.UNTRUSTED, null, 0, e);
        }
        if (has(e, java.net.ConnectException.class) || has(e, java.net.UnknownHostException.class)
                || has(e, java.net.SocketTimeoutException.class) || has(e, java.net.NoRouteToHostException.class)) {
            return new EngineProblem(Kind.UNREACHABLE, null, 0, e);
        }
        if (status >= 400) return new EngineProblem(Kind.REFUSED, null, status, e);
        return new EngineProblem(Kind.NOT_AN_ENGINE, null, status, e);
    }

    private static String messages(Throwable e) {
        var out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) out.append(t.getMessage()).append('\n');
        return out.toString();
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }
}
