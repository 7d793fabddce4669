package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Session windows: bursts of activity per key separated by at least {@code gapDuration} of
 * inactivity. Each element is first assigned {@code [t, t + gap)}; windows of the same key that
 * overlap are then merged into their span, transitively, so a chain of elements each less than a
 * gap apart forms one session. Windows that merely touch ({@code [0,10)} and {@code [10,20)}) do
 * not merge.
 *
 * <p>All session functions are compatible with each other (their windows are merged anyway).
 * Sessions cannot window a side input.
 *
 * @param gapDuration the minimum gap between sessions, positive
 */
public record Sessions(Duration gapDuration) implements WindowFn<IntervalWindow> {

  /** Validates the gap. */
  public Sessions {
    Preconditions.checkNotNull(gapDuration, "Sessions needs a gap duration, got null");
    Preconditions.checkArgument(
        gapDuration.toMillis() > 0,
        "Sessions.withGapDuration needs a positive gap of at least 1 ms, got %s",
        gapDuration);
  }

  /** Sessions separated by at least {@code gapDuration}. */
  public static Sessions withGapDuration(Duration gapDuration) {
    return new Sessions(gapDuration);
  }

  /** The proto-session {@code [t, t + gap)}. */
  @Override
  public Collection<IntervalWindow> assignWindows(long timestampMillis) {
    return List.of(IntervalWindows.cappedWindow(timestampMillis, gapDuration.toMillis()));
  }

  @Override
  public boolean isMerging() {
    return true;
  }

  @Override
  public void mergeWindows(MergeContext<IntervalWindow> c) {
    MergeOverlappingIntervalWindows.mergeWindows(c);
  }

  @Override
  public boolean isCompatible(WindowFn<?> other) {
    return other instanceof Sessions;
  }

  @Override
  public StateCodec<IntervalWindow> windowCodec() {
    return StateCodecs.intervalWindows();
  }

  /** Always throws: sessions cannot be used as side inputs. */
  @Override
  public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
    throw new UnsupportedOperationException(
        "Sessions cannot be used as side inputs: a main-input window cannot know which session"
            + " window to read. Window the side input with FixedWindows, SlidingWindows or"
            + " GlobalWindows instead.");
  }

  @Override
  public String toString() {
    return "Sessions.withGapDuration(" + gapDuration + ")";
  }
}
