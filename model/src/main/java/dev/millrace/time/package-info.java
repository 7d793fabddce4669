/**
 * Processing time: the {@link dev.millrace.time.Clock} abstraction that runners and
 * rate-limited sources read the current time through, with the wall clock ({@link
 * dev.millrace.time.Clock#system()}) for production and {@link dev.millrace.time.ManualClock} for
 * deterministic tests.
 */
package dev.millrace.time;
