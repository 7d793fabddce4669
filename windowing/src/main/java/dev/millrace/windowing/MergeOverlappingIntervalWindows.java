package dev.millrace.windowing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A reusable merging policy for window functions over {@link IntervalWindow}s: windows that
 * overlap (share at least one instant), directly or through a chain of overlapping windows, merge
 * into their span. Windows that only touch at a boundary do not merge. Used by {@link Sessions};
 * call it from a custom {@link WindowFn#mergeWindows}.
 */
public final class MergeOverlappingIntervalWindows {
  private MergeOverlappingIntervalWindows() {}

  /**
   * Merges every group of two or more distinct overlapping windows of {@code c} into its span.
   * Duplicates in {@link MergeContext#windows()} count once.
   */
  public static void mergeWindows(MergeContext<IntervalWindow> c) {
    List<IntervalWindow> sorted = new ArrayList<>(new TreeSet<>(c.windows()));
    List<IntervalWindow> group = new ArrayList<>();
    IntervalWindow span = null;
    for (IntervalWindow w : sorted) {
      if (span != null && span.intersects(w)) {
        group.add(w);
        span = span.span(w);
      } else {
        flush(c, group, span);
        group = new ArrayList<>();
        group.add(w);
        span = w;
      }
    }
    flush(c, group, span);
  }

  private static void flush(
      MergeContext<IntervalWindow> c, List<IntervalWindow> group, IntervalWindow span) {
    if (group.size() > 1) {
      c.merge(List.copyOf(group), span);
    }
  }
}
