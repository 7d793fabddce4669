package dev.millrace.windowing;

import java.io.Serializable;
import java.util.Collection;

/**
 * Answers the Dataflow Model's "where in event time": assigns each element, by its timestamp, to
 * zero or more windows, and, for merging functions such as {@link Sessions}, merges the windows of
 * a key as elements arrive. Built-ins: {@link GlobalWindows}, {@link FixedWindows},
 * {@link SlidingWindows}, {@link Sessions} and {@link CalendarWindows}. Users may write their own;
 * implementations must be serializable, immutable, and implement {@code equals}.
 *
 * @param <W> the type of the windows assigned
 */
public interface WindowFn<W extends BoundedWindow> extends Serializable {

  /** The windows an element with the given timestamp (epoch millis) belongs to; may be empty. */
  Collection<W> assignWindows(long timestampMillis);

  /** Whether this function merges windows; if so, {@link #mergeWindows} is called by groupings. */
  default boolean isMerging() {
    return false;
  }

  /**
   * Merges some of the key's windows by calling {@link MergeContext#merge}. Does nothing for
   * non-merging functions. {@link MergeOverlappingIntervalWindows} is a ready-made policy.
   */
  default void mergeWindows(MergeContext<W> c) {}

  /**
   * Whether collections windowed by {@code other} may be combined (e.g. flattened) with those
   * windowed by this function, because both produce the same windows. Equality by default.
   */
  default boolean isCompatible(WindowFn<?> other) {
    return equals(other);
  }

  /** The codec runners use to keep windows of this function in state. */
  StateCodec<W> windowCodec();

  /**
   * The side-input window that a main-input element in {@code mainWindow} reads (Beam's default
   * window mapping). By default: the window this function assigns to the main window's maximum
   * timestamp, picking the latest-starting one when there are several interval windows.
   * Merging functions cannot be used for side inputs and throw.
   *
   * @throws UnsupportedOperationException for merging functions
   * @throws IllegalArgumentException if the main window is the global window but this is not
   *     {@link GlobalWindows}
   */
  default BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
    return WindowMappings.defaultSideInputWindow(this, mainWindow);
  }

  /**
   * The output timestamp an element contributes to its window before the timestamp combiner
   * applies (Beam's {@code getOutputTime}). The input timestamp by default.
   */
  default long assignOutputTime(long inputTimestamp, W window) {
    return inputTimestamp;
  }
}
