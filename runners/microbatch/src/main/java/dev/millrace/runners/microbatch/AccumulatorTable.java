package dev.millrace.runners.microbatch;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per key (by structural value) and window, a combiner's accumulator and the pane's output
 * timestamp so far: the pre-combining table of one batch task and the persistent table of one key
 * partition of a {@link LiftedCombine}. A key remembers the window it used last, so input in
 * timestamp order finds its window without a second hash look-up. Not thread-safe.
 */
final class AccumulatorTable {
  /** One key and window: the accumulator and the combined output timestamp. */
  static final class Slot {
    final Object structuralKey;
    final Object key;
    final BoundedWindow window;
    /** Null until the caller stores the first accumulator ({@link #fresh} is true until then). */
    Object accumulator;
    boolean fresh = true;
    long timestamp;

    Slot(Object structuralKey, Object key, BoundedWindow window, long timestamp) {
      this.structuralKey = structuralKey;
      this.key = key;
      this.window = window;
      this.timestamp = timestamp;
    }
  }

  /** One key's slots: the last one used, and all of them once there is more than one. */
  private static final class Entry {
    Slot recent;
    Map<BoundedWindow, Slot> all;
  }

  private final HashMap<Object, Entry> entries = new HashMap<>();
  private final TimestampCombiner combiner;
  private final WindowFn<BoundedWindow> windowFn;
  private int slots;

  @SuppressWarnings("unchecked")
  AccumulatorTable(TimestampCombiner combiner, WindowFn<?> windowFn) {
    this.combiner = combiner;
    this.windowFn = (WindowFn<BoundedWindow>) windowFn;
  }

  /**
   * The output timestamp an input at {@code timestamp} contributes to {@code window}, as the
   * windowing core's watermark holds compute it.
   */
  long outputTime(BoundedWindow window, long timestamp) {
    return combiner.assign(window, windowFn.assignOutputTime(timestamp, window));
  }

  /**
   * The slot of the key and window, combining {@code outputTime} (already {@linkplain #outputTime
   * assigned}) into its timestamp; a new slot is {@link Slot#fresh}.
   */
  Slot slot(Object structuralKey, Object key, BoundedWindow window, long outputTime) {
    Entry e = entries.get(structuralKey);
    if (e == null) {
      e = new Entry();
      entries.put(structuralKey, e);
    }
    Slot s = e.recent;
    if (s == null) {
      return e.recent = newSlot(structuralKey, key, window, outputTime);
    }
    if (s.window != window && !s.window.equals(window)) {
      if (e.all == null) {
        e.all = new HashMap<>(4);
        e.all.put(s.window, s);
      }
      s = e.all.get(window);
      if (s == null) {
        s = newSlot(structuralKey, key, window, outputTime);
        e.all.put(window, s);
        e.recent = s;
        return s;
      }
      e.recent = s;
    }
    s.timestamp = combiner.combine(s.timestamp, outputTime);
    return s;
  }

  private Slot newSlot(Object structuralKey, Object key, BoundedWindow window, long outputTime) {
    slots++;
    return new Slot(structuralKey, key, window, outputTime);
  }

  /** The number of (key, window) slots. */
  int size() {
    return slots;
  }

  boolean isEmpty() {
    return slots == 0;
  }

  /** Visits every slot (in no particular order). */
  void forEach(Consumer<Slot> visitor) {
    for (Entry e : entries.values()) {
      if (e.all == null) {
        visitor.accept(e.recent);
      } else {
        e.all.values().forEach(visitor);
      }
    }
  }

  /** Visits every slot, then empties the table. */
  void drain(Consumer<Slot> visitor) {
    forEach(visitor);
    clear();
  }

  void clear() {
    entries.clear();
    slots = 0;
  }
}
