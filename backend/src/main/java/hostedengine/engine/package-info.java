/**
 * The deployed self-hosted engine, through oVirt's {@code hosted-engine} command: running it
 * (argument lists, a timeout, output captured), reading {@code --vm-status --json} tolerantly,
 * polling it for every viewer at once, explaining each engine-status combination as the
 * guide's chapter 3 does, maintenance and engine VM start/shutdown, notification settings and
 * {@code ovirt-hosted-engine-cleanup}, all on the deployment host ({@code EngineHost}: this host's
 * {@code HostedEngineTool}, or the remote host's over SSH from {@code hostedengine.remote}).
 * What the tool really prints: HOSTED-ENGINE-CLI.md.
 * Knows nothing of HTTP.
 */
package hostedengine.engine;
