package dev.millrace.windowing;

import java.util.Collection;

/** Package-private implementation of the default side-input window mapping. */
final class WindowMappings {
  private WindowMappings() {}

  static BoundedWindow defaultSideInputWindow(WindowFn<?> fn, BoundedWindow mainWindow) {
    if (fn.isMerging()) {
      throw new UnsupportedOperationException(
          fn
              + " merges windows, so it cannot window a side input: a main-input window cannot"
              + " know which merged window to read. Window the side input with a non-merging"
              + " function (e.g. FixedWindows or GlobalWindows) instead.");
    }
    if (mainWindow instanceof GlobalWindow) {
      throw new IllegalArgumentException(
          "a main input in the global window cannot read a side input windowed by "
              + fn
              + ": no single window of it matches the global window. Window the side input into"
              + " GlobalWindows, or window the main input like the side input.");
    }
    Collection<? extends BoundedWindow> windows = fn.assignWindows(mainWindow.maxTimestampMillis());
    BoundedWindow best = null;
    for (BoundedWindow w : windows) {
      if (best == null || startOf(w) > startOf(best)) {
        best = w;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(
          "side input windowed by "
              + fn
              + " has no window containing "
              + Timestamps.format(mainWindow.maxTimestampMillis())
              + ", the end of main-input window "
              + mainWindow
              + "; choose a side-input window function that covers every instant");
    }
    return best;
  }

  static void checkNotGlobal(WindowFn<?> fn, BoundedWindow mainWindow) {
    if (mainWindow instanceof GlobalWindow) {
      defaultSideInputWindow(fn, mainWindow);
    }
  }

  private static long startOf(BoundedWindow w) {
    return w instanceof IntervalWindow iw ? iw.startMillis() : Long.MIN_VALUE;
  }
}
