package hostedengine.web;

import hostedengine.engineops.EngineLogins;
import hostedengine.engineops.HostOperations;

/**
 * What the engine's hosts page needs: the administrators' sessions with the deployed engine
 * (none while nothing is deployed) and the day-2 host operations, each started as a run.
 */
public record EngineHostsParts(EngineLogins logins, HostOperations operations) {}
