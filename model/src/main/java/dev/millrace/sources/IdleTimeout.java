package dev.millrace.sources;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.Timestamps;
import java.util.Arrays;

/** The estimator behind {@link WatermarkEstimators#withIdleTimeout}; see there for semantics. */
final class IdleTimeout implements WatermarkEstimator {
  private static final long serialVersionUID = 1L;
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final WatermarkEstimator inner;
  private final long idleMillis;
  private long lastActivity = UNKNOWN;
  private boolean activeSinceLastQuery;
  private long emitted = Timestamps.MIN;

  IdleTimeout(WatermarkEstimator inner, long idleMillis) {
    this.inner = inner;
    this.idleMillis = idleMillis;
  }

  @Override
  public void observeTimestamp(long timestampMillis) {
    inner.observeTimestamp(timestampMillis);
    activeSinceLastQuery = true;
  }

  @Override
  public long currentWatermark(long processingTimeMillis) {
    if (activeSinceLastQuery || lastActivity == UNKNOWN) {
      lastActivity = processingTimeMillis;
      activeSinceLastQuery = false;
    }
    long watermark = inner.currentWatermark(processingTimeMillis);
    if (processingTimeMillis - lastActivity >= idleMillis) {
      watermark = Math.max(watermark, WatermarkEstimators.clamp(processingTimeMillis - idleMillis));
    }
    emitted = Math.max(emitted, watermark);
    return emitted;
  }

  @Override
  public long[] state() {
    long[] innerState = inner.state();
    long[] state = new long[innerState.length + 1];
    state[0] = emitted;
    System.arraycopy(innerState, 0, state, 1, innerState.length);
    return state;
  }

  @Override
  public void restore(long[] state) {
    Preconditions.checkArgument(
        state != null && state.length >= 1,
        "%s cannot restore the state %s: it was not saved by an idle-timeout estimator",
        this,
        Arrays.toString(state));
    inner.restore(Arrays.copyOfRange(state, 1, state.length));
    emitted = WatermarkEstimators.clamp(state[0]);
    lastActivity = UNKNOWN;
    activeSinceLastQuery = false;
  }

  @Override
  public String toString() {
    return "WatermarkEstimators.withIdleTimeout(" + inner + ", " + idleMillis + " ms)";
  }
}
