/**
 * Knows Ansible: builds the {@code ansible-playbook} argument list, writes the variable
 * files (every user string marked unsafe), hands secrets over through a short-lived FIFO,
 * reads the event lines our callback writes, names exit codes, and masks secrets.
 * Knows nothing of HTTP, runs or phases.
 */
package hostedengine.ansible;
