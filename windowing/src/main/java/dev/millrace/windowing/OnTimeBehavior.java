package dev.millrace.windowing;

/** Whether a grouping emits the ON_TIME pane of a window when it would be empty. */
public enum OnTimeBehavior {
  /** Always emit the ON_TIME pane, even if no element arrived since the previous pane. */
  FIRE_ALWAYS,
  /** Emit the ON_TIME pane only if it holds new elements. */
  FIRE_IF_NON_EMPTY
}
