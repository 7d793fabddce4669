package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.Timestamps;
import java.util.TreeMap;

/**
 * Under a script clock: what one input of an operator has told about each script step. Its Flink
 * watermark says the last step whose records have all arrived from every sender; the {@link
 * ScriptMarker}s of held senders say how far the input's watermark got at each step. The input's
 * Millrace watermark at step k is the minimum of the step-k markers, or the script's watermark
 * at k when no sender was held. A bounded input (read before the script starts, as on the direct
 * runner) is at the end of time from step 0 on once it has ended.
 */
final class ScriptInput {
  private final FlinkClock.Script clock;
  private final boolean bounded;
  private final TreeMap<Long, Long> held = new TreeMap<>();
  private long completed;
  private boolean ended;
  private long last = Timestamps.MIN;

  ScriptInput(FlinkClock.Script clock, boolean bounded) {
    this.clock = clock;
    this.bounded = bounded;
  }

  /** Records the input's (combined) Flink watermark. */
  void observeWatermark(long flinkWatermark) {
    completed = Math.max(completed, clock.completedStep(flinkWatermark));
    ended |= flinkWatermark == Long.MAX_VALUE;
  }

  /** Records a held sender's marker. */
  void observeMarker(ScriptMarker marker) {
    held.merge(marker.step(), marker.watermark(), Math::min);
  }

  /** The last step whose records have all arrived on this input. */
  long completed() {
    return completed;
  }

  /**
   * The input's watermark at {@code step} (call with increasing steps; the markers of earlier
   * steps are forgotten). Never moves back.
   */
  long watermarkAt(long step) {
    long wm;
    if (ended && (bounded || step > clock.lastStep())) {
      wm = Timestamps.MAX;
    } else {
      Long h = held.get(step);
      wm = h == null ? clock.watermarkAt(step) : Math.min(h, clock.watermarkAt(step));
    }
    held.headMap(step, true).clear();
    last = Math.max(last, wm);
    return last;
  }
}
