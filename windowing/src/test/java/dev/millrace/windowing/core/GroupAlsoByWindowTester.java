package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import dev.millrace.windowing.core.inmemory.InMemoryStateStore;
import dev.millrace.windowing.core.inmemory.InMemoryTimerQueue;
import dev.millrace.windowing.core.inmemory.KeyedTimer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link GroupAlsoByWindow} like a runner would (Beam's ReduceFnTester): string keys,
 * elements assigned to windows by the strategy's window function, bundles per key, a controlled
 * input watermark and processing time, the output watermark computed from the holds and pending
 * event-time timers. State is kept in an ENCODING store, so every cell round-trips its codec.
 */
final class GroupAlsoByWindowTester<O> {
  /** One emitted pane, rendered for comparisons. */
  record Output<O>(String key, WindowedValue<O> value) {
    @Override
    public String toString() {
      PaneInfo p = value.pane();
      return key
          + " "
          + window(value.windows().get(0))
          + " "
          + value.value()
          + " @"
          + time(value.timestamp())
          + " "
          + p.timing()
          + " "
          + p.index()
          + "/"
          + p.nonSpeculativeIndex()
          + (p.isFirst() ? " first" : "")
          + (p.isLast() ? " last" : "");
    }
  }

  private final GroupAlsoByWindow<Long, O> gabw;
  private final InMemoryStateStore<String> store = InMemoryStateStore.encoding();
  private final InMemoryTimerQueue<String> timers = new InMemoryTimerQueue<>();
  private final InMemoryClock clock;
  private final List<Output<O>> outputs = new ArrayList<>();
  private long droppedLate;
  private long droppedClosed;

  private GroupAlsoByWindowTester(GroupAlsoByWindow<Long, O> gabw, long startProcessingTime) {
    this.gabw = gabw;
    this.clock = new InMemoryClock(startProcessingTime);
  }

  static GroupAlsoByWindowTester<Long> summing(WindowingStrategy strategy) {
    return new GroupAlsoByWindowTester<>(
        GroupAlsoByWindow.combining(strategy, Aggregations.summingLongs(), StateCodecs.longs()), 0);
  }

  static GroupAlsoByWindowTester<List<Long>> grouping(WindowingStrategy strategy) {
    return new GroupAlsoByWindowTester<>(
        GroupAlsoByWindow.grouping(strategy, StateCodecs.longs()), 0);
  }

  /** A bundle: key/value/timestamp triples; elements are grouped per key, in order. */
  void addBundle(List<Element> elements) {
    refreshOutputWatermark();
    Map<String, List<WindowedValue<Long>>> perKey = new LinkedHashMap<>();
    for (Element e : elements) {
      List<BoundedWindow> windows = new ArrayList<>(gabw.strategy().windowFn().assignWindows(e.time()));
      perKey
          .computeIfAbsent(e.key(), k -> new ArrayList<>())
          .add(WindowedValue.of(e.value(), e.time(), windows, PaneInfo.NO_FIRING));
    }
    perKey.forEach((key, values) -> forKey(key).processElements(values));
  }

  void add(String key, long value, long time) {
    addBundle(List.of(new Element(key, value, time)));
  }

  void advanceWatermark(long t) {
    clock.advanceInputWatermark(t);
    fireDue(TimeDomain.EVENT_TIME);
  }

  void advanceProcessingTime(long t) {
    clock.advanceProcessingTime(t);
    fireDue(TimeDomain.PROCESSING_TIME);
  }

  void advanceWatermarkToInfinity() {
    advanceWatermark(Timestamps.MAX);
  }

  private void fireDue(TimeDomain domain) {
    while (true) {
      refreshOutputWatermark();
      long now = domain == TimeDomain.EVENT_TIME ? clock.inputWatermark() : clock.processingTime();
      List<KeyedTimer<String>> due = timers.removeDue(domain, now);
      if (due.isEmpty()) {
        break;
      }
      Map<String, List<TimerData>> perKey = new LinkedHashMap<>();
      due.forEach(t -> perKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.timer()));
      perKey.forEach((key, list) -> forKey(key).onTimers(list));
    }
    refreshOutputWatermark();
  }

  private void refreshOutputWatermark() {
    clock.refreshOutputWatermark(store.minimumHold(), timers.earliest(TimeDomain.EVENT_TIME));
  }

  private KeyedGroupAlsoByWindow<Long, O> forKey(String key) {
    return gabw.forKey(
        store.forKey(key),
        timers.forKey(key, clock),
        v -> outputs.add(new Output<>(key, v)),
        new DropCounter() {
          @Override
          public void droppedDueToLateness(long count) {
            droppedLate += count;
          }

          @Override
          public void droppedDueToClosedWindow(long count) {
            droppedClosed += count;
          }
        });
  }

  /** The panes emitted since the last call, rendered. */
  List<String> takeOutputs() {
    List<String> result = outputs.stream().map(Output::toString).toList();
    outputs.clear();
    return result;
  }

  List<Output<O>> takeRawOutputs() {
    List<Output<O>> result = List.copyOf(outputs);
    outputs.clear();
    return result;
  }

  long droppedDueToLateness() {
    return droppedLate;
  }

  long droppedDueToClosedWindow() {
    return droppedClosed;
  }

  boolean isStateEmpty() {
    return store.isEmpty();
  }

  long minimumHold() {
    return store.minimumHold();
  }

  long outputWatermark() {
    return clock.outputWatermark();
  }

  InMemoryTimerQueue<String> timers() {
    return timers;
  }

  static String window(BoundedWindow w) {
    if (w instanceof GlobalWindow) {
      return "global";
    }
    IntervalWindow iw = (IntervalWindow) w;
    return "[" + time(iw.startMillis()) + "," + time(iw.endMillis()) + ")";
  }

  static String time(long t) {
    if (t >= Timestamps.MAX) {
      return "+inf";
    }
    if (t == Timestamps.GLOBAL_WINDOW_MAX) {
      return "globalmax";
    }
    return Long.toString(t);
  }

  /** An input element. */
  record Element(String key, long value, long time) {}
}
