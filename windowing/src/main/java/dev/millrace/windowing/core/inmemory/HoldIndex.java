package dev.millrace.windowing.core.inmemory;

import java.util.TreeMap;

/** A multiset of watermark-hold timestamps, so the minimum over many keys is O(log n). */
final class HoldIndex {
  private final TreeMap<Long, Integer> counts = new TreeMap<>();

  synchronized void replace(Long oldHold, Long newHold) {
    if (oldHold != null) {
      counts.computeIfPresent(oldHold, (k, n) -> n == 1 ? null : n - 1);
    }
    if (newHold != null) {
      counts.merge(newHold, 1, Integer::sum);
    }
  }

  synchronized long minimum(long ifNone) {
    return counts.isEmpty() ? ifNone : counts.firstKey();
  }
}
