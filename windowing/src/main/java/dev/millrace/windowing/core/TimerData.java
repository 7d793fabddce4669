package dev.millrace.windowing.core;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * A timer of one key: it fires once the clock of its {@code domain} is strictly past
 * {@code timestamp}. A timer is identified by its namespace, id and domain; setting a timer with
 * the same identity replaces the previous one.
 *
 * @param namespace the namespace (usually a window) the timer belongs to
 * @param timerId the id of the timer within its namespace and domain
 * @param domain the clock the timer is set against
 * @param timestamp the time (epoch millis) the timer is set for
 * @param outputTimestamp the timestamp outputs produced by the timer get; it holds the output
 *     watermark while the timer is pending (equal to {@code timestamp} for the grouping's timers)
 */
public record TimerData(
    StateNamespace namespace, String timerId, TimeDomain domain, long timestamp, long outputTimestamp)
    implements Serializable {

  /** Validates the components. */
  public TimerData {
    Preconditions.checkNotNull(namespace, "a timer needs a namespace");
    Preconditions.checkArgument(timerId != null && !timerId.isEmpty(), "a timer needs an id");
    Preconditions.checkNotNull(domain, "a timer needs a time domain");
  }

  /** A timer whose output timestamp is its timestamp. */
  public static TimerData of(
      StateNamespace namespace, String timerId, TimeDomain domain, long timestamp) {
    return new TimerData(namespace, timerId, domain, timestamp, timestamp);
  }
}
