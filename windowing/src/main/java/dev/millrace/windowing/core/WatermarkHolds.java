package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowingStrategy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The watermark holds of a grouping's windows. An element adds an <em>element hold</em> at its
 * output time (the timestamp combiner's assignment: its own timestamp for EARLIEST/LATEST, the
 * window's end otherwise) unless that is already behind the key's output watermark (see
 * {@link KeyedGroupAlsoByWindow}: the input watermark, this key's own holds and due timers, never
 * other keys') or the window's end has passed; then it adds a <em>garbage-collection hold</em> at
 * the window's GC time instead, so the late pane is not dropped downstream. Firing a pane releases
 * the holds and yields the pane's timestamp: the held output time, or the window's maximum
 * timestamp when nothing was held there.
 *
 * <p>The windows of a key that currently hold something are indexed in the key's global namespace
 * ({@link HeldWindowIndex}), so that {@link #minimumHold} can find the key's earliest hold from the
 * key's own state alone, usually without visiting the windows.
 */
final class WatermarkHolds implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final StateTag<WatermarkHoldState> EXTRA =
      StateTag.watermarkHold("extraHold", TimestampCombiner.EARLIEST);

  private final WindowingStrategy strategy;
  private final StateTag<WatermarkHoldState> elementHold;
  private final HeldWindowIndex index;

  WatermarkHolds(WindowingStrategy strategy) {
    this.strategy = strategy;
    this.elementHold = StateTag.watermarkHold("hold", strategy.timestampCombiner());
    this.index = new HeldWindowIndex(strategy.windowFn().windowCodec());
  }

  /**
   * The earliest hold of any window of the key, or {@link Timestamps#MAX} when the key holds
   * nothing. Reads only the key's own state.
   */
  long minimumHold(StateInternals s) {
    return index.minimum(s, w -> holdOf(s, namespace(w)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private StateNamespace namespace(BoundedWindow window) {
    return StateNamespace.window(window, (StateCodec) strategy.windowFn().windowCodec());
  }

  /** The window's hold: the earlier of its element and extra holds, empty if it holds nothing. */
  private OptionalLong holdOf(StateInternals s, StateNamespace ns) {
    return earlier(s.state(ns, elementHold).read(), s.state(ns, EXTRA).read());
  }

  private static OptionalLong earlier(OptionalLong a, OptionalLong b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty() || a.getAsLong() <= b.getAsLong()) {
      return a;
    }
    return b;
  }

  /** Records in the key's index that the hold of the window of {@code ns} changed. */
  private void track(StateInternals s, StateNamespace ns, OptionalLong before, OptionalLong after) {
    index.changed(s, new HeldWindowIndex.Change(ns.window(), before, after),
        w -> holdOf(s, namespace(w)));
  }

  @SuppressWarnings("unchecked")
  private long outputTime(long timestamp, BoundedWindow window) {
    WindowFn<BoundedWindow> fn = (WindowFn<BoundedWindow>) strategy.windowFn();
    return strategy.timestampCombiner().assign(window, fn.assignOutputTime(timestamp, window));
  }

  /**
   * Adds the hold for an element with {@code timestamp} arriving in the window of {@code ns};
   * {@code outputWatermark} is the key's output watermark.
   */
  void addHolds(
      StateInternals s, TimerInternals t, StateNamespace ns, long timestamp, long outputWatermark) {
    OptionalLong element = s.state(ns, elementHold).read();
    OptionalLong extra = s.state(ns, EXTRA).read();
    OptionalLong before = earlier(element, extra);
    if (addElementHold(s, t, ns, timestamp, outputWatermark)) {
      // The cell combined the new hold into its value as its combiner does: no need to re-read.
      long hold = outputTime(timestamp, ns.window());
      long combined = element.isPresent()
          ? strategy.timestampCombiner().combine(element.getAsLong(), hold)
          : hold;
      track(s, ns, before, earlier(OptionalLong.of(combined), extra));
    } else if (addGarbageCollectionHold(s, t, ns, false)) {
      track(s, ns, before, earlier(element, s.state(ns, EXTRA).read()));
    }
  }

  private boolean addElementHold(
      StateInternals s, TimerInternals t, StateNamespace ns, long timestamp, long outputWatermark) {
    BoundedWindow window = ns.window();
    long hold = outputTime(timestamp, window);
    boolean behindOutput = hold < outputWatermark;
    boolean pastEndOfWindow = window.maxTimestampMillis() < t.currentInputWatermark();
    if (behindOutput || pastEndOfWindow) {
      return false;
    }
    s.state(ns, elementHold).add(hold);
    return true;
  }

  /** Adds the GC hold if it is needed and not already expired; returns whether it did. */
  private boolean addGarbageCollectionHold(
      StateInternals s, TimerInternals t, StateNamespace ns, boolean paneIsEmpty) {
    long gcHold = WindowTimes.gcTime(ns.window(), strategy.allowedLateness());
    if (gcHold < t.currentInputWatermark()) {
      return false;
    }
    if (paneIsEmpty && strategy.closingBehavior() == ClosingBehavior.FIRE_IF_NON_EMPTY) {
      return false;
    }
    s.state(ns, EXTRA).add(Math.min(gcHold, Timestamps.MAX - 1));
    return true;
  }

  /**
   * Merges the holds of {@code sources} (which may include the result) into {@code result};
   * {@code outputWatermark} is the key's output watermark.
   */
  void onMerge(
      StateInternals s,
      TimerInternals t,
      List<StateNamespace> sources,
      StateNamespace result,
      long outputWatermark) {
    Map<StateNamespace, OptionalLong> before = new LinkedHashMap<>();
    for (StateNamespace ns : sources) {
      before.computeIfAbsent(ns, n -> holdOf(s, n));
    }
    before.computeIfAbsent(result, n -> holdOf(s, n));
    TimestampCombiner combiner = strategy.timestampCombiner();
    boolean onlyResult = sources.size() == 1 && sources.get(0).equals(result);
    if (sources.isEmpty() || (onlyResult && combiner == TimestampCombiner.EARLIEST)) {
      // Nothing to merge.
    } else if (combiner.dependsOnlyOnWindow()) {
      sources.forEach(ns -> s.state(ns, elementHold).clear());
      addElementHold(s, t, result, Timestamps.MIN, outputWatermark);
    } else {
      Long merged = null;
      for (StateNamespace ns : sources) {
        OptionalLong hold = s.state(ns, elementHold).read();
        if (hold.isPresent()) {
          merged =
              merged == null
                  ? hold.getAsLong()
                  : combiner.merge(result.window(), merged, hold.getAsLong());
        }
      }
      sources.forEach(ns -> s.state(ns, elementHold).clear());
      if (merged != null) {
        s.state(result, elementHold).add(merged);
      }
    }
    sources.forEach(ns -> s.state(ns, EXTRA).clear());
    s.state(result, EXTRA).clear();
    addGarbageCollectionHold(s, t, result, false);
    List<HeldWindowIndex.Change> changes = new ArrayList<>();
    before.forEach((ns, hold) -> changes.add(new HeldWindowIndex.Change(ns.window(), hold,
        ns.equals(result) ? holdOf(s, ns) : OptionalLong.empty())));
    index.changed(s, changes, w -> holdOf(s, namespace(w)));
  }

  /**
   * Releases the holds of the window for a firing and returns the pane's timestamp; unless the
   * window is finished, keeps a GC hold for an empty final pane if the closing behavior needs one.
   */
  long extractAndRelease(StateInternals s, TimerInternals t, StateNamespace ns, boolean finished) {
    OptionalLong element = s.state(ns, elementHold).read();
    OptionalLong extra = s.state(ns, EXTRA).read();
    OptionalLong before = earlier(element, extra);
    long max = ns.window().maxTimestampMillis();
    long held = Long.MAX_VALUE;
    if (element.isPresent()) {
      held = element.getAsLong();
    }
    if (extra.isPresent()) {
      held = Math.min(held, extra.getAsLong());
    }
    long outputTimestamp = held > max ? max : held;
    s.state(ns, elementHold).clear();
    s.state(ns, EXTRA).clear();
    boolean gcHeld = !finished && addGarbageCollectionHold(s, t, ns, true);
    track(s, ns, before, gcHeld ? s.state(ns, EXTRA).read() : OptionalLong.empty());
    return outputTimestamp;
  }

  void clear(StateInternals s, StateNamespace ns) {
    OptionalLong before = holdOf(s, ns);
    s.state(ns, elementHold).clear();
    s.state(ns, EXTRA).clear();
    track(s, ns, before, OptionalLong.empty());
  }
}
