package dev.millrace.metrics;

import java.time.Instant;

/**
 * The latest value of a {@link Gauge} and when it was reported.
 *
 * @param value the value
 * @param timestamp when it was set
 */
public record GaugeResult(long value, Instant timestamp) {
  /** The later of the two. */
  public GaugeResult combine(GaugeResult o) {
    return o.timestamp.isAfter(timestamp) ? o : this;
  }
}
