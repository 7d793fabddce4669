package dev.millrace.compliance.differential;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.IntervalWindow;

/** The canonical text of an output element: {@code key=value@timestampMillis in window}. */
final class Canonical {
  private Canonical() {}

  static String of(String key, long value, long timestampMillis, String window) {
    return key + "=" + value + "@" + timestampMillis + " in " + window;
  }

  /** The canonical text of a window, as {@link ReferenceEvaluator.Win#toString()} writes it. */
  static String window(BoundedWindow w) {
    if (w instanceof GlobalWindow) {
      return "global";
    }
    if (w instanceof IntervalWindow iw) {
      return "[" + iw.startMillis() + "," + iw.endMillis() + ")";
    }
    return String.valueOf(w);
  }
}
