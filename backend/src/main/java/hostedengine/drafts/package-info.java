/**
 * Keeps each user's wizard answers between requests, tabs and restarts: non-secret
 * answers on disk (one JSON file per user, written atomically), secrets in memory only.
 * Knows nothing of HTTP.
 */
package hostedengine.drafts;
