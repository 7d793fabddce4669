package dev.millrace.runners.flink.internal;

import dev.millrace.testing.TestStream;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.TimeDomain;
import java.io.Serializable;

/**
 * How the runner's operators read Millrace clocks (input watermark, processing time) from Flink
 * watermarks, where they register timers, and which Flink watermark they forward.
 *
 * <p>{@link #real()}: Flink watermarks are event-time millis, processing time is the machine's.
 * {@link #script(TestStream)}: under a TestStream, the Flink watermark is the number of script
 * events replayed so far, and both Millrace clocks (the event-time watermark and a virtual
 * processing time) are looked up from it, so processing time travels with the data like a
 * second watermark and processing-time triggers fire deterministically.
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
    return new Script(wm, pt);
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

  /** Virtual clocks: step k of the script has watermark wm[k] and processing time pt[k]. */
  record Script(long[] wm, long[] pt) implements FlinkClock {
    private int step(long flinkWatermark) {
      if (flinkWatermark == Long.MAX_VALUE) {
        return wm.length - 1;
      }
      return (int) Math.max(0, Math.min(flinkWatermark, wm.length - 1));
    }

    @Override
    public long eventWatermark(long flinkWatermark) {
      return flinkWatermark == Long.MAX_VALUE ? Timestamps.MAX : wm[step(flinkWatermark)];
    }

    @Override
    public long processingTime(long flinkWatermark, long flinkProcessingTime) {
      return pt[step(flinkWatermark)];
    }

    @Override
    public Registration register(TimeDomain domain, long t) {
      long[] clock = domain == TimeDomain.EVENT_TIME ? wm : pt;
      for (int k = 0; k < clock.length; k++) {
        if (clock[k] > t) {
          return new Registration(true, k);
        }
      }
      // Event time passes every timer at the end of input; processing time stops.
      return domain == TimeDomain.EVENT_TIME ? new Registration(true, Long.MAX_VALUE) : null;
    }

    @Override
    public long toFlink(long outputWatermark, long flinkInputWatermark) {
      if (outputWatermark >= Timestamps.MAX) {
        return Long.MAX_VALUE;
      }
      int k = step(flinkInputWatermark);
      while (k > 0 && wm[k] > outputWatermark) {
        k--;
      }
      return k == 0 ? Long.MIN_VALUE : k;
    }

    @Override
    public boolean isScript() {
      return true;
    }
  }
}
