/**
 * <b>Test double</b> of the oVirt engine, for simulation and tests only: an HTTPS server on
 * loopback that answers the part of the engine's REST API the product uses (SSO, the API root,
 * clusters, hosts and their states over time, host actions, events, faults) as the real engine
 * does (docs/engine.md). A simulated deployment leaves it behind, as a real one leaves an engine.
 * May know: {@code files}, {@code threads}. Never imported by the product's client code.
 */
package hostedengine.enginedouble;
