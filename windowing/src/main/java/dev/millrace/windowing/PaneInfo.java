package dev.millrace.windowing;

/**
 * Describes which firing of a window produced an output: its timing relative to the watermark,
 * its index among the window's panes, its index among the non-speculative (on-time and late) panes,
 * and whether it is the first and/or last pane of the window. Beam's {@code PaneInfo}.
 *
 * @param timing EARLY, ON_TIME, LATE, or UNKNOWN when no trigger fired (no grouping yet)
 * @param index the pane's index among all panes of its window, from 0
 * @param nonSpeculativeIndex the index among ON_TIME and LATE panes from 0, or -1 for EARLY panes
 * @param isFirst whether this is the first pane of the window
 * @param isLast whether this is the last pane of the window (no more will follow)
 */
public record PaneInfo(
    Timing timing, long index, long nonSpeculativeIndex, boolean isFirst, boolean isLast) {

  /** The pane of elements that have not passed through a grouping: UNKNOWN, 0, 0, first, last. */
  public static final PaneInfo NO_FIRING = new PaneInfo(Timing.UNKNOWN, 0, 0, true, true);

  /** The single pane of a window that fires once, on time: ON_TIME, 0, 0, first, last. */
  public static final PaneInfo ON_TIME_AND_ONLY_FIRING =
      new PaneInfo(Timing.ON_TIME, 0, 0, true, true);

  /** The timing of a pane relative to the watermark. */
  public enum Timing {
    /** Fired before the input watermark reached the end of the window. */
    EARLY,
    /** The first pane fired once the watermark passed the end of the window, in time. */
    ON_TIME,
    /** Fired after the on-time pane, or after the output watermark passed the window. */
    LATE,
    /** Not produced by a trigger. */
    UNKNOWN
  }
}
