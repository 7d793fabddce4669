package dev.millrace.sources;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.Timestamps;
import java.time.Duration;
import java.util.Arrays;

/**
 * The standard {@link WatermarkEstimator}s. Each call returns a new estimator with fresh state
 * (watermark at {@code Timestamps.MIN}).
 */
public final class WatermarkEstimators {
  private WatermarkEstimators() {}

  /**
   * For sources whose timestamps never decrease (e.g. ingestion time, a log read in order): the
   * watermark is the highest timestamp seen so far. An element with a lower timestamp than an
   * earlier one is late. {@code Timestamps.MIN} until the first element.
   */
  public static WatermarkEstimator monotonic() {
    return new MaxSeen(0L, "monotonic()");
  }

  /**
   * For sources whose elements arrive at most {@code bound} out of order: the watermark is the
   * highest timestamp seen minus {@code bound}, so an element is on time as long as its timestamp
   * is no more than {@code bound} before the highest seen so far (an element exactly {@code
   * bound} behind is still on time). {@code Timestamps.MIN} until the first element.
   *
   * @throws IllegalArgumentException if {@code bound} is negative
   */
  public static WatermarkEstimator boundedOutOfOrderness(Duration bound) {
    Preconditions.checkNotNull(bound, "boundedOutOfOrderness(null): give the maximum delay");
    Preconditions.checkArgument(
        !bound.isNegative(),
        "boundedOutOfOrderness(%s): the bound must not be negative; use Duration.ZERO for "
            + "in-order timestamps",
        bound);
    return new MaxSeen(bound.toMillis(), "boundedOutOfOrderness(" + bound + ")");
  }

  /**
   * The processing time itself, ignoring element timestamps: for sources that stamp elements
   * with their arrival time from the same clock the reader passes in.
   */
  public static WatermarkEstimator processingTime() {
    return new ProcessingTime();
  }

  /**
   * Wraps {@code inner} so that an idle source does not hold the job's watermark back forever.
   *
   * <p>Exactly: the source counts as <em>active</em> at processing time {@code p} when {@link
   * WatermarkEstimator#observeTimestamp} was called since the previous {@link
   * WatermarkEstimator#currentWatermark} call; the last such {@code p} (or the first query, if
   * no element has arrived yet) is the <em>last activity</em>. When {@code p - lastActivity >=
   * idle}, the source is idle and the watermark is {@code max(inner watermark, p - idle)};
   * otherwise it is the inner watermark. The result never decreases: once data flows again, the
   * watermark holds at the highest value returned until the inner one overtakes it.
   *
   * <p>This assumes that an element arriving after a quiet spell of at least {@code idle} has a
   * timestamp no more than {@code idle} before its arrival in processing time (true for
   * ingestion-time stamps and for sources whose event time tracks the wall clock); older
   * elements arriving then are treated as late data. Because activity is noticed at the next
   * watermark query, runners should query after each bundle of reads.
   *
   * <p>State: the inner state plus the highest watermark returned; the idle timer restarts at
   * the first query after {@link WatermarkEstimator#restore}.
   *
   * @throws IllegalArgumentException if {@code idle} is not positive
   */
  public static WatermarkEstimator withIdleTimeout(WatermarkEstimator inner, Duration idle) {
    Preconditions.checkNotNull(inner, "withIdleTimeout(null, ...): give the estimator to wrap");
    Preconditions.checkNotNull(idle, "withIdleTimeout(..., null): give the idle timeout");
    Preconditions.checkArgument(
        !idle.isNegative() && !idle.isZero(),
        "withIdleTimeout(..., %s): the idle timeout must be positive",
        idle);
    return new IdleTimeout(inner, idle.toMillis());
  }

  static long clamp(long millis) {
    return Math.max(Timestamps.MIN, Math.min(Timestamps.MAX, millis));
  }

  static void checkStateLength(long[] state, int expected, Object estimator) {
    Preconditions.checkNotNull(state, "%s: cannot restore a null state", estimator);
    Preconditions.checkArgument(
        state.length == expected,
        "%s cannot restore the state %s: expected %s values. Was it saved by an estimator of "
            + "another kind?",
        estimator,
        Arrays.toString(state),
        expected);
  }

  /** Highest timestamp seen minus a fixed bound (0 for monotonic). */
  private static final class MaxSeen implements WatermarkEstimator {
    private static final long serialVersionUID = 1L;
    private final long boundMillis;
    private final String description;
    private long maxSeen = Timestamps.MIN;

    MaxSeen(long boundMillis, String description) {
      this.boundMillis = boundMillis;
      this.description = description;
    }

    @Override
    public void observeTimestamp(long timestampMillis) {
      maxSeen = Math.max(maxSeen, clamp(timestampMillis));
    }

    @Override
    public long currentWatermark(long processingTimeMillis) {
      return maxSeen <= Timestamps.MIN ? Timestamps.MIN : clamp(maxSeen - boundMillis);
    }

    @Override
    public long[] state() {
      return new long[] {maxSeen};
    }

    @Override
    public void restore(long[] state) {
      checkStateLength(state, 1, this);
      maxSeen = clamp(state[0]);
    }

    @Override
    public String toString() {
      return "WatermarkEstimators." + description;
    }
  }

  /** The processing time, never decreasing. */
  private static final class ProcessingTime implements WatermarkEstimator {
    private static final long serialVersionUID = 1L;
    private long highest = Timestamps.MIN;

    @Override
    public void observeTimestamp(long timestampMillis) {}

    @Override
    public long currentWatermark(long processingTimeMillis) {
      highest = Math.max(highest, clamp(processingTimeMillis));
      return highest;
    }

    @Override
    public long[] state() {
      return new long[] {highest};
    }

    @Override
    public void restore(long[] state) {
      checkStateLength(state, 1, this);
      highest = clamp(state[0]);
    }

    @Override
    public String toString() {
      return "WatermarkEstimators.processingTime()";
    }
  }
}
