package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.testing.TestStream;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.TimeDomain;
import java.io.Serializable;

/**
 * How the runner's operators read Millrace clocks (input watermark, processing time) from Flink
 * watermarks, where they register timers, and which Flink watermark they forward.
 *
 * <p>{@link #real()}: Flink watermarks are event-time millis, processing time is the machine's.
 * {@link #script(TestStream, int)}: under a TestStream, the Flink watermark only counts the script
 * events replayed so far (the step) and says that every record of that step has arrived; both
 * Millrace clocks (the event-time watermark and a virtual processing time) are those of the step,
 * so processing time travels with the data like a second watermark and processing-time triggers
 * fire deterministically. An operator whose output watermark is held below the script's
 * watermark says so with {@link ScriptMarker}s (see {@link ScriptInput}).
 */
public interface FlinkClock extends Serializable {
  /** Where to register a timer: a Flink time in the event-time or processing-time service. */
  record Registration(boolean eventTimeService, long flinkTime) {}

  /** The Millrace input watermark for a Flink watermark. */
  long eventWatermark(long flinkWatermark);

  /** The Millrace processing time, given the Flink watermark and Flink's processing time. */
  long processingTime(long flinkWatermark, long flinkProcessingTime);

  /** Where a timer for Millrace time {@code t} goes (fires once the clock is past t); null: never. */
  Registration register(TimeDomain domain, long t);

  /** The Flink watermark to forward for a Millrace output watermark. */
  long toFlink(long outputWatermark, long flinkInputWatermark);

  /** Whether this is a TestStream script's clock (records carry their script step). */
  default boolean isScript() {
    return false;
  }

  /** Real clocks. */
  static FlinkClock real() {
    return new Real();
  }

  /**
   * The virtual clocks of a TestStream's script.
   *
   * @param targets how many instances each keyed operator of the job has (a held output
   *     watermark is sent to each of them)
   * @param maxParallelism the job's maximum parallelism (the number of key groups)
   */
  static Script script(TestStream<?> stream, int targets, int maxParallelism) {
    int n = stream.getEvents().size();
    long[] wm = new long[n + 1];
    long[] pt = new long[n + 1];
    wm[0] = Timestamps.MIN;
    pt[0] = stream.getStartProcessingTime();
    for (int i = 0; i < n; i++) {
      wm[i + 1] = wm[i];
      pt[i + 1] = pt[i];
      TestStream.Event<?> e = stream.getEvents().get(i);
      if (e instanceof TestStream.WatermarkEvent<?> w) {
        wm[i + 1] = w.watermark();
      } else if (e instanceof TestStream.ProcessingTimeEvent<?> p) {
        pt[i + 1] = pt[i] + p.advanceMillis();
      }
    }
    return new Script(wm, pt, targets, maxParallelism);
  }

  /** Real clocks: Flink watermarks in event-time millis. */
  final class Real implements FlinkClock {
    private static final long serialVersionUID = 1L;

    @Override
    public long eventWatermark(long flinkWatermark) {
      return Watermarks.fromFlink(flinkWatermark);
    }

    @Override
    public long processingTime(long flinkWatermark, long flinkProcessingTime) {
      return flinkProcessingTime;
    }

    @Override
    public Registration register(TimeDomain domain, long t) {
      return new Registration(domain == TimeDomain.EVENT_TIME, t + 1);
    }

    /** The Millrace time of a timer {@link #register} registered at {@code flinkTime}. */
    public long timerTime(long flinkTime) {
      return flinkTime - 1;
    }

    @Override
    public long toFlink(long outputWatermark, long flinkInputWatermark) {
      return Watermarks.toFlink(outputWatermark);
    }
  }

  /**
   * Virtual clocks: step k of the script has watermark wm[k] and processing time pt[k]; the Flink
   * watermark of step k is k, the end of input {@link Long#MAX_VALUE}. Operators keep the clocks of
   * the step they are at themselves ({@link ScriptTime}); timers are set in those clocks, not in
   * Flink time.
   */
  record Script(long[] wm, long[] pt, int targets, int maxParallelism) implements FlinkClock {
    public Script {
      Preconditions.checkArgument(wm.length == pt.length && wm.length > 0,
          "a script clock needs one watermark and one processing time per step");
      Preconditions.checkArgument(targets > 0 && maxParallelism >= targets,
          "a script clock needs 0 < targets (%s) <= maxParallelism (%s)", targets, maxParallelism);
    }

    /** The Flink watermark that stands for step k of the script. */
    public long stepWatermark(long k) {
      return k;
    }

    /**
     * The Flink watermark an operator forwards once it has completed {@code step} with output
     * watermark {@code outputWatermark}: the end of input after the script or once nothing can
     * hold it any more (the operator read only bounded input: its consumers then treat it as
     * ended from step 0, as the direct runner does), else the step's.
     */
    public long flinkWatermark(long step, long outputWatermark) {
      return step > lastStep() || outputWatermark >= Timestamps.MAX
          ? Long.MAX_VALUE : stepWatermark(step);
    }

    /**
     * The last script step whose records have all arrived when an input's Flink watermark is
     * {@code flinkWatermark}: 0 before the first step, {@link #lastStep()} + 1 at the end of input.
     */
    public long completedStep(long flinkWatermark) {
      if (flinkWatermark == Long.MAX_VALUE) {
        return wm.length;
      }
      return Math.max(0, Math.min(flinkWatermark, wm.length - 1));
    }

    /** The number of script events, the last step. */
    public long lastStep() {
      return wm.length - 1;
    }

    /** The script's watermark at step k (the end of time after the last step). */
    public long watermarkAt(long k) {
      return k >= wm.length ? Timestamps.MAX : wm[(int) Math.max(0, k)];
    }

    /** The script's processing time at step k (it stops at the last step). */
    public long processingTimeAt(long k) {
      return pt[(int) Math.max(0, Math.min(k, pt.length - 1))];
    }

    @Override
    public long eventWatermark(long flinkWatermark) {
      return watermarkAt(completedStep(flinkWatermark));
    }

    @Override
    public long processingTime(long flinkWatermark, long flinkProcessingTime) {
      return processingTimeAt(completedStep(flinkWatermark));
    }

    @Override
    public Registration register(TimeDomain domain, long t) {
      throw new UnsupportedOperationException(
          "under a script clock, timers are set in the step's clocks (ScriptTime)");
    }

    @Override
    public long toFlink(long outputWatermark, long flinkInputWatermark) {
      throw new UnsupportedOperationException(
          "under a script clock, held watermarks travel as ScriptMarkers");
    }

    @Override
    public boolean isScript() {
      return true;
    }
  }
}
