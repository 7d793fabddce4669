package dev.millrace.runners.microbatch;

import java.util.TreeMap;

/** A multiset of watermark holds of one key partition, so the minimum is cheap to ask. */
final class HoldCounts {
  private final TreeMap<Long, Integer> counts = new TreeMap<>();

  void replace(Long oldHold, Long newHold) {
    if (oldHold != null) {
      counts.computeIfPresent(oldHold, (k, n) -> n == 1 ? null : n - 1);
    }
    if (newHold != null) {
      counts.merge(newHold, 1, Integer::sum);
    }
  }

  long minimum(long ifNone) {
    return counts.isEmpty() ? ifNone : counts.firstKey();
  }
}
