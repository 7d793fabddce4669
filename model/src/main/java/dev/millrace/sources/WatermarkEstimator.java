package dev.millrace.sources;

import java.io.Serializable;

/**
 * Turns the event timestamps a reader has seen into a watermark — the reader's estimate that no
 * element with an earlier timestamp will follow. Readers feed every element's timestamp to
 * {@link #observeTimestamp} and report {@link #currentWatermark} as their watermark.
 *
 * <p>Ready-made estimators are in {@link WatermarkEstimators} ({@code monotonic()}, {@code
 * boundedOutOfOrderness(bound)}, {@code withIdleTimeout(inner, idle)}, {@code processingTime()});
 * a custom one implements this interface.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Watermarks are epoch millis within [{@code Timestamps.MIN}, {@code Timestamps.MAX}] and
 *       never decrease from one {@link #currentWatermark} call to the next.
 *   <li>An estimator is used by one reader from one thread; it need not be thread-safe.
 *   <li>It is {@link Serializable} (it travels with its source) and its progress is checkpointed
 *       as a {@code long[]}: a reader stores {@link #state()} in its checkpoint mark and, when
 *       resuming, calls {@link #restore} on a fresh estimator with the same configuration.
 * </ul>
 */
public interface WatermarkEstimator extends Serializable {
  /** Records the event timestamp (epoch millis) of an element the reader returned. */
  void observeTimestamp(long timestampMillis);

  /**
   * The watermark now, given the current processing time (epoch millis, from the reader's {@code
   * Clock}); estimators that only look at event time ignore it.
   */
  long currentWatermark(long processingTimeMillis);

  /** The estimator's progress, to be stored in a checkpoint mark (a copy; not modified later). */
  long[] state();

  /**
   * Resets the estimator to a state returned by {@link #state()} of an estimator with the same
   * configuration.
   *
   * @throws IllegalArgumentException if the state was not produced by such an estimator
   */
  void restore(long[] state);
}
