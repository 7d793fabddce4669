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
    /** The first window and its slot, kept out of the map: most keys have a single window. */
    BoundedWindow firstWindow;
    Slot<A> firstSlot;
    Map<BoundedWindow, Slot<A>> more;

    Entry(Object key) {
      this.key = key;
    }

    Slot<A> get(BoundedWindow w) {
      if (firstWindow == null) {
        return null;
      }
      if (firstWindow == w || firstWindow.equals(w)) {
        return firstSlot;
      }
      return more == null ? null : more.get(w);
    }

    void put(BoundedWindow w, Slot<A> s) {
      if (firstWindow == null) {
        firstWindow = w;
        firstSlot = s;
      } else {
        if (more == null) {
          more = new LinkedHashMap<>(4);
        }
        more.put(w, s);
      }
    }

    /** Visits every window's slot. */
    void forEach(BiConsumer<BoundedWindow, Slot<A>> visitor) {
      if (firstWindow != null) {
        visitor.accept(firstWindow, firstSlot);
      }
      if (more != null) {
        more.forEach(visitor);
      }
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
    Slot<A> s = e.get(window);
    if (s == null) {
      s = new Slot<>();
      s.aggregate = init.get();
      s.timestamp = combiner == TimestampCombiner.END_OF_WINDOW ? window.maxTimestampMillis() : ts;
      e.put(window, s);
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
