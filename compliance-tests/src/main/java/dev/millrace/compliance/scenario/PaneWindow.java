package dev.millrace.compliance.scenario;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.IntervalWindow;

/**
 * The window of a pane as the scenario format writes it: {@code "global"} or {@code [start, end)}.
 *
 * @param global whether this is the global window (then start and end are 0)
 * @param start the inclusive start, epoch millis
 * @param end the exclusive end, epoch millis
 */
public record PaneWindow(boolean global, long start, long end) {
  /** The global window. */
  public static final PaneWindow GLOBAL = new PaneWindow(true, 0, 0);

  /** An interval window {@code [start, end)}. */
  public static PaneWindow interval(long start, long end) {
    return new PaneWindow(false, start, end);
  }

  /** The scenario form of a runner's window. */
  public static PaneWindow of(BoundedWindow w) {
    if (w instanceof GlobalWindow) {
      return GLOBAL;
    }
    if (w instanceof IntervalWindow iw) {
      return interval(iw.startMillis(), iw.endMillis());
    }
    throw new IllegalArgumentException("a scenario cannot describe the window " + w);
  }

  @Override
  public String toString() {
    return global
        ? "global"
        : "[" + ScenarioTimes.readable(start) + ", " + ScenarioTimes.readable(end) + ")";
  }
}
