package dev.millrace.windowing;

/**
 * The single window that spans all of time, the default for every collection. Its maximum
 * timestamp is {@link Timestamps#GLOBAL_WINDOW_MAX}.
 */
public final class GlobalWindow implements BoundedWindow {
  /** The one instance. */
  public static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  @Override
  public long maxTimestampMillis() {
    return Timestamps.GLOBAL_WINDOW_MAX;
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }
}
