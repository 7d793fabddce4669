package dev.millrace.windowing;

import java.time.Instant;

/**
 * The named time constants of the model, in epoch milliseconds (Beam's values).
 *
 * <p>Internally every timestamp is a {@code long} of epoch millis; the public API speaks
 * {@link Instant}. {@link #MIN} is the beginning of time, {@link #MAX} the end of time (a watermark
 * at {@code MAX} means "no more data, ever"), and {@link #GLOBAL_WINDOW_MAX} the maximum timestamp
 * of the global window, one day before the end of time so that end-of-window timers in the global
 * window can still fire before the watermark reaches the end.
 */
public final class Timestamps {
  /** The beginning of time: -9223372036854775 ms. */
  public static final long MIN = -9223372036854775L;
  /** The end of time: 9223372036854775 ms. */
  public static final long MAX = 9223372036854775L;
  /** The global window's maximum timestamp: {@link #MAX} minus one day. */
  public static final long GLOBAL_WINDOW_MAX = MAX - 86_400_000L;

  /** {@link #MIN} as an instant. */
  public static final Instant MIN_INSTANT = Instant.ofEpochMilli(MIN);
  /** {@link #MAX} as an instant. */
  public static final Instant MAX_INSTANT = Instant.ofEpochMilli(MAX);

  private Timestamps() {}

  /** Renders a timestamp for messages: ISO-8601, or {@code -inf}/{@code +inf} for the bounds. */
  public static String format(long millis) {
    if (millis <= MIN) {
      return "-inf";
    }
    if (millis >= MAX) {
      return "+inf";
    }
    return Instant.ofEpochMilli(millis).toString();
  }

  /** Converts an instant to epoch millis, clamped to [{@link #MIN}, {@link #MAX}]. */
  public static long toMillis(Instant instant) {
    if (instant.isBefore(MIN_INSTANT)) {
      return MIN;
    }
    if (instant.isAfter(MAX_INSTANT)) {
      return MAX;
    }
    return instant.toEpochMilli();
  }
}
