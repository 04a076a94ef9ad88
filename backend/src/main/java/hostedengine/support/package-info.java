/**
 * What an administrator gathers when something went wrong: the tails of the deployment host's
 * logs that the guide's troubleshooting names ({@code HostLog}, read by {@code HostLogs} on this
 * host or over SFTP on the remote deployment host), and the support bundle ({@code SupportBundle},
 * a gzip'd tar written by {@code TarWriter} with the JDK only). Knows nothing of HTTP; every text
 * it copies passes the one redactor.
 */
package hostedengine.support;
