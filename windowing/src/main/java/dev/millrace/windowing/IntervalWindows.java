package dev.millrace.windowing;

/** Package-private helpers for building interval windows near the end of time. */
final class IntervalWindows {
  private IntervalWindows() {}

  /**
   * {@code [start, start + size)}, with the end capped at the end of the global window (its max
   * timestamp + 1 ms) so that no window outlives the global window.
   */
  static IntervalWindow cappedWindow(long start, long size) {
    long endOfGlobal = Timestamps.GLOBAL_WINDOW_MAX + 1;
    long end = start > endOfGlobal - size ? Math.max(start, endOfGlobal) : start + size;
    return new IntervalWindow(start, end);
  }
}
