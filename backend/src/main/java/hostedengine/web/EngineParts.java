package hostedengine.web;

import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineHost;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;

/**
 * What the status page, maintenance and the landing page need: this host's {@code hosted-engine}
 * tool (on a host, or the simulator's copy), the one shared status poller, the actions and
 * where the first page leads, the cleanup of a failed deployment and the notification settings,
 * and the host they act on ({@code deploymentHost}: this one, or the remote host chosen on the
 * host page, asked at each call; the pages name it).
 */
public record EngineParts(HostedEngineTool tool, EngineStatePoller poller, Maintenance maintenance, Landing landing,
                          Cleanup cleanup, Notifications notifications, EngineHost deploymentHost) {
    /** Every action on this host. */
    public EngineParts(HostedEngineTool tool, EngineStatePoller poller, Maintenance maintenance, Landing landing,
                       Cleanup cleanup, Notifications notifications) {
        this(tool, poller, maintenance, landing, cleanup, notifications, tool);
    }
}
