package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An element as runners carry it: the value, its event timestamp (epoch millis), the windows it
 * belongs to, and the pane that produced it. Immutable; most values are in exactly one window.
 *
 * @param <T> the type of the value
 */
public final class WindowedValue<T> {
  private final T value;
  private final long timestamp;
  private final List<BoundedWindow> windows;
  private final PaneInfo pane;

  private WindowedValue(T value, long timestamp, List<BoundedWindow> windows, PaneInfo pane) {
    this.value = value;
    this.timestamp = timestamp;
    this.windows = windows;
    this.pane = pane;
  }

  /** A value in the given windows. */
  public static <T> WindowedValue<T> of(
      T value, long timestamp, Collection<? extends BoundedWindow> windows, PaneInfo pane) {
    Preconditions.checkArgument(!windows.isEmpty(), "a value must be in at least one window");
    return new WindowedValue<>(value, timestamp, List.copyOf(windows), pane);
  }

  /** A value in one window. */
  public static <T> WindowedValue<T> of(
      T value, long timestamp, BoundedWindow window, PaneInfo pane) {
    return new WindowedValue<>(value, timestamp, List.of(window), Objects.requireNonNull(pane));
  }

  /** A value in the global window at the minimum timestamp with no pane, as bounded reads emit. */
  public static <T> WindowedValue<T> valueInGlobalWindow(T value) {
    return new WindowedValue<>(value, Timestamps.MIN, GLOBAL, PaneInfo.NO_FIRING);
  }

  /** A value in the global window at the given timestamp. */
  public static <T> WindowedValue<T> timestampedValueInGlobalWindow(T value, long timestamp) {
    return new WindowedValue<>(value, timestamp, GLOBAL, PaneInfo.NO_FIRING);
  }

  private static final List<BoundedWindow> GLOBAL = List.of(GlobalWindow.INSTANCE);

  public T value() {
    return value;
  }

  public long timestamp() {
    return timestamp;
  }

  public List<BoundedWindow> windows() {
    return windows;
  }

  public PaneInfo pane() {
    return pane;
  }

  /** The same metadata with another value. */
  public <U> WindowedValue<U> withValue(U newValue) {
    return new WindowedValue<>(newValue, timestamp, windows, pane);
  }

  /** One value per window, each in exactly that window. */
  public Iterable<WindowedValue<T>> explodeWindows() {
    if (windows.size() == 1) {
      return List.of(this);
    }
    return windows.stream()
        .map(w -> new WindowedValue<>(value, timestamp, List.of(w), pane))
        .toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowedValue<?> w
        && Objects.equals(value, w.value)
        && timestamp == w.timestamp
        && windows.equals(w.windows)
        && pane.equals(w.pane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, timestamp, windows, pane);
  }

  @Override
  public String toString() {
    return value + "@" + Timestamps.format(timestamp) + windows + pane;
  }
}
