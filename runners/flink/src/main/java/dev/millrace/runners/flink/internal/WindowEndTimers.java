package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;

/**
 * What the timers of a grouping whose windows fire only at their end ({@link
 * GroupAlsoByWindow#firesOnlyAtEndOfWindow}) share, whether Flink timers ({@link
 * EndOfWindowTimers}) or an in-memory index ({@link EndOfWindowIndex}): such a grouping sets one
 * event-time timer per window, always for the window's end, and never deletes one; it runs under
 * real clocks, read from the operator's general timers.
 */
abstract class WindowEndTimers implements TimerInternals {
  final FlinkClock.Real clock;
  /** The operator's clocks (its general timers read them from the same service). */
  private final TimerInternals clocks;

  /**
   * @param clock a real clock (TestStream clocks use {@link FlinkTimers})
   * @param clocks reads the watermarks and processing time
   */
  WindowEndTimers(FlinkClock clock, TimerInternals clocks) {
    Preconditions.checkArgument(clock instanceof FlinkClock.Real,
        "timers of windows that fire only at their end need real clocks, not %s", clock);
    this.clock = (FlinkClock.Real) clock;
    this.clocks = clocks;
  }

  /** Checks that {@code timer} is the timer of a window, in event time. */
  static void checkWindowTimer(TimerData timer) {
    Preconditions.checkArgument(
        timer.domain() == TimeDomain.EVENT_TIME && !timer.namespace().isGlobal(),
        "a grouping whose windows fire only at their end sets event-time timers of windows, "
            + "not %s", timer);
  }

  @Override
  public final void deleteTimer(StateNamespace namespace, String timerId, TimeDomain domain) {
    throw new UnsupportedOperationException("a grouping whose windows fire only at their end "
        + "never deletes a timer, but was asked to delete " + timerId + " in " + namespace);
  }

  @Override
  public final long currentInputWatermark() {
    return clocks.currentInputWatermark();
  }

  @Override
  public final long currentOutputWatermark() {
    return clocks.currentOutputWatermark();
  }

  @Override
  public final long currentProcessingTime() {
    return clocks.currentProcessingTime();
  }
}
