/**
 * The product's words in English and Japanese (the frontend jar's bundles), for the pages and the
 * command line alike. Knows the JDK only.
 */
package hostedengine.messages;
