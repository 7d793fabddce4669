package dev.millrace.runners.core.state;

import com.google.common.base.Preconditions;
import dev.millrace.transforms.state.Timer;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.TimeDomain;
import java.time.Duration;
import java.time.Instant;

/**
 * A user's {@link Timer} handle for one timer id of the current key and window. The builder
 * settings (offset, alignment, output timestamp) apply to the next {@code set}.
 */
final class UserTimer implements Timer {
  /** What a timer handle needs from the running invocation. */
  interface Scope {
    /** The base of relative event-time timers: the element's (or firing timer's) timestamp. */
    long inputTimestamp();

    /** The current processing time. */
    long processingTime();

    /** Validates and sets the timer; {@code outputTimestamp} may be NO_OUTPUT. */
    void setTimer(String timerId, String displayId, TimeDomain domain, long target,
        long outputTimestamp, boolean explicitOutput);

    /** Deletes the timer. */
    void deleteTimer(String timerId, TimeDomain domain);
  }

  private final Scope scope;
  private final String timerId;
  private final String displayId;
  private final TimeDomain domain;
  private long offsetMillis;
  private long periodMillis;
  private Long outputTimestamp;
  private boolean noOutput;

  UserTimer(Scope scope, String timerId, String displayId, TimeDomain domain) {
    this.scope = scope;
    this.timerId = timerId;
    this.displayId = displayId;
    this.domain = domain;
  }

  @Override
  public void set(Instant absoluteTime) {
    Preconditions.checkNotNull(absoluteTime, "timer '%s': set(null)", displayId);
    setAt(Timestamps.toMillis(absoluteTime));
  }

  @Override
  public void setRelative() {
    long base = currentRelativeMillis();
    long target = base + offsetMillis;
    if (periodMillis > 0) {
      long phase = Math.floorMod(base - offsetMillis, periodMillis);
      target = phase == 0 ? base : base + (periodMillis - phase);
    }
    setAt(target);
  }

  private void setAt(long target) {
    long output;
    if (noOutput) {
      output = TimerBook.NO_OUTPUT;
    } else if (outputTimestamp != null) {
      output = outputTimestamp;
    } else {
      output = domain == TimeDomain.EVENT_TIME ? target : scope.inputTimestamp();
    }
    scope.setTimer(timerId, displayId, domain, target, output, outputTimestamp != null);
  }

  @Override
  public Timer offset(Duration offset) {
    offsetMillis = Preconditions.checkNotNull(offset, "offset").toMillis();
    return this;
  }

  @Override
  public Timer align(Duration period) {
    Preconditions.checkArgument(period != null && !period.isNegative() && !period.isZero(),
        "timer '%s': align needs a positive period, got %s", displayId, period);
    periodMillis = period.toMillis();
    return this;
  }

  @Override
  public void clear() {
    scope.deleteTimer(timerId, domain);
  }

  @Override
  public Timer withOutputTimestamp(Instant timestamp) {
    Preconditions.checkNotNull(timestamp, "timer '%s': withOutputTimestamp(null)", displayId);
    outputTimestamp = Timestamps.toMillis(timestamp);
    noOutput = false;
    return this;
  }

  @Override
  public Timer withNoOutputTimestamp() {
    noOutput = true;
    outputTimestamp = null;
    return this;
  }

  @Override
  public Instant getCurrentRelativeTime() {
    return Instant.ofEpochMilli(currentRelativeMillis());
  }

  private long currentRelativeMillis() {
    return domain == TimeDomain.EVENT_TIME ? scope.inputTimestamp() : scope.processingTime();
  }
}
