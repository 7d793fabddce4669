package dev.millrace.runners.microbatch;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Per window and key (by structural value), a combiner's accumulator and the pane's output
 * timestamp so far: one key partition of a {@link LiftedCombine}'s pre-combining table (see
 * {@link PartitionedTable}), into which the other tables' partitions are merged at the end.
 * Accumulators are boxed ({@link Slot#accumulator}) or, for a primitive CombineFn, {@code long}s
 * ({@link Slot#longAccumulator}). Organised window first, with the window used last kept at
 * hand: input that arrives roughly in timestamp order (the usual case) then works on one small
 * per-window map at a time, and the global window costs a single hash look-up per element. Not
 * thread-safe.
 */
final class AccumulatorTable {
  /** One key and window: the accumulator and the combined output timestamp. */
  static final class Slot {
    final Object structuralKey;
    final Object key;
    final BoundedWindow window;
    /** {@code List.of(window)}, shared by every slot of the window in one table. */
    final List<BoundedWindow> windows;
    /** Null until the caller stores the first accumulator ({@link #fresh} is true until then). */
    Object accumulator;
    /** The accumulator of a {@code LongAccumulatingFn}, instead of {@link #accumulator}. */
    long longAccumulator;
    boolean fresh = true;
    long timestamp;

    Slot(Object structuralKey, Object key, List<BoundedWindow> windows, long timestamp) {
      this.structuralKey = structuralKey;
      this.key = key;
      this.window = windows.get(0);
      this.windows = windows;
      this.timestamp = timestamp;
    }
  }

  private final HashMap<BoundedWindow, SlotMap> windows = new HashMap<>();
  private final TimestampCombiner combiner;
  private final WindowFn<BoundedWindow> windowFn;
  private BoundedWindow recentWindow;
  private SlotMap recentSlots;
  private int size;
  private long minTimestamp = Long.MAX_VALUE;

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

  private SlotMap slotsOf(BoundedWindow window) {
    BoundedWindow recent = recentWindow;
    if (recent == window || (recent != null && recent.equals(window))) {
      return recentSlots;
    }
    SlotMap slots = windows.get(window);
    if (slots == null) {
      slots = new SlotMap(window);
      windows.put(window, slots);
    }
    recentWindow = window;
    recentSlots = slots;
    return slots;
  }

  /**
   * The slot of the key and window, combining {@code outputTime} (already {@linkplain #outputTime
   * assigned}) into its timestamp; a new slot is {@link Slot#fresh}.
   */
  Slot slot(Object structuralKey, Object key, BoundedWindow window, long outputTime) {
    return slot(structuralKey, SlotMap.hash(structuralKey), key, window, outputTime);
  }

  /** {@link #slot(Object, Object, BoundedWindow, long)} with the key's {@link SlotMap#hash}. */
  Slot slot(Object structuralKey, int hash, Object key, BoundedWindow window, long outputTime) {
    if (outputTime < minTimestamp) {
      minTimestamp = outputTime;
    }
    SlotMap slots = slotsOf(window);
    Slot s = slots.get(structuralKey, hash);
    if (s == null) {
      s = new Slot(structuralKey, key, slots.windows, outputTime);
      slots.add(s, hash);
      size++;
      return s;
    }
    s.timestamp = combiner.combine(s.timestamp, outputTime);
    return s;
  }

  /**
   * Adds a slot taken from another table when this one has none for its key and window (and
   * returns null); otherwise combines its timestamp into the existing slot and returns that, for
   * the caller to merge the accumulators.
   */
  Slot absorb(Slot other) {
    return absorb(other, SlotMap.hash(other.structuralKey));
  }

  /** {@link #absorb(Slot)} with the slot key's {@link SlotMap#hash}. */
  Slot absorb(Slot other, int hash) {
    if (other.timestamp < minTimestamp) {
      minTimestamp = other.timestamp;
    }
    SlotMap slots = slotsOf(other.window);
    Slot s = slots.get(other.structuralKey, hash);
    if (s == null) {
      slots.add(other, hash);
      size++;
      return null;
    }
    s.timestamp = combiner.combine(s.timestamp, other.timestamp);
    return s;
  }

  /**
   * A lower bound of the slots' output timestamps (the smallest timestamp ever combined in since
   * the table was last emptied), {@link Long#MAX_VALUE} when empty: a watermark hold.
   */
  long minTimestamp() {
    return minTimestamp;
  }

  /** The number of (key, window) slots. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Visits every slot, window by window. */
  void forEach(Consumer<Slot> visitor) {
    for (SlotMap slots : windows.values()) {
      slots.forEach(visitor);
    }
  }

  /** Visits every slot, then empties the table. */
  void drain(Consumer<Slot> visitor) {
    forEach(visitor);
    clear();
  }

  void clear() {
    windows.clear();
    recentWindow = null;
    recentSlots = null;
    size = 0;
    minTimestamp = Long.MAX_VALUE;
  }
}
