/**
 * The pre-flight checks before Prepare VM, from the guide's prerequisites (ch. 2) and
 * troubleshooting (ch. 3): each check's pass / warning / failure decided by pure functions
 * ({@link hostedengine.preflight.Preflight}) from inputs gathered elsewhere
 * ({@link hostedengine.preflight.PreflightInputs}). Knows nothing of HTTP or Ansible.
 */
package hostedengine.preflight;
