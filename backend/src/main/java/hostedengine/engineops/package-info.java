/**
 * Day-2 work through the deployed engine's API as runs: each step of an {@code ADD_HOST},
 * {@code REINSTALL_HOST}, {@code REMOVE_HOST}, {@code FORCE_REMOVE_HOST} or {@code UPGRADE_HOSTS} run is one engine task,
 * started by the run core like a playbook (same wrapper, run directory, events file, cancel and
 * recovery) but run by {@link hostedengine.engineops.EngineTaskMain} in a JVM of its own, through
 * the engine's Java SDK ({@code hostedengine.engineapi}). The engine's events for the host become
 * the run's log lines; the host's states its progress. Knows nothing of HTTP or of Ansible.
 */
package hostedengine.engineops;
