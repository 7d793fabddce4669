package dev.millrace.values;

import java.io.Serializable;
import java.time.Instant;

/**
 * A value with an event timestamp, as given to {@code Create.timestamped(...)} and
 * {@code TestStream}.
 *
 * @param value the value
 * @param timestamp its event time
 * @param <T> the value type
 */
public record TimestampedValue<T>(T value, Instant timestamp) implements Serializable {
  /** A value at the given timestamp. */
  public static <T> TimestampedValue<T> of(T value, Instant timestamp) {
    return new TimestampedValue<>(value, timestamp);
  }

  public T getValue() {
    return value;
  }

  public Instant getTimestamp() {
    return timestamp;
  }
}
