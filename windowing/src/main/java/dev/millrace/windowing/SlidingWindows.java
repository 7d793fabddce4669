package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Overlapping windows of equal {@code size} that start every {@code period}: windows
 * {@code [offset + k*period, offset + k*period + size)}. With {@code size} a multiple of
 * {@code period}, every element is in {@code size/period} windows; with a period longer than the
 * size some timestamps are in no window at all (such elements are dropped by window assignment).
 *
 * <p>{@code SlidingWindows.of(size)} starts a window every minute for sizes of at least an hour,
 * every second for sizes of at least a minute, and every millisecond otherwise (Beam's defaults);
 * call {@link #every} to choose. The offset is normalized into {@code [0, period)}, so call
 * {@link #withOffset} after {@link #every}.
 *
 * @param size the length of each window, positive
 * @param period the distance between window starts, positive
 * @param offset the shift of the window starts from the epoch, in {@code [0, period)}
 */
public record SlidingWindows(Duration size, Duration period, Duration offset)
    implements WindowFn<IntervalWindow> {

  /** Validates the durations and normalizes the offset. */
  public SlidingWindows {
    Preconditions.checkNotNull(size, "SlidingWindows needs a size, got null");
    Preconditions.checkNotNull(period, "SlidingWindows needs a period, got null");
    Preconditions.checkNotNull(offset, "SlidingWindows needs an offset, got null");
    Preconditions.checkArgument(
        size.toMillis() > 0, "SlidingWindows.of needs a positive size of at least 1 ms, got %s", size);
    Preconditions.checkArgument(
        period.toMillis() > 0,
        "SlidingWindows.every needs a positive period of at least 1 ms, got %s",
        period);
    offset = Duration.ofMillis(Math.floorMod(offset.toMillis(), period.toMillis()));
  }

  /** Windows of {@code size} starting at the default period (see the class comment). */
  public static SlidingWindows of(Duration size) {
    return new SlidingWindows(size, defaultPeriod(size), Duration.ZERO);
  }

  /** These windows, starting one every {@code period}. */
  public SlidingWindows every(Duration period) {
    return new SlidingWindows(size, period, offset);
  }

  /** These windows with their starts shifted by {@code offset} (taken modulo the period). */
  public SlidingWindows withOffset(Duration offset) {
    return new SlidingWindows(size, period, offset);
  }

  private static Duration defaultPeriod(Duration size) {
    if (size.compareTo(Duration.ofHours(1)) >= 0) {
      return Duration.ofMinutes(1);
    }
    if (size.compareTo(Duration.ofMinutes(1)) >= 0) {
      return Duration.ofSeconds(1);
    }
    return Duration.ofMillis(1);
  }

  /** The windows containing {@code timestampMillis}, in increasing order of start. */
  @Override
  public Collection<IntervalWindow> assignWindows(long timestampMillis) {
    long sizeMillis = size.toMillis();
    long periodMillis = period.toMillis();
    long lastStart = lastStartFor(timestampMillis);
    List<IntervalWindow> windows = new ArrayList<>((int) Math.min(64, sizeMillis / periodMillis + 1));
    long firstStart = lastStart - ((sizeMillis - 1) / periodMillis) * periodMillis;
    for (long start = firstStart; start <= lastStart; start += periodMillis) {
      if (start > timestampMillis - sizeMillis) {
        windows.add(IntervalWindows.cappedWindow(start, sizeMillis));
      }
    }
    return windows;
  }

  private long lastStartFor(long timestampMillis) {
    return timestampMillis - Math.floorMod(timestampMillis - offset.toMillis(), period.toMillis());
  }

  @Override
  public StateCodec<IntervalWindow> windowCodec() {
    return StateCodecs.intervalWindows();
  }

  /**
   * The latest-starting window that contains the main window's maximum timestamp. If the period is
   * longer than the size and no window contains it, the window starting last before it.
   */
  @Override
  public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
    WindowMappings.checkNotGlobal(this, mainWindow);
    return IntervalWindows.cappedWindow(lastStartFor(mainWindow.maxTimestampMillis()), size.toMillis());
  }

  @Override
  public String toString() {
    return "SlidingWindows.of("
        + size
        + ").every("
        + period
        + ")"
        + (offset.isZero() ? "" : ".withOffset(" + offset + ")");
  }
}
