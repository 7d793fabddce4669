package dev.millrace.sources;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.time.Clock;
import dev.millrace.transforms.SerializableFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An unbounded source of the numbers {@code from, from + stride, from + 2 * stride, ...} below an
 * optional end, created by {@link CountingSource#unbounded} and configured with the {@code with...}
 * methods (each returns a new source).
 *
 * <ul>
 *   <li>Rate: with {@link #withRate}, the reader makes element {@code k} (counting from 0 since
 *       the split first started reading) available at processing time {@code start + k * period
 *       / count}; without it, as fast as it is polled. Processing time comes from the system
 *       clock.
 *   <li>Timestamps: {@link #withTimestampFn} of the value, or by default the processing time at
 *       which the element is emitted (ingestion time). The watermark is the highest timestamp
 *       emitted so far ({@link WatermarkEstimators#monotonic()}), so a timestamp function should
 *       not decrease as values grow.
 *   <li>End: the reader finishes (watermark {@code Timestamps.MAX}) once every value below {@link
 *       #to} has been emitted, or once {@link #withMaxReadTime} of processing time has passed
 *       since the split first started reading, whichever comes first.
 *   <li>Splitting: split {@code i} of {@code n} emits {@code from + i * stride}, then every
 *       {@code n * stride}-th value, at {@code 1/n} of the rate; together the splits emit every
 *       value exactly once.
 *   <li>Checkpoint mark: a {@link CounterMark} holding the next value to emit, when the split
 *       first started, and the watermark state. Resuming from it continues without loss or
 *       duplicates, on the original rate schedule.
 * </ul>
 */
public final class UnboundedCountingSource
    extends UnboundedSource<Long, UnboundedCountingSource.CounterMark> {
  private static final long serialVersionUID = 1L;

  final long from;
  final long to;
  final long stride;
  /** Elements per period; 0 means no rate limit. */
  final long elementsPerPeriod;
  final long periodMillis;
  /** Processing time after which the reader finishes; -1 for never. */
  final long maxReadTimeMillis;
  final SerializableFunction<Long, Instant> timestampFn;
  final Clock clock;

  private UnboundedCountingSource(long from, long to, long stride, long elementsPerPeriod,
      long periodMillis, long maxReadTimeMillis, SerializableFunction<Long, Instant> timestampFn,
      Clock clock) {
    this.from = from;
    this.to = to;
    this.stride = stride;
    this.elementsPerPeriod = elementsPerPeriod;
    this.periodMillis = periodMillis;
    this.maxReadTimeMillis = maxReadTimeMillis;
    this.timestampFn = timestampFn;
    this.clock = clock;
  }

  static UnboundedCountingSource startingAt(long from) {
    return new UnboundedCountingSource(
        from, Long.MAX_VALUE, 1, 0, 1, -1, null, Clock.system());
  }

  /**
   * Ends the sequence before {@code to} (exclusive): the reader finishes after emitting {@code
   * to - 1}.
   */
  public UnboundedCountingSource to(long newTo) {
    CountingSource.checkRange(from, newTo);
    Preconditions.checkState(stride == 1, "set the end before splitting the source");
    return new UnboundedCountingSource(from, newTo, stride, elementsPerPeriod, periodMillis,
        maxReadTimeMillis, timestampFn, clock);
  }

  /** Emits at most {@code count} elements per {@code period} of processing time. */
  public UnboundedCountingSource withRate(long count, Duration period) {
    Preconditions.checkArgument(count > 0, "withRate(%s, ...): the count must be positive", count);
    Preconditions.checkNotNull(period, "withRate(..., null): give the period");
    Preconditions.checkArgument(period.toMillis() > 0,
        "withRate(%s, %s): the period must be at least one millisecond", count, period);
    Preconditions.checkState(stride == 1, "set the rate before splitting the source");
    return new UnboundedCountingSource(from, to, stride, count, period.toMillis(),
        maxReadTimeMillis, timestampFn, clock);
  }

  /** Finishes after {@code maxReadTime} of processing time since the split started reading. */
  public UnboundedCountingSource withMaxReadTime(Duration maxReadTime) {
    Preconditions.checkNotNull(maxReadTime, "withMaxReadTime(null): give a duration");
    Preconditions.checkArgument(!maxReadTime.isNegative(),
        "withMaxReadTime(%s): the duration must not be negative", maxReadTime);
    return new UnboundedCountingSource(from, to, stride, elementsPerPeriod, periodMillis,
        maxReadTime.toMillis(), timestampFn, clock);
  }

  /** Stamps each value with {@code fn(value)} instead of the processing time of emission. */
  public UnboundedCountingSource withTimestampFn(SerializableFunction<Long, Instant> fn) {
    Preconditions.checkNotNull(fn, "withTimestampFn(null): give a function");
    return new UnboundedCountingSource(from, to, stride, elementsPerPeriod, periodMillis,
        maxReadTimeMillis, fn, clock);
  }

  /** Test hook: reads processing time from {@code newClock} (e.g. a {@code ManualClock}). */
  UnboundedCountingSource withClock(Clock newClock) {
    return new UnboundedCountingSource(from, to, stride, elementsPerPeriod, periodMillis,
        maxReadTimeMillis, timestampFn, Preconditions.checkNotNull(newClock));
  }

  /** The number of values this source emits (saturating at {@code Long.MAX_VALUE}). */
  long valueCount() {
    long span = to - from;
    return span / stride + (span % stride == 0 ? 0 : 1);
  }

  @Override
  public List<UnboundedCountingSource> split(int desiredNumSplits, PipelineOptions options) {
    long n = Math.min(desiredNumSplits, valueCount());
    if (n <= 1) {
      return List.of(this);
    }
    List<UnboundedCountingSource> splits = new ArrayList<>();
    long newStride = Math.multiplyExact(stride, n);
    long newPeriod = elementsPerPeriod == 0 ? periodMillis : Math.multiplyExact(periodMillis, n);
    for (long i = 0; i < n; i++) {
      splits.add(new UnboundedCountingSource(from + i * stride, to, newStride, elementsPerPeriod,
          newPeriod, maxReadTimeMillis, timestampFn, clock));
    }
    return splits;
  }

  @Override
  public UnboundedReader<Long> createReader(PipelineOptions options, CounterMark mark) {
    if (mark != null) {
      boolean inSplit = mark.nextValue() == to
          || (mark.nextValue() >= from && mark.nextValue() < to
              && (mark.nextValue() - from) % stride == 0);
      Preconditions.checkArgument(inSplit,
          "the checkpoint mark %s does not belong to the split %s; restore marks into the splits "
              + "they were taken from (split the source the same way after a restart)",
          mark, this);
    }
    return new UnboundedCountingReader(this, mark);
  }

  @Override
  public Coder<CounterMark> getCheckpointMarkCoder() {
    return CounterMarkCoder.of();
  }

  @Override
  public Coder<Long> getOutputCoder() {
    return VarLongCoder.of();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("UnboundedCountingSource(from=").append(from);
    if (to != Long.MAX_VALUE) {
      sb.append(", to=").append(to);
    }
    if (stride != 1) {
      sb.append(", stride=").append(stride);
    }
    if (elementsPerPeriod > 0) {
      sb.append(", rate=").append(elementsPerPeriod).append('/').append(periodMillis).append("ms");
    }
    if (maxReadTimeMillis >= 0) {
      sb.append(", maxReadTime=").append(maxReadTimeMillis).append("ms");
    }
    return sb.append(')').toString();
  }

  /**
   * The position of an {@link UnboundedCountingSource} reader.
   *
   * @param nextValue the next value the split will emit ({@code to} when all are emitted)
   * @param startMillis the processing time at which the split first started reading, or {@link
   *     Long#MIN_VALUE} if it has not started
   * @param watermarkState the watermark estimator's {@link WatermarkEstimator#state() state}
   */
  public record CounterMark(long nextValue, long startMillis, long[] watermarkState)
      implements UnboundedSource.CheckpointMark {
    /** Copies the state array. */
    public CounterMark {
      watermarkState = watermarkState.clone();
    }

    @Override
    public long[] watermarkState() {
      return watermarkState.clone();
    }

    /** Nothing to acknowledge: the sequence can be regenerated from any position. */
    @Override
    public void finalizeCheckpoint() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof CounterMark m && m.nextValue == nextValue
          && m.startMillis == startMillis && java.util.Arrays.equals(m.watermarkState,
              watermarkState);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(nextValue) * 31 + java.util.Arrays.hashCode(watermarkState);
    }

    @Override
    public String toString() {
      return "CounterMark(next=" + nextValue + ", start=" + startMillis + ", watermarkState="
          + java.util.Arrays.toString(watermarkState) + ")";
    }
  }
}
