package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.Timestamps;
import java.util.TreeMap;

/**
 * A multiset of timestamps with a fast minimum: the watermark holds, or the pending event-time
 * timers, of every key of one operator instance, which bound its output watermark.
 */
final class TimestampMultiset {
  private final TreeMap<Long, Integer> counts = new TreeMap<>();

  void add(long t) {
    counts.merge(t, 1, Integer::sum);
  }

  void remove(long t) {
    counts.computeIfPresent(t, (k, n) -> n == 1 ? null : n - 1);
  }

  /** Replaces {@code old} (if not null) by {@code now} (if not null). */
  void replace(Long old, Long now) {
    if (old != null) {
      remove(old);
    }
    if (now != null) {
      add(now);
    }
  }

  /** The smallest timestamp, or {@link Timestamps#MAX} when empty. */
  long min() {
    return counts.isEmpty() ? Timestamps.MAX : counts.firstKey();
  }
}
