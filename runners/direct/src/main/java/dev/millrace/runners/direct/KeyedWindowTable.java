package dev.millrace.runners.direct;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.TimestampCombiner;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Per key (by structural value) and window, an aggregate and the output timestamp so far, for the
 * batch groupings of bounded input. Not thread-safe: one per partition task.
 *
 * @param <A> the aggregate type
 */
final class KeyedWindowTable<A> {
  /** One key's aggregates. */
  static final class Entry<A> {
    final Object key;
    final Map<BoundedWindow, Slot<A>> windows = new LinkedHashMap<>(2);

    Entry(Object key) {
      this.key = key;
    }
  }

  /** One window's aggregate. */
  static final class Slot<A> {
    A aggregate;
    long timestamp;
  }

  private final Map<Object, Entry<A>> entries = new HashMap<>();
  private final TimestampCombiner combiner;

  KeyedWindowTable(TimestampCombiner combiner) {
    this.combiner = combiner;
  }

  /** The slot of the key and window, created empty with {@code init} on first use. */
  Slot<A> slot(Object structuralKey, Object key, BoundedWindow window, long ts, Supplier<A> init) {
    Entry<A> e = entries.get(structuralKey);
    if (e == null) {
      e = new Entry<>(key);
      entries.put(structuralKey, e);
    }
    Slot<A> s = e.windows.get(window);
    if (s == null) {
      s = new Slot<>();
      s.aggregate = init.get();
      s.timestamp = combiner == TimestampCombiner.END_OF_WINDOW ? window.maxTimestampMillis() : ts;
      e.windows.put(window, s);
    } else if (combiner == TimestampCombiner.EARLIEST) {
      s.timestamp = Math.min(s.timestamp, ts);
    } else if (combiner == TimestampCombiner.LATEST) {
      s.timestamp = Math.max(s.timestamp, ts);
    }
    return s;
  }

  int size() {
    return entries.size();
  }

  /** Visits every key's entry and clears the table. */
  void drain(BiConsumer<Object, Entry<A>> visitor) {
    entries.forEach(visitor);
    entries.clear();
  }
}
