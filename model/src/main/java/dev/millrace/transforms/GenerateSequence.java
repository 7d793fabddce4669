package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.sources.BoundedSource;
import dev.millrace.sources.CountingSource;
import dev.millrace.sources.UnboundedCountingSource;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import java.time.Duration;
import java.time.Instant;

/**
 * Generates the {@code Long}s {@code from, from + 1, ...}: a test and benchmark input.
 *
 * <pre>{@code
 * p.apply(GenerateSequence.from(0).to(1000));                        // bounded: 0..999
 * p.apply(GenerateSequence.from(0));                                 // unbounded, as fast as read
 * p.apply(GenerateSequence.from(0).withRate(10, Duration.ofSeconds(1)));      // 10 per second
 * p.apply(GenerateSequence.from(0).to(100).withRate(10, Duration.ofSeconds(1))); // finishes
 * }</pre>
 *
 * <p><b>Bounded</b> when {@link #to} is given and neither {@link #withRate} nor {@link
 * #withMaxReadTime} is: a bounded collection of {@code [from, to)}, read in parallel in
 * contiguous ranges, each value timestamped with {@link #withTimestampFn} or at the beginning of
 * time.
 *
 * <p><b>Unbounded</b> otherwise: an unbounded collection produced at the given rate of
 * processing time (unlimited by default), each value timestamped with {@link #withTimestampFn}
 * or with the processing time at which it was generated; the watermark follows the timestamps
 * (so a timestamp function should not decrease as values grow). It finishes — its watermark
 * reaches the end of time — once every value below {@code to} has been generated, or once
 * {@link #withMaxReadTime} of processing time has passed; without either it never finishes.
 * Parallel readers take every n-th value each, sharing the rate; after a failure the sequence
 * resumes where its last checkpoint left it, without loss or duplicates.
 *
 * <p>The transform is immutable; each {@code with...} returns a new one.
 */
public final class GenerateSequence extends PTransform<PBegin, PCollection<Long>> {
  private final long from;
  private final long to;
  private final long rateCount;
  private final Duration ratePeriod;
  private final Duration maxReadTime;
  private final SerializableFunction<Long, Instant> timestampFn;

  private GenerateSequence(long from, long to, long rateCount, Duration ratePeriod,
      Duration maxReadTime, SerializableFunction<Long, Instant> timestampFn) {
    super("GenerateSequence");
    this.from = from;
    this.to = to;
    this.rateCount = rateCount;
    this.ratePeriod = ratePeriod;
    this.maxReadTime = maxReadTime;
    this.timestampFn = timestampFn;
  }

  /**
   * A sequence starting at {@code from} (non-negative), unbounded until {@link #to} is given.
   *
   * @throws IllegalArgumentException if {@code from} is negative
   */
  public static GenerateSequence from(long from) {
    Preconditions.checkArgument(
        from >= 0, "GenerateSequence.from(%s): the start must be non-negative", from);
    return new GenerateSequence(from, -1, 0, null, null, null);
  }

  /**
   * Ends the sequence before {@code to} (exclusive).
   *
   * @throws IllegalArgumentException if {@code to} is before the start
   */
  public GenerateSequence to(long newTo) {
    Preconditions.checkArgument(newTo >= from,
        "GenerateSequence.from(%s).to(%s): the end (exclusive) must not be before the start",
        from, newTo);
    return new GenerateSequence(from, newTo, rateCount, ratePeriod, maxReadTime, timestampFn);
  }

  /**
   * Generates at most {@code count} values per {@code period} of processing time; makes the
   * sequence unbounded.
   */
  public GenerateSequence withRate(long count, Duration period) {
    Preconditions.checkArgument(count > 0,
        "GenerateSequence.withRate(%s, ...): the count must be positive", count);
    Preconditions.checkNotNull(period, "GenerateSequence.withRate(..., null): give a period");
    Preconditions.checkArgument(period.toMillis() > 0,
        "GenerateSequence.withRate(%s, %s): the period must be at least one millisecond",
        count, period);
    return new GenerateSequence(from, to, count, period, maxReadTime, timestampFn);
  }

  /**
   * Stops generating after {@code duration} of processing time (per parallel reader, measured
   * from when it first started, across restarts); makes the sequence unbounded but finishing.
   */
  public GenerateSequence withMaxReadTime(Duration duration) {
    Preconditions.checkNotNull(duration, "GenerateSequence.withMaxReadTime(null)");
    Preconditions.checkArgument(!duration.isNegative(),
        "GenerateSequence.withMaxReadTime(%s): the duration must not be negative", duration);
    return new GenerateSequence(from, to, rateCount, ratePeriod, duration, timestampFn);
  }

  /** Timestamps each value with {@code fn(value)}. */
  public GenerateSequence withTimestampFn(SerializableFunction<Long, Instant> fn) {
    Preconditions.checkNotNull(fn, "GenerateSequence.withTimestampFn(null): give a function");
    return new GenerateSequence(from, to, rateCount, ratePeriod, maxReadTime, fn);
  }

  /** Whether this sequence is read as a bounded collection. */
  public boolean isBounded() {
    return to >= 0 && rateCount == 0 && maxReadTime == null;
  }

  @Override
  public PCollection<Long> expand(PBegin input) {
    if (isBounded()) {
      BoundedSource<Long> source = CountingSource.bounded(from, to, timestampFn);
      return input.apply("Read", Read.from(source));
    }
    return input.apply("Read", Read.from(unboundedSource()));
  }

  private UnboundedCountingSource unboundedSource() {
    UnboundedCountingSource source = CountingSource.unbounded(from);
    if (to >= 0) {
      source = source.to(to);
    }
    if (rateCount > 0) {
      source = source.withRate(rateCount, ratePeriod);
    }
    if (maxReadTime != null) {
      source = source.withMaxReadTime(maxReadTime);
    }
    if (timestampFn != null) {
      source = source.withTimestampFn(timestampFn);
    }
    return source;
  }

  @Override
  public String toString() {
    return "GenerateSequence(from=" + from + (to >= 0 ? ", to=" + to : "")
        + (rateCount > 0 ? ", rate=" + rateCount + "/" + ratePeriod : "")
        + (maxReadTime != null ? ", maxReadTime=" + maxReadTime : "") + ")";
  }
}
