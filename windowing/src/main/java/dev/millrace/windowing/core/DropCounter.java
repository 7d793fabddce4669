package dev.millrace.windowing.core;

/**
 * Receives the counts of elements a grouping drops, so a runner can report them as metrics
 * (Beam's {@code droppedDueToLateness} and {@code droppedDueToClosedWindow} counters). A value in
 * several windows counts once per dropped window.
 */
public interface DropCounter {
  /** Ignores every count. */
  DropCounter NONE = count -> {};

  /**
   * {@code count} elements arrived for a window that had already expired: the input watermark
   * was past the window's maximum timestamp plus the allowed lateness.
   */
  void droppedDueToLateness(long count);

  /** {@code count} elements arrived for a window whose trigger had already finished. */
  default void droppedDueToClosedWindow(long count) {}
}
