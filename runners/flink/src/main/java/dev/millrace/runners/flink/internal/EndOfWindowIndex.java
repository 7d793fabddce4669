package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The timers of a grouping whose windows fire only at their end ({@link
 * GroupAlsoByWindow#firesOnlyAtEndOfWindow}) in STREAMING execution with real clocks: such a
 * grouping sets one event-time timer per window, always for the window's end, and never moves or
 * deletes it. So instead of one Flink timer per window (an entry in Flink's timer heap and in its
 * de-duplication map, polled one at a time), the operator keeps an index of its open windows by
 * firing time, each time's windows in the order they were opened, and fires a watermark's due
 * windows in one pass: in time order, and within a time in about the order their state was
 * created, which walks memory in order.
 *
 * <p>The index is not checkpointed: a window is open exactly while its buffer (its only state)
 * holds something, so after a restore the index is rebuilt from the keys and namespaces of the
 * buffer's state ({@link #rebuild}). Like Flink's timers, a due window fires before the operator
 * computes its output watermark, so a pending window is never behind the input watermark when the
 * output watermark is computed.
 *
 * <p>(BATCH execution keeps Flink timers, {@link EndOfWindowTimers}: there Flink fires a key's
 * timers when its input ends and keeps no other key's state.)
 */
final class EndOfWindowIndex extends WindowEndTimers {
  /** An open window of a key: the key and the window's namespace, as Flink state knows them. */
  private static class WindowOfKey {
    EncodedKey key;
    EncodedKey namespace;
    int hash;

    WindowOfKey set(EncodedKey key, EncodedKey namespace) {
      this.key = key;
      this.namespace = namespace;
      this.hash = 31 * key.hashCode() + namespace.hashCode();
      return this;
    }

    @Override
    public final boolean equals(Object o) {
      return o instanceof WindowOfKey w && w.hash == hash && w.key.equals(key)
          && w.namespace.equals(namespace);
    }

    @Override
    public final int hashCode() {
      return hash;
    }
  }

  private final Supplier<EncodedKey> currentKey;
  private final Function<StateNamespace, EncodedKey> encodedNamespace;
  private final Function<EncodedKey, StateNamespace> namespaceOf;
  /**
   * The open windows by the Flink time they fire at, each time's in the order they opened (a set
   * per time keeps each window's timer single: a small set, mostly in cache while its time's
   * windows get elements, where one set of all open windows would miss the cache on every call).
   */
  private final TreeMap<Long, LinkedHashSet<WindowOfKey>> byTime = new TreeMap<>();
  private final WindowOfKey probe = new WindowOfKey();
  /** The set of the time set last (elements of one time usually come together). */
  private long lastTime = Long.MIN_VALUE;
  private LinkedHashSet<WindowOfKey> lastSet;

  /**
   * @param currentKey the operator's current Flink key
   * @param encodedNamespace the encoding of a window namespace (as the state internals cache it)
   * @param namespaceOf the window namespace of an encoding (likewise)
   * @param clock a real clock (TestStream clocks use {@link FlinkTimers})
   * @param clocks reads the watermarks and processing time
   */
  EndOfWindowIndex(Supplier<EncodedKey> currentKey,
      Function<StateNamespace, EncodedKey> encodedNamespace,
      Function<EncodedKey, StateNamespace> namespaceOf, FlinkClock clock, TimerInternals clocks) {
    super(clock, clocks);
    this.currentKey = currentKey;
    this.encodedNamespace = encodedNamespace;
    this.namespaceOf = namespaceOf;
  }

  @Override
  public void setTimer(TimerData timer) {
    checkWindowTimer(timer);
    add(currentKey.get(), encodedNamespace.apply(timer.namespace()), timer.timestamp());
  }

  private void add(EncodedKey key, EncodedKey namespace, long timestamp) {
    long flinkTime = clock.register(TimeDomain.EVENT_TIME, timestamp).flinkTime();
    LinkedHashSet<WindowOfKey> windows = lastSet;
    if (flinkTime != lastTime || windows == null) {
      windows = byTime.computeIfAbsent(flinkTime, t -> new LinkedHashSet<>());
      lastTime = flinkTime;
      lastSet = windows;
    }
    if (!windows.contains(probe.set(key, namespace))) { // a window's one timer is for its end
      windows.add(new WindowOfKey().set(key, namespace));
    }
  }

  /**
   * Fires, in time order, every open window whose time the Flink watermark has reached: {@code
   * fire} gets the window's key and its due timer (and makes the key current itself). Windows
   * opened while firing wait for the next watermark.
   */
  void fireDue(long flinkWatermark, BiConsumer<EncodedKey, TimerData> fire) {
    NavigableMap<Long, LinkedHashSet<WindowOfKey>> due = byTime.headMap(flinkWatermark, true);
    if (due.isEmpty()) {
      return;
    }
    List<Map.Entry<Long, LinkedHashSet<WindowOfKey>>> batch = new ArrayList<>(due.entrySet());
    due.clear();
    lastSet = null; // a window set again while firing goes into a new set
    for (Map.Entry<Long, LinkedHashSet<WindowOfKey>> e : batch) {
      long timestamp = clock.timerTime(e.getKey());
      for (WindowOfKey w : e.getValue()) {
        fire.accept(w.key, TimerData.of(
            namespaceOf.apply(w.namespace), "end-of-window", TimeDomain.EVENT_TIME, timestamp));
      }
    }
  }


  /**
   * After a restore: indexes the open windows again, from the keys and namespaces that hold a
   * window buffer ({@code timeOf} gives a window's timer time, as the core sets it).
   */
  void rebuild(List<Tuple2<EncodedKey, EncodedKey>> buffers,
      Function<StateNamespace, Long> timeOf) {
    for (Tuple2<EncodedKey, EncodedKey> kn : buffers) {
      add(kn.f0, kn.f1, timeOf.apply(namespaceOf.apply(kn.f1)));
    }
  }

  /** How many windows are open (for tests). */
  int openWindows() {
    return byTime.values().stream().mapToInt(LinkedHashSet::size).sum();
  }
}
