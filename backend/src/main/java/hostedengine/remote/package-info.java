/**
 * Remote hypervisor hosts over SSH: what the administrator types ({@code RemoteHost}, checked
 * before any use), the host keys confirmed once and pinned in an OpenSSH {@code known_hosts}
 * file ({@code PinnedHostKeys}), our own SSH calls through JSch ({@code SshConnection}), the
 * inventory Ansible uses ({@code RemoteAnsibleTarget}), the server's choice of where to
 * deploy ({@code DeploymentTarget}), and the day-2 {@code hosted-engine} on that host
 * ({@code SshEngineHost}, chosen per call by {@code ChosenEngineHost}). Knows nothing of HTTP; never stores or logs a password.
 */
package hostedengine.remote;
