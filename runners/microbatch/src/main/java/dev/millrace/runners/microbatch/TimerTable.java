package dev.millrace.runners.microbatch;

import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pending timers of one key partition of a grouping, by (structural) key. Like the in-memory
 * timer queue of the windowing core, but it can list every pending timer for a checkpoint. Timers
 * are identified by key, namespace, id and domain; due timers come out in timestamp order, ties
 * in the order they were set. Not thread-safe: one task at a time uses a partition.
 */
final class TimerTable {
  private record Id(Object key, StateNamespace namespace, String timerId, TimeDomain domain) {}

  /** A pending timer of a key. */
  record Entry(Object key, TimerData timer, long seq) {}

  private static final Comparator<Entry> ORDER =
      Comparator.<Entry>comparingLong(e -> e.timer().timestamp()).thenComparingLong(Entry::seq);

  private final Map<Id, Entry> byId = new HashMap<>();
  private final Map<Object, Integer> perKey = new HashMap<>();
  private final Map<TimeDomain, TreeSet<Entry>> queues = new EnumMap<>(TimeDomain.class);
  private long nextSeq;

  TimerTable() {
    for (TimeDomain d : TimeDomain.values()) {
      queues.put(d, new TreeSet<>(ORDER));
    }
  }

  void set(Object key, TimerData timer) {
    delete(key, timer.namespace(), timer.timerId(), timer.domain());
    Entry e = new Entry(key, timer, nextSeq++);
    byId.put(new Id(key, timer.namespace(), timer.timerId(), timer.domain()), e);
    queues.get(timer.domain()).add(e);
    perKey.merge(key, 1, Integer::sum);
  }

  void delete(Object key, StateNamespace namespace, String timerId, TimeDomain domain) {
    Entry old = byId.remove(new Id(key, namespace, timerId, domain));
    if (old != null) {
      queues.get(domain).remove(old);
      forgetOne(key);
    }
  }

  private void forgetOne(Object key) {
    perKey.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
  }

  /** Whether the key has any pending timer. */
  boolean hasTimers(Object key) {
    return perKey.containsKey(key);
  }

  /** Removes and returns the timers of the domain strictly before {@code clock}, in order. */
  List<Entry> removeDue(TimeDomain domain, long clock) {
    List<Entry> due = new ArrayList<>();
    TreeSet<Entry> queue = queues.get(domain);
    while (!queue.isEmpty() && queue.first().timer().timestamp() < clock) {
      Entry e = queue.pollFirst();
      TimerData t = e.timer();
      byId.remove(new Id(e.key(), t.namespace(), t.timerId(), t.domain()));
      forgetOne(e.key());
      due.add(e);
    }
    return due;
  }

  long earliest(TimeDomain domain) {
    TreeSet<Entry> queue = queues.get(domain);
    return queue.isEmpty() ? Timestamps.MAX : queue.first().timer().timestamp();
  }

  /** Every pending timer in firing order per domain (event time first), for checkpoints. */
  List<Entry> all() {
    List<Entry> out = new ArrayList<>();
    for (TreeSet<Entry> q : queues.values()) {
      out.addAll(q);
    }
    return out;
  }

  void clear() {
    byId.clear();
    perKey.clear();
    queues.values().forEach(TreeSet::clear);
  }

  /** The timer view of one key: timers go to this table, clocks come from {@code clock}. */
  TimerInternals forKey(Object key, InMemoryClock clock) {
    return new TimerInternals() {
      @Override
      public void setTimer(TimerData timer) {
        set(key, timer);
      }

      @Override
      public void deleteTimer(StateNamespace namespace, String timerId, TimeDomain domain) {
        delete(key, namespace, timerId, domain);
      }

      @Override
      public long currentInputWatermark() {
        return clock.inputWatermark();
      }

      @Override
      public long currentOutputWatermark() {
        return clock.outputWatermark();
      }

      @Override
      public long currentProcessingTime() {
        return clock.processingTime();
      }
    };
  }
}
