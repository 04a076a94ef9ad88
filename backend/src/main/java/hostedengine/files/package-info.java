/**
 * Writing the state directory's files: atomically, privately, and named without user text.
 * Knows the JDK only; every package that keeps state may use it.
 */
package hostedengine.files;
