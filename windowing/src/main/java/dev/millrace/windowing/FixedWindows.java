package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Divides time into consecutive, non-overlapping windows of equal size ("tumbling" windows):
 * {@code [offset + k*size, offset + (k+1)*size)} for every integer {@code k}, including negative
 * timestamps. The offset is normalized into {@code [0, size)}, so {@code withOffset(-1 min)} on
 * 5-minute windows equals {@code withOffset(4 min)}.
 *
 * <p>Example: {@code FixedWindows.of(Duration.ofMinutes(5)).withOffset(Duration.ofMinutes(1))}
 * assigns 12:03 to {@code [12:01, 12:06)}.
 *
 * @param size the length of every window, positive
 * @param offset the shift of the window boundaries from the epoch, in {@code [0, size)}
 */
public record FixedWindows(Duration size, Duration offset) implements WindowFn<IntervalWindow> {

  /** Validates the size and normalizes the offset. */
  public FixedWindows {
    Preconditions.checkNotNull(size, "FixedWindows needs a size, got null");
    Preconditions.checkNotNull(offset, "FixedWindows needs an offset, got null");
    Preconditions.checkArgument(
        size.toMillis() > 0, "FixedWindows.of needs a positive size of at least 1 ms, got %s", size);
    offset = Duration.ofMillis(Math.floorMod(offset.toMillis(), size.toMillis()));
  }

  /** Windows of {@code size} aligned to the epoch. */
  public static FixedWindows of(Duration size) {
    return new FixedWindows(size, Duration.ZERO);
  }

  /** These windows with boundaries shifted by {@code offset} (taken modulo the size). */
  public FixedWindows withOffset(Duration offset) {
    return new FixedWindows(size, offset);
  }

  @Override
  public Collection<IntervalWindow> assignWindows(long timestampMillis) {
    return List.of(windowContaining(timestampMillis));
  }

  /** The one window containing {@code timestampMillis}. */
  public IntervalWindow windowContaining(long timestampMillis) {
    long sizeMillis = size.toMillis();
    long start = timestampMillis - Math.floorMod(timestampMillis - offset.toMillis(), sizeMillis);
    return IntervalWindows.cappedWindow(start, sizeMillis);
  }

  @Override
  public StateCodec<IntervalWindow> windowCodec() {
    return StateCodecs.intervalWindows();
  }

  /** The fixed window containing the main window's maximum timestamp. */
  @Override
  public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
    WindowMappings.checkNotGlobal(this, mainWindow);
    return windowContaining(mainWindow.maxTimestampMillis());
  }

  @Override
  public String toString() {
    return "FixedWindows.of(" + size + ")" + (offset.isZero() ? "" : ".withOffset(" + offset + ")");
  }
}
