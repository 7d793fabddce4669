package dev.millrace.runners.core.state;

import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import dev.millrace.windowing.core.ValueState;
import dev.millrace.windowing.core.WatermarkHoldState;
import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping of a key's user timers in one window namespace, kept in the key's own state so
 * that every runner gets it for free: an index of the pending timers (so an expiring window can
 * delete them) and one watermark hold per timer at its output timestamp (released when the timer
 * fires, is reset or is deleted).
 */
final class TimerBook {
  /** The output timestamp of a timer that has none (and holds nothing). */
  static final long NO_OUTPUT = Long.MIN_VALUE;

  private static final StateTag<ValueState<List<String>>> INDEX =
      StateTag.value("timers:index", StateCodecs.listOf(StateCodecs.strings()));

  private TimerBook() {}

  /** A pending timer's identity within its namespace. */
  record Entry(String timerId, TimeDomain domain) {
    String encoded() {
      return (domain == TimeDomain.EVENT_TIME ? "E" : "P") + timerId;
    }

    static Entry decode(String s) {
      return new Entry(s.substring(1), s.charAt(0) == 'E' ? TimeDomain.EVENT_TIME
          : TimeDomain.PROCESSING_TIME);
    }
  }

  private static StateTag<WatermarkHoldState> holdTag(Entry e) {
    return StateTag.watermarkHold("timers:hold:" + e.encoded(), TimestampCombiner.EARLIEST);
  }

  /** Sets {@code timer}, replacing its previous setting and hold. */
  static void set(StateInternals state, TimerInternals timers, TimerData timer) {
    timers.setTimer(timer);
    Entry e = new Entry(timer.timerId(), timer.domain());
    ValueState<List<String>> index = state.state(timer.namespace(), INDEX);
    List<String> ids = index.read();
    if (ids == null || !ids.contains(e.encoded())) {
      List<String> updated = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
      updated.add(e.encoded());
      index.write(updated);
    }
    WatermarkHoldState hold = state.state(timer.namespace(), holdTag(e));
    hold.clear();
    if (timer.outputTimestamp() != NO_OUTPUT) {
      hold.add(timer.outputTimestamp());
    }
  }

  /** Deletes a timer and its hold. */
  static void delete(StateInternals state, TimerInternals timers, StateNamespace ns, Entry e) {
    timers.deleteTimer(ns, e.timerId(), e.domain());
    forget(state, ns, e);
  }

  /** Forgets a timer that fired: drops it from the index and releases its hold. */
  static void forget(StateInternals state, StateNamespace ns, Entry e) {
    state.state(ns, holdTag(e)).clear();
    ValueState<List<String>> index = state.state(ns, INDEX);
    List<String> ids = index.read();
    if (ids != null && ids.contains(e.encoded())) {
      List<String> updated = new ArrayList<>(ids);
      updated.remove(e.encoded());
      if (updated.isEmpty()) {
        index.clear();
      } else {
        index.write(updated);
      }
    }
  }

  /** Deletes every pending timer of the namespace (and its hold); returns what was deleted. */
  static List<Entry> deleteAll(StateInternals state, TimerInternals timers, StateNamespace ns) {
    ValueState<List<String>> index = state.state(ns, INDEX);
    List<String> ids = index.read();
    List<Entry> deleted = new ArrayList<>();
    if (ids != null) {
      for (String id : ids) {
        Entry e = Entry.decode(id);
        timers.deleteTimer(ns, e.timerId(), e.domain());
        state.state(ns, holdTag(e)).clear();
        deleted.add(e);
      }
    }
    index.clear();
    return deleted;
  }
}
