package hostedengine.engineapi;

/** A cluster a host can be added to. */
public record EngineCluster(String id, String name) {}
