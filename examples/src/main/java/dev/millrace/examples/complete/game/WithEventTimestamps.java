package dev.millrace.examples.complete.game;

import dev.millrace.transforms.DoFn;
import java.time.Duration;

/**
 * Moves each {@link GameEvent} to its own event time ({@link GameEvent#timestamp()}), so that
 * windowing groups events by when they happened. Input read from files is at the beginning of
 * time, so any event time is allowed; for inputs that already carry later timestamps, give the
 * largest distance to go back with {@link #withAllowedSkew}.
 */
public class WithEventTimestamps extends DoFn<GameEvent, GameEvent> {
  private static final long serialVersionUID = 1L;
  private final Duration allowedSkew;

  /** Re-timestamps events that arrive no later than their event time (e.g. read from files). */
  public WithEventTimestamps() {
    this(Duration.ZERO);
  }

  private WithEventTimestamps(Duration allowedSkew) {
    this.allowedSkew = allowedSkew;
  }

  /** Allows moving timestamps back by up to {@code skew}. */
  public static WithEventTimestamps withAllowedSkew(Duration skew) {
    return new WithEventTimestamps(skew);
  }

  @Override
  public void processElement(ProcessContext c) {
    c.outputWithTimestamp(c.element(), c.element().timestamp());
  }

  @Override
  public Duration getAllowedTimestampSkew() {
    return allowedSkew;
  }
}
