package hostedengine.engineapi;

import java.time.Instant;

/** One entry of the engine's audit log, as the Administration Portal shows it. */
public record EngineEvent(long id, int code, String severity, Instant time, String description, String hostId) {}
