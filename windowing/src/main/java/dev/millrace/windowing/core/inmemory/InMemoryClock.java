package dev.millrace.windowing.core.inmemory;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.Timestamps;

/**
 * The three clocks of one computation, as a runner advances them: the input watermark, the output
 * watermark and processing time (epoch millis). All three only move forward; attempts to move one
 * backwards are ignored for watermarks (a watermark never regresses) and rejected for processing
 * time. The input watermark starts at {@link Timestamps#MIN}.
 */
public final class InMemoryClock {
  private long inputWatermark = Timestamps.MIN;
  private long outputWatermark = Timestamps.MIN;
  private long processingTime;

  /** Clocks whose processing time starts at {@code startProcessingTime}. */
  public InMemoryClock(long startProcessingTime) {
    this.processingTime = startProcessingTime;
  }

  public synchronized long inputWatermark() {
    return inputWatermark;
  }

  public synchronized long outputWatermark() {
    return outputWatermark;
  }

  public synchronized long processingTime() {
    return processingTime;
  }

  /** Moves the input watermark to {@code t} if that is later. */
  public synchronized void advanceInputWatermark(long t) {
    inputWatermark = Math.max(inputWatermark, t);
  }

  /**
   * Recomputes the output watermark as the minimum of the input watermark, {@code minimumHold}
   * and {@code earliestEventTimer} (Beam's rule; pass {@link Timestamps#MAX} for "none"), never
   * moving it backwards.
   */
  public synchronized void refreshOutputWatermark(long minimumHold, long earliestEventTimer) {
    long candidate = Math.min(inputWatermark, Math.min(minimumHold, earliestEventTimer));
    outputWatermark = Math.max(outputWatermark, candidate);
  }

  /** Moves processing time to {@code t}. */
  public synchronized void advanceProcessingTime(long t) {
    Preconditions.checkArgument(
        t >= processingTime,
        "processing time cannot go backwards: it is %s, asked to move to %s",
        Timestamps.format(processingTime),
        Timestamps.format(t));
    processingTime = t;
  }
}
