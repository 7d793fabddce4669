package dev.millrace.windowing;

import java.time.Instant;

/**
 * A window of event time: a bounded slice that elements are grouped by. Every window has a maximum
 * timestamp; once the watermark passes it, the window is complete (modulo allowed lateness).
 *
 * <p>Windows are values: implementations must be immutable and implement {@code equals} and
 * {@code hashCode}, because runners use them as keys of state.
 */
public interface BoundedWindow {
  /** The largest timestamp, in epoch millis, that can fall in this window. */
  long maxTimestampMillis();

  /** The largest timestamp that can fall in this window. */
  default Instant maxTimestamp() {
    return Instant.ofEpochMilli(maxTimestampMillis());
  }
}
