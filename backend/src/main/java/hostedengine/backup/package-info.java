/**
 * Engine backups: the archives engine-backup makes, kept on the deployment host; knows nothing of HTTP.
 */
package hostedengine.backup;
