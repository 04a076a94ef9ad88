/**
 * The deployed engine, reached over its REST API with the engine's own Java SDK: a session for
 * one administrator (SSO token in memory, revoked at close), the hosts, clusters and events the
 * day-2 pages need, and every failure as an {@link hostedengine.engineapi.EngineProblem} a page
 * can word. May know: {@code files}. Knows nothing of the web, the runs or the engine double.
 */
package hostedengine.engineapi;
