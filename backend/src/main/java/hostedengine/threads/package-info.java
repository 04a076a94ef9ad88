/**
 * How the server makes threads: named, daemon, blocking work on threads of its own. Knows the
 * JDK only; every package that runs something in the background uses it.
 */
package hostedengine.threads;
