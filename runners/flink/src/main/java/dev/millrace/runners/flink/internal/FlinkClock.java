package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.testing.TestStream;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.TimeDomain;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How the runner's operators read Millrace clocks (input watermark, processing time) from Flink
 * watermarks, where they register timers, and which Flink watermark they forward.
 *
 * <p>{@link #real()}: Flink watermarks are event-time millis, processing time is the machine's.
 * {@link #script(TestStream)}: under a TestStream, the Flink watermark stands for the number of
 * script events replayed so far (the step), possibly with an event time held within that step,
 * and both Millrace clocks (the event-time watermark and a virtual processing time) are looked up
 * from it, so processing time travels with the data like a second watermark and processing-time
 * triggers fire deterministically.
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

  /**
   * The Flink watermark a TestStream forwards after replaying {@code k} script events (only used
   * with a {@link #isScript() script clock}).
   */
  default long stepWatermark(long k) {
    return k;
  }

  /**
   * The last script step whose data has all arrived when an input's Flink watermark is {@code
   * flinkWatermark}: k for the watermark of step k or a time held within step k's gap, 0 before
   * the first step, and {@link #lastStep()} + 1 at the end of input (script clock only).
   */
  default long completedStep(long flinkWatermark) {
    throw new UnsupportedOperationException("only a script clock has steps");
  }

  /** The script step of the {@code bundle}-th addElements event, or -1 (script clock only). */
  default long bundleStep(long bundle) {
    return -1;
  }

  /** The number of script events, the last step (script clock only). */
  default long lastStep() {
    throw new UnsupportedOperationException("only a script clock has steps");
  }

  /** Whether the records carry TestStream bundle numbers as Flink timestamps. */
  default boolean isScript() {
    return false;
  }

  /** Real clocks. */
  static FlinkClock real() {
    return new Real();
  }

  /** The virtual clocks of a TestStream's script. */
  static FlinkClock script(TestStream<?> stream) {
    int n = stream.getEvents().size();
    long[] wm = new long[n + 1];
    long[] pt = new long[n + 1];
    List<Long> bundleSteps = new ArrayList<>();
    bundleSteps.add(-1L);
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
      } else if (e instanceof TestStream.ElementEvent<?>) {
        bundleSteps.add((long) i + 1);
      }
    }
    return new Script(wm, pt, bundleSteps.stream().mapToLong(Long::longValue).toArray());
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

    @Override
    public long toFlink(long outputWatermark, long flinkInputWatermark) {
      return Watermarks.toFlink(outputWatermark);
    }
  }

  /**
   * Virtual clocks: step k of the script has watermark wm[k] and processing time pt[k]. The Flink
   * watermark of step k is {@code k << OFFSET_BITS}; the values in between stand for event times
   * strictly between wm[k] and wm[k + 1] (processing time still pt[k]), so an operator whose
   * output watermark is held at such a time (by pushed-back elements, watermark holds or pending
   * timers) forwards it exactly instead of rounding it down to wm[k]. When a gap has more
   * values than fit, the times close to either end stay exact and the middle rounds down.
   * {@code bundleSteps[b]} is the step of the b-th addElements event (index 0 unused).
   */
  record Script(long[] wm, long[] pt, long[] bundleSteps) implements FlinkClock {
    /** Low bits of a Flink watermark: the offset of a held time within its step's gap. */
    static final int OFFSET_BITS = 36;
    private static final long OFFSETS = (1L << OFFSET_BITS) - 1;
    private static final long LOW_ZONE = OFFSETS / 2;
    private static final long HIGH_ZONE = OFFSETS - LOW_ZONE;

    public Script {
      Preconditions.checkArgument(wm.length == pt.length && wm.length > 0,
          "a script clock needs one watermark and one processing time per step");
      Preconditions.checkArgument(wm.length < (1L << (63 - OFFSET_BITS)) - 1,
          "a TestStream with %s events is too long for the Flink runner (at most %s)",
          wm.length - 1, (1L << (63 - OFFSET_BITS)) - 3);
    }

    /** The Flink watermark that stands for step k of the script. */
    @Override
    public long stepWatermark(long k) {
      return k << OFFSET_BITS;
    }

    @Override
    public long completedStep(long flinkWatermark) {
      if (flinkWatermark == Long.MAX_VALUE) {
        return wm.length;
      }
      return flinkWatermark < 0 ? 0 : Math.min(flinkWatermark >> OFFSET_BITS, wm.length - 1);
    }

    @Override
    public long bundleStep(long bundle) {
      return bundle > 0 && bundle < bundleSteps.length ? bundleSteps[(int) bundle] : -1;
    }

    @Override
    public long lastStep() {
      return wm.length - 1;
    }

    private int step(long flinkWatermark) {
      if (flinkWatermark == Long.MAX_VALUE) {
        return wm.length - 1;
      }
      return (int) Math.max(0, Math.min(flinkWatermark >> OFFSET_BITS, wm.length - 1));
    }

    /** The event time just after step k's gap: the next step's watermark, or the end of time. */
    private long top(int k) {
      return k + 1 < wm.length ? wm[k + 1] : Timestamps.MAX;
    }

    @Override
    public long eventWatermark(long flinkWatermark) {
      if (flinkWatermark == Long.MAX_VALUE) {
        return Timestamps.MAX;
      }
      if (flinkWatermark < 0) {
        return wm[0];
      }
      int k = step(flinkWatermark);
      long r = flinkWatermark & OFFSETS;
      if (r == 0 || k != flinkWatermark >> OFFSET_BITS) {
        return wm[k];
      }
      long gap = top(k) - wm[k] - 1;
      if (gap <= OFFSETS) {
        return wm[k] + Math.min(r, gap);
      }
      return r <= LOW_ZONE ? wm[k] + r : top(k) - HIGH_ZONE + (r - LOW_ZONE - 1);
    }

    /** The offset in step k's gap of event time t (wm[k] < t < top(k)), rounded down. */
    private long offset(int k, long t) {
      long gap = top(k) - wm[k] - 1;
      long above = t - wm[k];
      if (gap <= OFFSETS || above <= LOW_ZONE) {
        return above;
      }
      long below = top(k) - t;
      return below <= HIGH_ZONE ? LOW_ZONE + 1 + (HIGH_ZONE - below) : LOW_ZONE;
    }

    /** The last step at or before {@code last} whose watermark is at most t (0 if none). */
    private int lastStepAtOrBefore(int last, long t) {
      int k = last;
      while (k > 0 && wm[k] > t) {
        k--;
      }
      return k;
    }

    @Override
    public long processingTime(long flinkWatermark, long flinkProcessingTime) {
      return pt[step(flinkWatermark)];
    }

    @Override
    public Registration register(TimeDomain domain, long t) {
      if (domain != TimeDomain.EVENT_TIME) {
        for (int k = 0; k < pt.length; k++) {
          if (pt[k] > t) {
            return new Registration(true, stepWatermark(k));
          }
        }
        return null; // processing time stops at the end of the script
      }
      if (wm[0] > t) {
        return new Registration(true, stepWatermark(0));
      }
      if (t >= Timestamps.MAX - 1) {
        return new Registration(true, Long.MAX_VALUE);
      }
      int k = lastStepAtOrBefore(wm.length - 1, t);
      long u = t + 1;
      if (u >= top(k)) {
        return new Registration(true,
            k + 1 < wm.length ? stepWatermark(k + 1) : Long.MAX_VALUE);
      }
      // The first Flink watermark that stands for a time after t: u itself if it is exact.
      long r = offset(k, u);
      if (eventWatermark(stepWatermark(k) + r) <= t) {
        r++;
      }
      return new Registration(true, stepWatermark(k) + r);
    }

    @Override
    public long toFlink(long outputWatermark, long flinkInputWatermark) {
      if (outputWatermark >= Timestamps.MAX) {
        return Long.MAX_VALUE;
      }
      if (flinkInputWatermark != Long.MAX_VALUE
          && outputWatermark >= eventWatermark(flinkInputWatermark)) {
        return flinkInputWatermark;
      }
      int k = lastStepAtOrBefore(step(flinkInputWatermark), outputWatermark);
      if (wm[k] >= outputWatermark) {
        return k == 0 ? Long.MIN_VALUE : stepWatermark(k);
      }
      return stepWatermark(k) + offset(k, outputWatermark);
    }

    @Override
    public boolean isScript() {
      return true;
    }
  }
}
