package dev.millrace.windowing;

/**
 * Whether a grouping emits a final pane when a window closes (the watermark passes its end plus the
 * allowed lateness) and no element arrived since the previous pane.
 */
public enum ClosingBehavior {
  /** Always emit a final pane when the window closes, even an empty one. */
  FIRE_ALWAYS,
  /** Emit a final pane on closing only if it holds new elements. */
  FIRE_IF_NON_EMPTY
}
