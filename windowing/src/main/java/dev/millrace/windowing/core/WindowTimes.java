package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.Timestamps;
import java.time.Duration;

/** Times derived from a window and the allowed lateness. */
final class WindowTimes {
  static final String GC_TIMER = "gc";

  private WindowTimes() {}

  /**
   * When the window is garbage collected: its maximum timestamp plus the allowed lateness, capped
   * at the global window's maximum timestamp.
   */
  static long gcTime(BoundedWindow window, Duration allowedLateness) {
    long max = window.maxTimestampMillis();
    long lateness = allowedLateness.toMillis();
    return max > Timestamps.GLOBAL_WINDOW_MAX - lateness
        ? Math.max(max, Timestamps.GLOBAL_WINDOW_MAX)
        : max + lateness;
  }
}
