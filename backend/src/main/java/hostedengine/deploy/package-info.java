/**
 * Owns runs: a run is one phase chain (Prepare VM, Finish, a discovery). It owns the run
 * directory and its fixed layout, starts Ansible detached (setsid + run-phase wrapper),
 * follows the event files, numbers and redacts events, publishes them to subscribers,
 * records the outcome, cancels, and finds unfinished runs again after a restart.
 * Knows Ansible only through {@code hostedengine.ansible}; knows nothing of HTTP.
 */
package hostedengine.deploy;
