package dev.millrace.transforms.state;

import dev.millrace.values.TimestampedValue;
import java.time.Instant;

/**
 * A list of timestamped values kept sorted by timestamp (values with equal timestamps stay in
 * insertion order). Useful to buffer out-of-order events and process them in event-time order from
 * a timer. Ranges are half-open: {@code [minTimestamp, limitTimestamp)}.
 *
 * @param <T> the element type
 */
public interface OrderedListState<T>
    extends GroupingState<TimestampedValue<T>, Iterable<TimestampedValue<T>>> {
  /** The values with {@code minTimestamp <= timestamp < limitTimestamp}, in timestamp order. */
  Iterable<TimestampedValue<T>> readRange(Instant minTimestamp, Instant limitTimestamp);

  /** Removes the values with {@code minTimestamp <= timestamp < limitTimestamp}. */
  void clearRange(Instant minTimestamp, Instant limitTimestamp);

  @Override
  default OrderedListState<T> readLater() {
    return this;
  }
}
