package hostedengine.web;

import hostedengine.backup.BackupOperations;
import hostedengine.backup.RestorePlans;
import hostedengine.engineops.EngineLogins;
import hostedengine.engineops.HostOperations;

/**
 * What the day-2 pages need of the deployed engine: the administrators' sessions with it (none
 * while nothing is deployed), the host operations, its backups (each started as a run), and
 * the plans to deploy a new engine from one of them.
 *
 * @param engineVersion the engine version a deployment installs, when known (the simulator's); null on a real host
 */
public record EngineHostsParts(EngineLogins logins, HostOperations operations, BackupOperations backups,
                               hostedengine.backup.EngineUpdates updates,
                               RestorePlans restores, String engineVersion) {}
