package dev.millrace.windowing.core.inmemory;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pending timers of every key of a computation, in memory. Timers are identified by key,
 * namespace, id and domain (setting one again replaces it). {@link #removeDue} hands out the
 * timers whose time has strictly passed, in timestamp order (ties in the order they were set).
 * Thread-safe.
 *
 * @param <K> the key type (must implement equals and hashCode)
 */
public final class InMemoryTimerQueue<K> {
  private record Id<K>(K key, StateNamespace namespace, String timerId, TimeDomain domain) {}

  private record Entry<K>(KeyedTimer<K> timer, long seq) {}

  private static final Comparator<Entry<?>> ORDER =
      Comparator.<Entry<?>>comparingLong(e -> e.timer().timer().timestamp())
          .thenComparingLong(Entry::seq);

  private final Map<Id<K>, Entry<K>> byId = new HashMap<>();
  private final Map<TimeDomain, TreeSet<Entry<K>>> queues = new EnumMap<>(TimeDomain.class);
  private long nextSeq;

  /** An empty queue. */
  public InMemoryTimerQueue() {
    for (TimeDomain d : TimeDomain.values()) {
      queues.put(d, new TreeSet<>(ORDER));
    }
  }

  /** Sets {@code timer} for {@code key}, replacing a timer with the same identity. */
  public synchronized void set(K key, TimerData timer) {
    Preconditions.checkNotNull(timer, "timer");
    delete(key, timer.namespace(), timer.timerId(), timer.domain());
    Entry<K> e = new Entry<>(new KeyedTimer<>(key, timer), nextSeq++);
    byId.put(new Id<>(key, timer.namespace(), timer.timerId(), timer.domain()), e);
    queues.get(timer.domain()).add(e);
  }

  /** Deletes the timer with this identity, if set. */
  public synchronized void delete(K key, StateNamespace namespace, String timerId, TimeDomain d) {
    Entry<K> old = byId.remove(new Id<>(key, namespace, timerId, d));
    if (old != null) {
      queues.get(d).remove(old);
    }
  }

  /**
   * Removes and returns every timer of {@code domain} whose timestamp is strictly before
   * {@code clock}, in timestamp order.
   */
  public synchronized List<KeyedTimer<K>> removeDue(TimeDomain domain, long clock) {
    List<KeyedTimer<K>> due = new ArrayList<>();
    TreeSet<Entry<K>> queue = queues.get(domain);
    while (!queue.isEmpty() && queue.first().timer().timer().timestamp() < clock) {
      Entry<K> e = queue.pollFirst();
      TimerData t = e.timer().timer();
      byId.remove(new Id<>(e.timer().key(), t.namespace(), t.timerId(), t.domain()));
      due.add(e.timer());
    }
    return due;
  }

  /** The earliest pending timestamp of {@code domain}, or {@link Timestamps#MAX} if none. */
  public synchronized long earliest(TimeDomain domain) {
    TreeSet<Entry<K>> queue = queues.get(domain);
    return queue.isEmpty() ? Timestamps.MAX : queue.first().timer().timer().timestamp();
  }

  /** The smallest output timestamp of the pending event-time timers, or MAX if none. */
  public synchronized long earliestEventTimeOutput() {
    long min = Timestamps.MAX;
    for (Entry<K> e : queues.get(TimeDomain.EVENT_TIME)) {
      min = Math.min(min, e.timer().timer().outputTimestamp());
    }
    return min;
  }

  /** The number of pending timers. */
  public synchronized int size() {
    return byId.size();
  }

  /** Whether no timer is pending. */
  public synchronized boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The pending timers of {@code key} (a snapshot, for tests and debugging). */
  public synchronized List<TimerData> timersOf(K key) {
    List<TimerData> result = new ArrayList<>();
    for (Map.Entry<Id<K>, Entry<K>> e : byId.entrySet()) {
      if (e.getKey().key().equals(key)) {
        result.add(e.getValue().timer().timer());
      }
    }
    return result;
  }

  /** The {@link TimerInternals} of {@code key}: timers go to this queue, clocks come from {@code clock}. */
  public TimerInternals forKey(K key, InMemoryClock clock) {
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
