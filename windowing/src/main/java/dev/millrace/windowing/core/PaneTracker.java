package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.PaneInfo.Timing;
import dev.millrace.windowing.StateCodecs;

/**
 * Remembers the last pane a window emitted and describes the next one. Timing: EARLY while the
 * input watermark has not passed the window's end; otherwise ON_TIME for the first non-early pane
 * if the key's output watermark (see {@link KeyedGroupAlsoByWindow}) has not passed the window's
 * end; LATE after that.
 */
final class PaneTracker {
  private static final StateTag<ValueState<PaneInfo>> LAST_PANE =
      StateTag.value("lastPane", StateCodecs.paneInfos());

  private PaneTracker() {}

  /** The next pane of {@code w}; {@code outputWatermark} is the key's output watermark. */
  static PaneInfo next(
      StateInternals s,
      TimerInternals t,
      StateNamespace ns,
      BoundedWindow w,
      boolean isFinal,
      long outputWatermark) {
    PaneInfo previous = s.state(ns, LAST_PANE).read();
    boolean isFirst = previous == null;
    long index = isFirst ? 0 : previous.index() + 1;
    long nonSpeculativeIndex = isFirst ? 0 : previous.nonSpeculativeIndex() + 1;
    long max = w.maxTimestampMillis();
    boolean lateForOutput = outputWatermark > max;
    boolean onlyEarlySoFar = isFirst || previous.timing() == Timing.EARLY;
    boolean earlyForInput = t.currentInputWatermark() <= max;
    Timing timing;
    if (lateForOutput || !onlyEarlySoFar) {
      timing = Timing.LATE;
    } else if (earlyForInput) {
      timing = Timing.EARLY;
      nonSpeculativeIndex = -1;
    } else {
      timing = Timing.ON_TIME;
    }
    return new PaneInfo(timing, index, nonSpeculativeIndex, isFirst, isFinal);
  }

  static void store(StateInternals s, StateNamespace ns, PaneInfo pane) {
    s.state(ns, LAST_PANE).write(pane);
  }

  static void clear(StateInternals s, StateNamespace ns) {
    s.state(ns, LAST_PANE).clear();
  }
}
