package hostedengine.support;

import java.util.Optional;

/**
 * The logs the guide's troubleshooting (3.1) sends the administrator to, a closed list: a page
 * names a log by {@link #id()}, never by path. Each is either a fixed file, the newest
 * {@code *.log} of a directory (the setup logs), or a fixed file inside the newest
 * {@code engine-logs-*} directory, where the role's {@code fetch_engine_logs.yml} copies the
 * engine VM's {@code /var/log} after a failure.
 */
public enum HostLog {
    AGENT("agent", "/var/log/ovirt-hosted-engine-ha/agent.log", null, null, true),
    BROKER("broker", "/var/log/ovirt-hosted-engine-ha/broker.log", null, null, true),
    VDSM("vdsm", "/var/log/vdsm/vdsm.log", null, null, false),
    SETUP("setup", HostLog.SETUP_DIR, "", null, false),
    ENGINE("engine", HostLog.SETUP_DIR, "engine-logs-", "log/ovirt-engine/engine.log", false);

    static final String SETUP_DIR = "/var/log/ovirt-hosted-engine-setup";

    private final String id;
    private final String path;
    private final String newestPrefix;
    private final String inside;
    private final boolean followable;

    HostLog(String id, String path, String newestPrefix, String inside, boolean followable) {
        this.id = id;
        this.path = path;
        this.newestPrefix = newestPrefix;
        this.inside = inside;
        this.followable = followable;
    }

    public String id() { return id; }

    /** The file, or the directory whose newest entry is meant. */
    public String path() { return path; }

    /** The agent's and broker's logs can be followed live. */
    public boolean followable() { return followable; }

    /** For the setup logs: the newest {@code *.log} file of {@link #path()}. */
    boolean newestLogFile() { return "".equals(newestPrefix); }

    /** For the engine's logs: the newest directory of {@link #path()} with this prefix. */
    Optional<String> newestDirectoryPrefix() {
        return newestPrefix == null || newestPrefix.isEmpty() ? Optional.empty() : Optional.of(newestPrefix);
    }

    /** The file inside the newest directory. */
    String inside() { return inside; }

    /** What the page shows as where the log is (a pattern for the setup and engine logs). */
    public String describedPath() {
        if (newestLogFile()) return path + "/*.log";
        return newestDirectoryPrefix().map(p -> path + "/" + p + "*/" + inside).orElse(path);
    }

    public static Optional<HostLog> byId(String id) {
        for (HostLog log : values()) if (log.id.equals(id)) return Optional.of(log);
        return Optional.empty();
    }
}
