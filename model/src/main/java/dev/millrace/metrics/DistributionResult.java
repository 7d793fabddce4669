package dev.millrace.metrics;

/**
 * The aggregate of a {@link Distribution}.
 *
 * @param sum the sum of reported values
 * @param count how many values were reported
 * @param min the smallest (Long.MAX_VALUE when none)
 * @param max the largest (Long.MIN_VALUE when none)
 */
public record DistributionResult(long sum, long count, long min, long max) {
  /** No values. */
  public static final DistributionResult EMPTY =
      new DistributionResult(0, 0, Long.MAX_VALUE, Long.MIN_VALUE);

  /** The mean, or NaN when no values were reported. */
  public double mean() {
    return count == 0 ? Double.NaN : (double) sum / count;
  }

  /** Both aggregates combined. */
  public DistributionResult combine(DistributionResult o) {
    return new DistributionResult(
        sum + o.sum, count + o.count, Math.min(min, o.min), Math.max(max, o.max));
  }
}
