/**
 * The answers, their defaults from the host's facts, the rules (FIELDS.md), drafts'
 * content and the answer-file formats. Pure Java: no I/O, no HTTP, nothing but the JDK,
 * so every rule is unit-tested alone and the browser sees the same messages.
 */
package hostedengine.wizard;
