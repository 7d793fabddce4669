package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Under a script clock ({@link FlinkClock#isScript()}): the watermarks one input of an operator
 * has received, each labelled with the script step it belongs to, so the operator can replay its
 * inputs step by step, as the direct runner does in one pass per script event.
 *
 * <p>The watermark of step k is labelled k. A time held within step k's gap (an upstream operator
 * holds its output watermark) was forwarded at step k + 1 or later; it is labelled k + 1, and only
 * step k is known to be complete. The end of input is labelled with the step after the script
 * ({@link FlinkClock#lastStep()} + 1), or with step 0 for a bounded input, whose end the direct
 * runner reaches before the script starts.
 */
final class StepTrail {
  private record Entry(long label, long eventTime, long flink) {}

  private final FlinkClock clock;
  private final boolean bounded;
  private final List<Entry> entries = new ArrayList<>();
  private long latest = Long.MIN_VALUE;
  private long completed;
  private boolean ended;

  /**
   * @param clock a script clock
   * @param bounded whether the input is bounded (its end applies from step 0)
   */
  StepTrail(FlinkClock clock, boolean bounded) {
    Preconditions.checkArgument(clock.isScript(), "a step trail needs a script clock");
    this.clock = clock;
    this.bounded = bounded;
  }

  /** Records a Flink watermark of the input (older or equal ones are ignored). */
  void observe(long flinkWatermark) {
    if (flinkWatermark <= latest) {
      return;
    }
    latest = flinkWatermark;
    completed = clock.completedStep(flinkWatermark);
    if (flinkWatermark == Long.MAX_VALUE) {
      ended = true;
      return;
    }
    boolean exact = clock.stepWatermark(completed) == flinkWatermark;
    entries.add(new Entry(exact ? completed : completed + 1,
        clock.eventWatermark(flinkWatermark), flinkWatermark));
  }

  /** The last step whose data has all arrived on this input. */
  long completed() {
    return completed;
  }

  private boolean endedAt(long step) {
    return ended && (bounded || step > clock.lastStep());
  }

  private Entry at(long step) {
    Entry found = null;
    for (Entry e : entries) {
      if (e.label() > step) {
        break;
      }
      found = e;
    }
    return found;
  }

  /** The input's Millrace watermark at {@code step}. */
  long eventWatermark(long step) {
    if (endedAt(step)) {
      return Timestamps.MAX;
    }
    Entry e = at(step);
    return e == null ? Timestamps.MIN : e.eventTime();
  }

  /** The input's Flink watermark at {@code step}. */
  long flinkWatermark(long step) {
    if (endedAt(step)) {
      return Long.MAX_VALUE;
    }
    Entry e = at(step);
    return e == null ? Long.MIN_VALUE : e.flink();
  }

  /** Forgets what no step from {@code step} on needs. */
  void forgetBefore(long step) {
    int keep = 0;
    while (keep + 1 < entries.size() && entries.get(keep + 1).label() <= step) {
      keep++;
    }
    entries.subList(0, keep).clear();
  }
}
