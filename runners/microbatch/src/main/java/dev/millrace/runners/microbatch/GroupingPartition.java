package dev.millrace.runners.microbatch;

import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import java.util.HashMap;
import java.util.Map;

/**
 * One key partition of a grouping: the state and timers of its keys, and its clocks. Processed
 * by one task at a time (at most one per batch).
 */
final class GroupingPartition {
  /** The user's key of each structural key seen. */
  final Map<Object, Object> keys = new HashMap<>();
  final Map<Object, KeyState> states = new HashMap<>();
  final HoldCounts holds = new HoldCounts();
  final TimerTable timers = new TimerTable();
  InMemoryClock clock;

  KeyState state(Object structuralKey) {
    return states.computeIfAbsent(structuralKey, k -> new KeyState(holds));
  }

  /** Forgets a key whose state is empty and which has no timers left pending. */
  void releaseIfEmpty(Object structuralKey) {
    KeyState s = states.get(structuralKey);
    if (s != null && s.isEmpty()) {
      states.remove(structuralKey);
    }
  }

  /**
   * Beam's rule: the output watermark is the minimum of the input watermark, the holds and the
   * pending event-time timers, never moving back.
   */
  void refreshOutputWatermark() {
    clock.refreshOutputWatermark(
        holds.minimum(dev.millrace.windowing.Timestamps.MAX), timers.earliest(TimeDomain.EVENT_TIME));
  }

  void clear() {
    keys.clear();
    states.values().forEach(KeyState::clear);
    states.clear();
    timers.clear();
    clock = null;
  }
}
