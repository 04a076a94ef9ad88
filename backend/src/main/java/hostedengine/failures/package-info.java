/**
 * Failures explained: which known way of failing a deployment ended a run (the role's own
 * {@code fail} tasks and the common errors of the modules it calls), matched on the failing task
 * and its message, with the cause, the steps to fix it (message keys of {@code i18n/failures_*})
 * and the guide's sections. Knows the JDK and Jackson only: no runs, no HTTP.
 */
package hostedengine.failures;
