package hostedengine.engineapi;

/**
 * A host as the engine reports it (with all_content, so the hosted-engine part is there).
 *
 * @param status           the engine's host status, lower case ({@code up}, {@code installing}, …)
 * @param hostedEngine     the host is configured to run the engine VM
 * @param score            its hosted-engine score (3400 when healthy), 0 when not a hosted-engine host
 * @param localMaintenance its hosted-engine local maintenance
 */
public record EngineHost(String id, String name, String address, String status, String clusterId,
                         boolean hostedEngine, int score, boolean localMaintenance, boolean updateAvailable) {}
