package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.core.Aggregations;
import dev.millrace.windowing.core.CombiningState;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.TimeDomain;
import java.util.function.LongUnaryOperator;

/**
 * The shared behaviour of the processing-time triggers: on the first element of a pane, compute a
 * deadline from the current processing time, remember it and set a processing-time timer; fire
 * once processing time is strictly past it. Merged windows take the earliest deadline.
 */
final class ProcessingTimeDeadline {
  private static final StateTag<CombiningState<Long, Long, Long>> DEADLINE =
      StateTag.combining("deadline", Aggregations.minLongs(), StateCodecs.longs());

  private ProcessingTimeDeadline() {}

  static void onElement(TriggerContext c, LongUnaryOperator deadlineFromArrival) {
    CombiningState<Long, Long, Long> deadline = c.state(DEADLINE);
    if (!deadline.isEmpty()) {
      return;
    }
    long target = deadlineFromArrival.applyAsLong(c.processingTime());
    deadline.add(target);
    c.setTimer(target, TimeDomain.PROCESSING_TIME);
  }

  static void onMerge(TriggerContext c) {
    if (c.isFinished()) {
      MergingCells.clearAll(c.stateInMergingWindows(DEADLINE));
      c.state(DEADLINE).clear();
      return;
    }
    MergingCells.mergeInto(c.stateInMergingWindows(DEADLINE), c.state(DEADLINE));
    CombiningState<Long, Long, Long> merged = c.state(DEADLINE);
    if (!merged.isEmpty()) {
      c.setTimer(merged.read(), TimeDomain.PROCESSING_TIME);
    }
  }

  static boolean shouldFire(TriggerContext c) {
    CombiningState<Long, Long, Long> deadline = c.state(DEADLINE);
    return !deadline.isEmpty() && c.processingTime() > deadline.read();
  }

  static void clear(TriggerContext c) {
    c.state(DEADLINE).clear();
  }
}
