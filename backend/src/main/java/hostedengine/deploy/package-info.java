/**
 * Owns runs: every playbook the product runs is a run of one kind ({@code Phase}: Prepare VM,
 * Finish, a discovery, host facts, a name check). It owns the run directory and its fixed
 * layout, is the one place that starts Ansible (detached: setsid + run-phase wrapper),
 * follows the event files, numbers and redacts events, publishes them to subscribers,
 * records the outcome, hands ended runs' events to callers, keeps only the last read-only
 * runs, cancels, and finds unfinished runs again after a restart.
 * Knows Ansible only through {@code hostedengine.ansible}; knows nothing of HTTP.
 */
package hostedengine.deploy;
