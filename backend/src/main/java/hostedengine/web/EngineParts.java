package hostedengine.web;

import hostedengine.engine.Cleanup;
import hostedengine.engine.EngineStatePoller;
import hostedengine.engine.HostedEngineTool;
import hostedengine.engine.Landing;
import hostedengine.engine.Maintenance;
import hostedengine.engine.Notifications;

/**
 * What the status page, maintenance and the landing page need: the {@code hosted-engine}
 * tool (on a host, or the simulator's copy), the one shared status poller, the actions and
 * where the first page leads, the cleanup of a failed deployment and the notification settings.
 */
public record EngineParts(HostedEngineTool tool, EngineStatePoller poller, Maintenance maintenance, Landing landing,
                          Cleanup cleanup, Notifications notifications) {}
