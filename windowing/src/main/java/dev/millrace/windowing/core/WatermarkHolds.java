package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowingStrategy;
import java.io.Serializable;
import java.util.List;
import java.util.OptionalLong;

/**
 * The watermark holds of a grouping's windows. An element adds an <em>element hold</em> at its
 * output time (the timestamp combiner's assignment: its own timestamp for EARLIEST/LATEST, the
 * window's end otherwise) unless that is already behind the output watermark or the window's end
 * has passed; then it adds a <em>garbage-collection hold</em> at the window's GC time instead, so
 * the late pane is not dropped downstream. Firing a pane releases the holds and yields the pane's
 * timestamp: the held output time, or the window's maximum timestamp when nothing was held there.
 */
final class WatermarkHolds implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final StateTag<WatermarkHoldState> EXTRA =
      StateTag.watermarkHold("extraHold", TimestampCombiner.EARLIEST);

  private final WindowingStrategy strategy;
  private final StateTag<WatermarkHoldState> elementHold;

  WatermarkHolds(WindowingStrategy strategy) {
    this.strategy = strategy;
    this.elementHold = StateTag.watermarkHold("hold", strategy.timestampCombiner());
  }

  @SuppressWarnings("unchecked")
  private long outputTime(long timestamp, BoundedWindow window) {
    WindowFn<BoundedWindow> fn = (WindowFn<BoundedWindow>) strategy.windowFn();
    return strategy.timestampCombiner().assign(window, fn.assignOutputTime(timestamp, window));
  }

  /** Adds the hold for an element with {@code timestamp} arriving in the window of {@code ns}. */
  void addHolds(StateInternals s, TimerInternals t, StateNamespace ns, long timestamp) {
    if (!addElementHold(s, t, ns, timestamp)) {
      addGarbageCollectionHold(s, t, ns, false);
    }
  }

  private boolean addElementHold(
      StateInternals s, TimerInternals t, StateNamespace ns, long timestamp) {
    BoundedWindow window = ns.window();
    long hold = outputTime(timestamp, window);
    boolean behindOutput = hold < t.currentOutputWatermark();
    boolean pastEndOfWindow = window.maxTimestampMillis() < t.currentInputWatermark();
    if (behindOutput || pastEndOfWindow) {
      return false;
    }
    s.state(ns, elementHold).add(hold);
    return true;
  }

  private void addGarbageCollectionHold(
      StateInternals s, TimerInternals t, StateNamespace ns, boolean paneIsEmpty) {
    long gcHold = WindowTimes.gcTime(ns.window(), strategy.allowedLateness());
    if (gcHold < t.currentInputWatermark()) {
      return;
    }
    if (paneIsEmpty && strategy.closingBehavior() == ClosingBehavior.FIRE_IF_NON_EMPTY) {
      return;
    }
    s.state(ns, EXTRA).add(Math.min(gcHold, Timestamps.MAX - 1));
  }

  /** Merges the holds of {@code sources} (which may include the result) into {@code result}. */
  void onMerge(
      StateInternals s, TimerInternals t, List<StateNamespace> sources, StateNamespace result) {
    TimestampCombiner combiner = strategy.timestampCombiner();
    boolean onlyResult = sources.size() == 1 && sources.get(0).equals(result);
    if (sources.isEmpty() || (onlyResult && combiner == TimestampCombiner.EARLIEST)) {
      // Nothing to merge.
    } else if (combiner.dependsOnlyOnWindow()) {
      sources.forEach(ns -> s.state(ns, elementHold).clear());
      addElementHold(s, t, result, Timestamps.MIN);
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
  }

  /**
   * Releases the holds of the window for a firing and returns the pane's timestamp; unless the
   * window is finished, keeps a GC hold for an empty final pane if the closing behavior needs one.
   */
  long extractAndRelease(StateInternals s, TimerInternals t, StateNamespace ns, boolean finished) {
    OptionalLong element = s.state(ns, elementHold).read();
    OptionalLong extra = s.state(ns, EXTRA).read();
    long max = ns.window().maxTimestampMillis();
    long held = Long.MAX_VALUE;
    if (element.isPresent()) {
      held = element.getAsLong();
    }
    if (extra.isPresent()) {
      held = Math.min(held, extra.getAsLong());
    }
    long outputTimestamp = held > max ? max : held;
    clear(s, ns);
    if (!finished) {
      addGarbageCollectionHold(s, t, ns, true);
    }
    return outputTimestamp;
  }

  void clear(StateInternals s, StateNamespace ns) {
    s.state(ns, elementHold).clear();
    s.state(ns, EXTRA).clear();
  }
}
